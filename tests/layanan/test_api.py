"""The layanan API as API.md fixes it, and the staff complaint API beside it: each endpoint's happy path,
who may see what (an outsider gets 403/404 everywhere), drafts never public, token scopes, lists in a
constant number of queries. Bad input and wrong states: test_api_galat.py; the index: test_indeks.py."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from layanan import services
from layanan.models import KodeSurvei, Pengaduan, Responden, Tanggapan
from tests import factories as f

from .conftest import komponen_lengkap, layanan_terbit

pytestmark = pytest.mark.django_db

API = "/api/v1"
BENTUK_LACAK = re.compile(r"^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$")


def klien(user=None, **extra):
    """A client acting as `user` (fetched afresh: the rights cached on a user object do not leak between
    requests), or anonymous."""
    c = APIClient(**extra)
    if user is not None:
        c.force_authenticate(user=type(user).objects.get(pk=user.pk))
    return c


def akun(p):
    return p.akun


def hari_ini():
    return timezone.localdate()


# --- the standard: register, version, publish; drafts never public ---------------------------------------


def test_daftar_versi_terbitkan_dan_publik(lay):
    s = lay.s
    kepala = klien(s.kepala_dinas.akun)
    r = kepala.post(
        f"{API}/layanan/",
        {"kode": "imunisasi", "nama": "Imunisasi Anak", "unit": s.upt6.kode, "komponen": komponen_lengkap()},
        format="json",
    )
    assert r.status_code == 201, r.json()
    d = r.json()
    assert (d["kode"], d["nama"], d["unit"], d["instansi"], d["skema"]) == (
        "imunisasi",
        "Imunisasi Anak",
        {"kode": s.upt6.kode, "nama": s.upt6.nama},
        s.instansi.kode,
        "skm2017",
    )
    assert (d["status"], d["versi_berlaku"], d["berlaku_sejak"]) == ("draf", None, None)
    (v1,) = d["versi"]
    assert (v1["versi"], v1["status"], v1["disusun_oleh"], v1["tenggat_pengaduan_hari"]) == (
        1,
        "draf",
        s.kepala_dinas.nip,
        14,
    )
    assert v1["komponen"] == komponen_lengkap()

    # a draft: not public, not seen by staff of another Perangkat Daerah, seen by the Dinas's own staff
    assert klien().get(f"{API}/publik/layanan/imunisasi/").status_code == 404
    assert klien().get(f"{API}/publik/layanan/imunisasi/versi/1/").status_code == 404
    assert "imunisasi" not in [x["kode"] for x in klien().get(f"{API}/publik/layanan/").json()["results"]]
    assert klien(s.staf_seksi.akun).get(f"{API}/layanan/imunisasi/").status_code == 404
    assert klien(s.staf_seksi.akun).get(f"{API}/layanan/imunisasi/versi/1/").status_code == 404
    assert klien(s.staf_upt6.akun).get(f"{API}/layanan/imunisasi/").json()["versi"][0]["status"] == "draf"

    r = kepala.post(f"{API}/layanan/imunisasi/terbitkan/")
    assert r.status_code == 200, r.json()
    assert (r.json()["status"], r.json()["versi_berlaku"]) == ("berlaku", 1)
    assert r.json()["versi"][0]["diterbitkan_oleh"] == s.kepala_dinas.nip

    r = kepala.post(
        f"{API}/layanan/imunisasi/versi/",
        {"komponen": {"biaya": "Rp5.000 per anak"}, "catatan": "Tarif baru", "tenggat_pengaduan_hari": 7},
        format="json",
    )
    assert r.status_code == 201, r.json()
    v2 = r.json()
    assert (v2["versi"], v2["status"], v2["catatan"], v2["tenggat_pengaduan_hari"]) == (2, "draf", "Tarif baru", 7)
    assert v2["komponen"] == {**komponen_lengkap(), "biaya": "Rp5.000 per anak"}
    r = kepala.patch(f"{API}/layanan/imunisasi/versi/2/", {"komponen": {"produk": "Kartu imunisasi"}}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["komponen"]["produk"] == "Kartu imunisasi" and r.json()["komponen"]["biaya"] == "Rp5.000 per anak"

    # the draft of version 2: the pengelola see it, an outsider and the public do not
    assert [v["versi"] for v in klien(s.staf_upt6.akun).get(f"{API}/layanan/imunisasi/").json()["versi"]] == [2, 1]
    luar = klien(s.staf_seksi.akun)
    assert [v["versi"] for v in luar.get(f"{API}/layanan/imunisasi/").json()["versi"]] == [1]
    assert luar.get(f"{API}/layanan/imunisasi/versi/1/").status_code == 200
    assert luar.get(f"{API}/layanan/imunisasi/versi/2/").status_code == 404
    assert klien().get(f"{API}/publik/layanan/imunisasi/versi/2/").status_code == 404
    publik = klien().get(f"{API}/publik/layanan/imunisasi/").json()
    assert (publik["versi"], publik["komponen"]["biaya"]) == (1, komponen_lengkap()["biaya"])

    r = kepala.post(f"{API}/layanan/imunisasi/terbitkan/")
    assert r.status_code == 200 and r.json()["versi_berlaku"] == 2
    publik = klien().get(f"{API}/publik/layanan/imunisasi/").json()
    assert (publik["versi"], publik["komponen"]["biaya"], publik["tenggat_pengaduan_hari"]) == (
        2,
        "Rp5.000 per anak",
        7,
    )
    assert [(v["versi"], v["status"]) for v in publik["versi_terbit"]] == [(2, "berlaku"), (1, "diganti")]
    # the older published version stays readable, with its dates
    lama = klien().get(f"{API}/publik/layanan/imunisasi/versi/1/").json()
    assert (lama["versi"], lama["status"], lama["komponen"]["biaya"]) == (1, "diganti", komponen_lengkap()["biaya"])
    assert lama["berlaku_sampai"] == publik["berlaku_sejak"] and lama["berlaku_sejak"] < lama["berlaku_sampai"]
    baru = klien().get(f"{API}/publik/layanan/imunisasi/versi/2/").json()
    assert (baru["status"], baru["berlaku_sampai"], baru["unit"]["kode"]) == ("berlaku", None, s.upt6.kode)
    assert baru["instansi"] == {"kode": s.instansi.kode, "nama": s.instansi.nama}

    # two drafts, the later published: the earlier is passed over and never public
    for biaya in ("Rp6.000", "Rp7.000"):
        kepala.post(f"{API}/layanan/imunisasi/versi/", {"komponen": {"biaya": biaya}}, format="json")
    kepala.post(f"{API}/layanan/imunisasi/terbitkan/")
    assert klien(s.staf_upt6.akun).get(f"{API}/layanan/imunisasi/versi/3/").json()["status"] == "dilewati"
    assert klien().get(f"{API}/publik/layanan/imunisasi/versi/3/").status_code == 404
    assert luar.get(f"{API}/layanan/imunisasi/versi/3/").status_code == 404
    assert klien().get(f"{API}/publik/layanan/imunisasi/").json()["komponen"]["biaya"] == "Rp7.000"


def test_daftar_layanan_staf_dengan_saring(lay):
    s = lay.s
    layanan_terbit(lay.admin, s.upt6, "pemeriksaan-ibu", "Pemeriksaan Ibu Hamil", skema="ikm2004")
    c = klien(s.staf_bidang.akun)
    semua = c.get(f"{API}/layanan/").json()
    assert semua["count"] == 4  # three published (any unit) and the Bidang's own draft
    assert [x["kode"] for x in semua["results"]] == ["konsultasi-org", "pemeriksaan-ibu", "izin-praktik", "uji-lab"]
    baris = next(x for x in semua["results"] if x["kode"] == "uji-lab")
    assert baris == {
        "kode": "uji-lab",
        "nama": "Uji Laboratorium Kesehatan",
        "unit": {"kode": s.upt5.kode, "nama": s.upt5.nama},
        "instansi": s.instansi.kode,
        "skema": "skm2017",
        "aktif": True,
        "status": "berlaku",
        "versi_berlaku": 1,
        "berlaku_sejak": baris["berlaku_sejak"],
    }
    kode = lambda r: [x["kode"] for x in r.json()["results"]]  # noqa: E731
    assert kode(c.get(f"{API}/layanan/", {"unit": s.dinas.kode})) == ["pemeriksaan-ibu", "izin-praktik", "uji-lab"]
    assert kode(c.get(f"{API}/layanan/", {"unit": s.upt5.kode})) == ["uji-lab"]
    assert kode(c.get(f"{API}/layanan/", {"unit": "tidak-ada"})) == []
    assert kode(c.get(f"{API}/layanan/", {"status": "draf"})) == ["izin-praktik"]
    assert len(kode(c.get(f"{API}/layanan/", {"status": "berlaku"}))) == 3
    assert kode(c.get(f"{API}/layanan/", {"q": "LABORATORIUM"})) == ["uji-lab"]
    assert kode(c.get(f"{API}/layanan/", {"q": "konsultasi-"})) == ["konsultasi-org"]
    assert kode(c.get(f"{API}/layanan/", {"skema": "ikm2004"})) == ["pemeriksaan-ibu"]
    r = c.get(f"{API}/layanan/", {"page_size": 2})
    assert (r.json()["count"], len(r.json()["results"]), r.json()["next"] is not None) == (4, 2, True)
    # staff of the Kecamatan: the published ones only
    assert "izin-praktik" not in kode(klien(s.staf_seksi.akun).get(f"{API}/layanan/"))


def test_katalog_publik(lay):
    s = lay.s
    r = klien().get(f"{API}/publik/layanan/")
    assert r.status_code == 200
    d = r.json()
    assert d["count"] == 2 and [x["kode"] for x in d["results"]] == ["konsultasi-org", "uji-lab"]
    lab = d["results"][1]
    assert set(lab) == {"kode", "nama", "unit", "instansi", "versi", "berlaku_sejak", "komponen"}
    assert lab["unit"] == {"kode": s.upt5.kode, "nama": s.upt5.nama}
    assert lab["instansi"] == {"kode": s.instansi.kode, "nama": s.instansi.nama}
    assert (lab["versi"], lab["komponen"]) == (1, komponen_lengkap())
    kode = lambda q: [x["kode"] for x in klien().get(f"{API}/publik/layanan/", q).json()["results"]]  # noqa: E731
    assert kode({"q": "kelembagaan"}) == ["konsultasi-org"]
    assert kode({"unit": s.dinas.kode}) == ["uji-lab"]
    assert kode({"unit": s.setda.kode}) == ["konsultasi-org"]
    assert kode({"instansi": s.instansi.kode}) == ["konsultasi-org", "uji-lab"]
    assert kode({"instansi": "lain"}) == []
    satu = klien().get(f"{API}/publik/layanan/uji-lab/").json()
    assert set(satu) == {*lab, "tenggat_pengaduan_hari", "skema", "versi_terbit"}
    assert (satu["tenggat_pengaduan_hari"], satu["skema"]) == (5, "skm2017")
    assert satu["versi_terbit"] == [
        {"versi": 1, "status": "berlaku", "berlaku_sejak": lab["berlaku_sejak"], "berlaku_sampai": None}
    ]


def test_publik_tanpa_login_dan_token_rusak_tidak_menghalangi(lay):
    rusak = klien(HTTP_AUTHORIZATION="Token " + "0" * 48)
    assert rusak.get(f"{API}/publik/layanan/").status_code == 200
    assert rusak.get(f"{API}/publik/layanan/uji-lab/").status_code == 200
    r = rusak.post(f"{API}/publik/pengaduan/", {"isi": "Ruang tunggu panas"}, format="json")
    assert r.status_code == 201
    # staff endpoints: anonymous callers get no data
    for url in ("/layanan/", "/layanan/uji-lab/", "/pengaduan/", "/layanan/uji-lab/ikm/", "/unit/dinkes/ikm/"):
        r = klien().get(f"{API}{url}")
        assert r.status_code == 401 and set(r.json()) == {"detail"}, url


def test_publik_post_tanpa_csrf_dengan_sesi_browser(lay):
    """A browser with a staff session (and no CSRF token) may still post a public complaint: the public
    endpoint does not authenticate, so it neither needs nor checks CSRF; anonymous clients likewise."""
    c = APIClient(enforce_csrf_checks=True)
    c.force_login(lay.s.staf_upt5.akun)
    assert c.post(f"{API}/publik/pengaduan/", {"isi": "Saran"}, format="json").status_code == 201
    assert APIClient(enforce_csrf_checks=True).post(f"{API}/publik/pengaduan/", {"isi": "Saran"}).status_code == 201
    # a staff write with that session and no CSRF token is refused
    r = c.post(f"{API}/layanan/uji-lab/kode-survei/", {"jumlah": 1}, format="json")
    assert r.status_code == 403


# --- the survey: paper forms, one-time codes, the index ----------------------------------------------------


def baris(n, tanggal="2026-02-10", **lain):
    return [{"tanggal": tanggal, "jawaban": {f"U{i}": 3 for i in range(1, 10)}, **lain} for _ in range(n)]


def test_responden_catat_dan_baca(lay):
    s = lay.s
    staf = klien(s.staf_upt5.akun)
    kiriman = [
        {"tanggal": "2026-01-05", "jawaban": {"U1": 4, "U2": 3}, "jenis_kelamin": "P", "usia": 34, "pendidikan": "s1"},
        {"tanggal": "2026-01-06", "jawaban": {"U1": 2}, "pekerjaan": "wirausaha"},
    ]
    r = staf.post(f"{API}/layanan/uji-lab/responden/", kiriman, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["jumlah"] == 2 and len(r.json()["id"]) == 2
    assert set(Responden.objects.values_list("pk", flat=True)) == set(r.json()["id"])
    assert Responden.objects.filter(sumber="kertas", dicatat_oleh=s.staf_upt5).count() == 2
    # any staff of the Dinas (the Perangkat Daerah) runs its counters
    assert (
        klien(s.staf_bidang.akun).post(f"{API}/layanan/uji-lab/responden/", baris(1), format="json").status_code == 201
    )

    d = staf.get(f"{API}/layanan/uji-lab/responden/").json()
    assert d["count"] == 3
    assert d["results"][0]["tanggal"] == "2026-02-10"
    satu = next(x for x in d["results"] if x["tanggal"] == "2026-01-05")
    assert satu == {
        "id": satu["id"],
        "tanggal": "2026-01-05",
        "skema": "skm2017",
        "sumber": "kertas",
        "jenis_kelamin": "P",
        "usia": 34,
        "pendidikan": "s1",
        "pekerjaan": None,
        "jawaban": {"U1": 4, "U2": 3},
    }
    assert staf.get(f"{API}/layanan/uji-lab/responden/", {"mulai": "2026-01-06"}).json()["count"] == 2
    assert staf.get(f"{API}/layanan/uji-lab/responden/", {"selesai": "2026-01-05"}).json()["count"] == 1
    assert staf.get(f"{API}/layanan/uji-lab/responden/", {"sumber": "daring"}).json()["count"] == 0

    # outside the Perangkat Daerah: the service is visible (published), its raw rows and its counter are not theirs
    luar = klien(s.staf_seksi.akun)
    assert luar.get(f"{API}/layanan/uji-lab/responden/").status_code == 403
    r = luar.post(f"{API}/layanan/uji-lab/responden/", baris(1), format="json")
    assert r.status_code == 403 and Responden.objects.count() == 3
    # a draft of another Perangkat Daerah is not even visible
    assert luar.get(f"{API}/layanan/izin-praktik/responden/").status_code == 404
    assert luar.post(f"{API}/layanan/izin-praktik/responden/", baris(1), format="json").status_code == 404


def test_responden_semua_atau_tidak_sama_sekali(lay):
    staf = klien(lay.s.staf_upt5.akun)
    kiriman = baris(5)
    kiriman[2]["jawaban"]["U2"] = 5  # row 3
    r = staf.post(f"{API}/layanan/uji-lab/responden/", kiriman, format="json")
    assert r.status_code == 400
    assert r.json() == {"[2].jawaban.U2": ["Baris 3: Nilai harus 1 sampai 4."]}
    assert Responden.objects.count() == 0


def test_kode_survei(lay):
    s = lay.s
    r = klien(s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/kode-survei/", {"jumlah": 3, "hari": 7}, format="json")
    assert r.status_code == 201, r.json()
    d = r.json()
    assert d["layanan"] == "uji-lab" and len(d["kode"]) == 3
    for k in d["kode"]:
        assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}", k["kode"]), k
    halaman = "http://testserver" + reverse("layanan:survei", args=["uji-lab"])
    assert [k["tautan"] for k in d["kode"]] == [f"{halaman}?kode={k['kode']}" for k in d["kode"]]
    tersimpan = {f"{k[:4]}-{k[4:]}" for k in KodeSurvei.objects.values_list("kode", flat=True)}
    assert tersimpan == {k["kode"] for k in d["kode"]}
    sampai = dt.datetime.fromisoformat(d["berlaku_sampai"])
    assert dt.timedelta(days=6, hours=23) < sampai - timezone.now() <= dt.timedelta(days=7)
    # the default: one code, 30 days
    r = klien(s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/kode-survei/", {}, format="json")
    assert r.status_code == 201 and len(r.json()["kode"]) == 1
    # an outsider may not print the Dinas's codes
    r = klien(s.staf_seksi.akun).post(f"{API}/layanan/uji-lab/kode-survei/", {"jumlah": 1}, format="json")
    assert r.status_code == 403 and KodeSurvei.objects.count() == 4


def test_kode_survei_dipakai_sekali_di_halaman_survei(lay):
    """A code from the API lets exactly one questionnaire in (the public form's service)."""
    kode = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/kode-survei/", {}, format="json").json()["kode"]
    jawaban = {f"U{i}": 4 for i in range(1, 10)}
    services.survei_isi(layanan=lay.lab, kode=kode[0]["kode"], jawaban=jawaban)
    with pytest.raises(Exception):  # noqa: B017 - the second use is refused (ValidationError on `kode`)
        services.survei_isi(layanan=lay.lab, kode=kode[0]["kode"], jawaban=jawaban)
    assert Responden.objects.filter(sumber="daring").count() == 1


def test_ikm_layanan_dan_unit(lay):
    s = lay.s
    tahun = hari_ini().year
    tanggal = f"{tahun}-01-15"
    staf = klien(s.staf_upt5.akun)
    # uji-lab: one questionnaire all 4; a second service of the Dinas: one all 2
    staf.post(
        f"{API}/layanan/uji-lab/responden/",
        [{"tanggal": tanggal, "jawaban": dict.fromkeys([f"U{i}" for i in range(1, 10)], 4)}],
        format="json",
    )
    layanan_terbit(lay.admin, s.upt6, "imunisasi")
    klien(s.staf_upt6.akun).post(
        f"{API}/layanan/imunisasi/responden/",
        [{"tanggal": tanggal, "jawaban": dict.fromkeys([f"U{i}" for i in range(1, 10)], 2)}],
        format="json",
    )

    r = klien(s.staf_seksi.akun).get(f"{API}/layanan/uji-lab/ikm/")  # published: any staff may read its index
    assert r.status_code == 200
    d = r.json()
    assert set(d) == {"skema", "responden", "unsur", "ikm", "mutu", "kinerja"}
    assert (d["skema"], d["responden"], d["ikm"], d["mutu"], d["kinerja"]) == (
        "skm2017",
        1,
        "100.00",
        "A",
        "Sangat Baik",
    )
    assert d["unsur"][0] == {
        "kode": "U1",
        "nama": "Persyaratan",
        "jumlah_nilai": 4,
        "jumlah_jawaban": 1,
        "nrr": "4.0000",
    }
    assert [u["kode"] for u in d["unsur"]] == [f"U{i}" for i in range(1, 10)]

    # the unit: every service under it, answers pooled: NRR 3 everywhere, 75.00 (C)
    d = klien(s.staf_upt5.akun).get(f"{API}/unit/{s.dinas.kode}/ikm/").json()
    assert (d["responden"], d["ikm"], d["mutu"], d["kinerja"]) == (2, "75.00", "C", "Kurang Baik")
    assert d["unsur"][8] == {
        "kode": "U9",
        "nama": "Sarana dan prasarana",
        "jumlah_nilai": 6,
        "jumlah_jawaban": 2,
        "nrr": "3.0000",
    }
    assert klien(s.staf_upt5.akun).get(f"{API}/unit/{s.upt5.kode}/ikm/").json()["ikm"] == "100.00"
    assert klien(lay.admin).get(f"{API}/unit/{s.akar.kode}/ikm/").json()["responden"] == 2
    # another period: nobody answered
    d = staf.get(f"{API}/layanan/uji-lab/ikm/", {"mulai": f"{tahun - 1}-01-01", "selesai": f"{tahun - 1}-12-31"}).json()
    assert (d["responden"], d["ikm"], d["mutu"], d["kinerja"]) == (0, None, None, None)
    # staff of the Kecamatan may not see the Dinas's units; a draft service is not theirs to know
    assert klien(s.staf_seksi.akun).get(f"{API}/unit/{s.dinas.kode}/ikm/").status_code == 404
    assert klien(s.staf_seksi.akun).get(f"{API}/layanan/izin-praktik/ikm/").status_code == 404


def test_ikm_bawaan_tahun_berjalan_dan_skema_2017(lay):
    s = lay.s
    tahun = hari_ini().year
    staf = klien(s.staf_upt5.akun)
    for t in (f"{tahun}-01-02", f"{tahun - 1}-12-31"):
        staf.post(f"{API}/layanan/uji-lab/responden/", baris(1, tanggal=t), format="json")
    assert staf.get(f"{API}/layanan/uji-lab/ikm/").json()["responden"] == 1  # the current year only
    assert staf.get(f"{API}/layanan/uji-lab/ikm/", {"selesai": f"{tahun - 1}-12-31"}).json()["responden"] == 1
    assert staf.get(f"{API}/layanan/uji-lab/ikm/", {"mulai": f"{tahun - 1}-06-01"}).json()["responden"] == 1
    # the 2004 scheme asked for: nobody answered it
    d = staf.get(f"{API}/layanan/uji-lab/ikm/", {"skema": "ikm2004"}).json()
    assert (d["skema"], d["responden"], len(d["unsur"]), d["ikm"]) == ("ikm2004", 0, 14, None)
    # a service whose questionnaire is the 2004 one: API.md's default is still skm2017, ikm2004 when asked
    layanan_terbit(lay.admin, s.upt6, "lama", skema="ikm2004")
    rows = [{"tanggal": f"{tahun}-01-02", "jawaban": {f"U{i}": 4 for i in range(1, 15)}}]
    assert klien(s.staf_upt6.akun).post(f"{API}/layanan/lama/responden/", rows, format="json").status_code == 201
    d = staf.get(f"{API}/layanan/lama/ikm/").json()
    assert (d["skema"], d["responden"], d["ikm"]) == ("skm2017", 0, None)
    d = staf.get(f"{API}/layanan/lama/ikm/", {"skema": "ikm2004"}).json()
    assert (d["skema"], d["responden"], d["ikm"], d["mutu"]) == ("ikm2004", 1, "100.00", "A")


# --- complaints: public, then staff ----------------------------------------------------------------------


def ajukan(data=None, alamat="10.1.1.1", **kw):
    isi = {"isi": "Antrean lama"} if data is None else data
    return klien(REMOTE_ADDR=alamat).post(f"{API}/publik/pengaduan/", isi, **kw)


def test_pengaduan_publik_dan_lacak(lay):
    r = ajukan(
        {"isi": "Antrean lama sekali", "layanan": "uji-lab", "nama": "Warga", "kontak": "w@contoh.id"}, format="json"
    )
    assert r.status_code == 201
    assert set(r.json()) == {"kode_lacak"} and BENTUK_LACAK.match(r.json()["kode_lacak"])
    kode = r.json()["kode_lacak"]
    p = Pengaduan.objects.get()
    assert (p.kode_lacak, p.layanan, p.unit, p.nama, p.kontak) == (
        kode.replace("-", ""),
        lay.lab,
        lay.s.upt5,
        "Warga",
        "w@contoh.id",
    )
    assert p.tenggat == timezone.localdate(p.diterima) + dt.timedelta(days=5)
    for bentuk in (kode, kode.lower(), kode.replace("-", ""), kode.replace("-", "").lower()):
        r = klien().get(f"{API}/publik/pengaduan/{bentuk}/")
        assert r.status_code == 200, bentuk
    d = r.json()
    # the status, dates and published answers: nothing else (no text, name, contact, unit, service)
    assert d == {
        "status": "diterima",
        "diterima": d["diterima"],
        "diproses": None,
        "selesai": None,
        "tenggat": p.tenggat.isoformat(),
        "tanggapan": [],
    }
    assert "Antrean" not in r.content.decode() and "Warga" not in r.content.decode()


def test_pengaduan_multipart_dengan_lampiran(lay, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    r = ajukan({"isi": "Lantai licin", "layanan": "uji-lab", "jenis": "saran", "lampiran": png}, format="multipart")
    assert r.status_code == 201, r.json()
    p = Pengaduan.objects.get()
    assert p.jenis == "saran" and p.lampiran.name.startswith("pengaduan/") and p.lampiran.name.endswith(".png")
    d = klien(lay.s.staf_upt5.akun).get(f"{API}/pengaduan/{p.pk}/").json()
    assert d["lampiran"] == reverse("layanan:pengaduan_lampiran", args=[p.pk])


def test_pengaduan_batas_lima_per_jam_per_alamat(lay):
    for i in range(5):
        assert ajukan({"isi": f"Pengaduan {i}"}, format="json").status_code == 201
    r = ajukan({"isi": "Keenam"}, format="json")
    assert r.status_code == 429 and set(r.json()) == {"detail"} and "satu jam" in r.json()["detail"]
    assert Pengaduan.objects.count() == 5
    assert ajukan({"isi": "Dari alamat lain"}, alamat="10.2.2.2", format="json").status_code == 201


def test_alur_pengaduan_staf_sampai_jawaban_tampil(lay):
    s = lay.s
    kode = ajukan({"isi": "Hasil uji terlambat", "layanan": "uji-lab", "nama": "Bu Sri"}, format="json").json()[
        "kode_lacak"
    ]
    p = Pengaduan.objects.get()
    staf, kepala, luar = klien(s.staf_upt5.akun), klien(s.kepala_upt5.akun), klien(s.staf_seksi.akun)

    d = staf.get(f"{API}/pengaduan/").json()
    assert d["count"] == 1
    baris = d["results"][0]
    assert (baris["id"], baris["kode_lacak"], baris["status"], baris["layanan"], baris["unit"]) == (
        p.pk,
        kode,
        "diterima",
        "uji-lab",
        s.upt5.kode,
    )
    assert (baris["isi"], baris["nama"], baris["terlambat"], baris["lampiran"]) == (
        "Hasil uji terlambat",
        "Bu Sri",
        False,
        None,
    )
    # outside the Dinas: nothing to see or do
    assert luar.get(f"{API}/pengaduan/").json()["count"] == 0
    for aksi, data in (
        ("proses", {}),
        ("tugaskan", {"unit": s.upt6.kode}),
        ("tanggapan", {"isi": "x"}),
        ("tutup", {"catatan": "x"}),
    ):
        assert luar.post(f"{API}/pengaduan/{p.pk}/{aksi}/", data, format="json").status_code == 404, aksi
    assert luar.get(f"{API}/pengaduan/{p.pk}/").status_code == 404

    r = staf.post(f"{API}/pengaduan/{p.pk}/proses/", {"catatan": "Dicek ke laboratorium"}, format="json")
    assert r.status_code == 200, r.json()
    assert (r.json()["status"], r.json()["diproses"] is not None) == ("diproses", True)
    r = staf.post(f"{API}/pengaduan/{p.pk}/tanggapan/", {"isi": "Hasil dikirim hari ini."}, format="json")
    assert r.status_code == 201, r.json()
    t = r.json()
    assert (t["pengaduan"], t["isi"], t["oleh"], t["diterbitkan"]) == (
        p.pk,
        "Hasil dikirim hari ini.",
        s.staf_upt5.nip,
        None,
    )
    # not yet published: the public sees no answer
    assert klien().get(f"{API}/publik/pengaduan/{kode}/").json()["tanggapan"] == []
    assert luar.post(f"{API}/tanggapan/{t['id']}/terbitkan/").status_code == 404
    assert luar.get(f"{API}/tanggapan/{t['id']}/").status_code == 404
    assert staf.post(f"{API}/tanggapan/{t['id']}/terbitkan/").status_code == 403  # a head publishes
    r = kepala.post(f"{API}/tanggapan/{t['id']}/terbitkan/")
    assert r.status_code == 200 and r.json()["diterbitkan_oleh"] == s.kepala_upt5.nip
    lacak = klien().get(f"{API}/publik/pengaduan/{kode}/").json()
    assert lacak["status"] == "diproses" and lacak["diproses"] is not None
    assert lacak["tanggapan"] == [{"isi": "Hasil dikirim hari ini.", "diterbitkan": r.json()["diterbitkan"]}]

    r = staf.post(f"{API}/pengaduan/{p.pk}/tutup/", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "selesai"
    d = staf.get(f"{API}/pengaduan/{p.pk}/").json()
    assert [x["aksi"] for x in d["riwayat"]] == [
        "aduan_ajukan",
        "aduan_proses",
        "aduan_jawab",
        "aduan_terbit",
        "aduan_tutup",
    ]
    assert d["riwayat"][1]["oleh"] == s.staf_upt5.nip and d["riwayat"][0]["oleh"] is None
    assert [x["id"] for x in d["tanggapan"]] == [t["id"]]
    lacak = klien().get(f"{API}/publik/pengaduan/{kode}/").json()
    assert lacak["status"] == "selesai" and lacak["selesai"] is not None
    assert staf.get(f"{API}/pengaduan/", {"status": "selesai"}).json()["count"] == 1
    assert staf.get(f"{API}/pengaduan/", {"status": "diterima"}).json()["count"] == 0


def test_pengaduan_tanpa_layanan_ditugaskan_bagian_organisasi(lay):
    s = lay.s
    ajukan({"isi": "Jalan berlubang di depan puskesmas"}, format="json")
    p = Pengaduan.objects.get()
    assert p.unit is None
    # no unit yet: the Bagian Organisasi's alone
    assert klien(s.staf_upt5.akun).get(f"{API}/pengaduan/").json()["count"] == 0
    assert klien(s.staf_upt5.akun).post(f"{API}/pengaduan/{p.pk}/proses/", {}, format="json").status_code == 404
    admin = klien(lay.admin)
    assert admin.get(f"{API}/pengaduan/").json()["count"] == 1
    r = admin.post(f"{API}/pengaduan/{p.pk}/proses/", {"unit": s.upt5.kode}, format="json")
    assert r.status_code == 200 and r.json()["unit"] == s.upt5.kode
    r = admin.post(
        f"{API}/pengaduan/{p.pk}/tugaskan/", {"unit": s.upt6.kode, "catatan": "Wilayah puskesmas"}, format="json"
    )
    assert r.status_code == 200 and r.json()["unit"] == s.upt6.kode
    assert r.json()["riwayat"][-1]["aksi"] == "aduan_tugaskan"
    # the Puskesmas (same Dinas) sees it now; the Kecamatan does not
    assert klien(s.staf_upt6.akun).get(f"{API}/pengaduan/", {"unit": s.upt6.kode}).json()["count"] == 1
    assert klien(s.staf_seksi.akun).get(f"{API}/pengaduan/{p.pk}/").status_code == 404


def test_daftar_pengaduan_saring(lay):
    s = lay.s
    for isi, layanan in (("A", "uji-lab"), ("B", "uji-lab"), ("C", "konsultasi-org")):
        ajukan({"isi": isi, "layanan": layanan, "jenis": "saran" if isi == "B" else "pengaduan"}, format="json")
    lewat = Pengaduan.objects.get(isi="A")
    Pengaduan.objects.filter(pk=lewat.pk).update(tenggat=hari_ini() - dt.timedelta(days=1))
    admin = klien(lay.admin)
    isi = lambda q: sorted(x["isi"] for x in admin.get(f"{API}/pengaduan/", q).json()["results"])  # noqa: E731
    assert isi({}) == ["A", "B", "C"]
    assert isi({"layanan": "uji-lab"}) == ["A", "B"]
    assert isi({"unit": s.dinas.kode}) == ["A", "B"]
    assert isi({"unit": s.bag_org.kode}) == ["C"]
    assert isi({"terlambat": "1"}) == ["A"]
    assert isi({"terlambat": "0"}) == ["B", "C"]
    assert isi({"jenis": "saran"}) == ["B"]
    terlambat = admin.get(f"{API}/pengaduan/", {"terlambat": "1"}).json()["results"][0]
    assert terlambat["terlambat"] is True
    assert isi({"status": "diproses"}) == []


# --- lists in a constant number of queries ---------------------------------------------------------------


def _jumlah_kueri(c, url, **q):
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url, q)
    assert r.status_code == 200, r.json()
    return len(ctx), r


@pytest.mark.parametrize(
    "url,siapa",
    [
        ("/layanan/", "staf_upt5"),
        ("/layanan/?status=berlaku&unit=dinkes", "staf_upt5"),
        ("/publik/layanan/", None),
        ("/pengaduan/", "admin"),
        ("/pengaduan/?terlambat=0&unit=dinkes", "staf_upt5"),
        ("/layanan/uji-lab/responden/", "staf_upt5"),
        ("/layanan/uji-lab/", "staf_upt5"),
        ("/pengaduan/{p}/", "staf_upt5"),
        ("/publik/layanan/uji-lab/", None),
        ("/publik/pengaduan/{kode}/", None),
        ("/layanan/uji-lab/ikm/", "staf_upt5"),
        ("/unit/dinkes/ikm/", "staf_upt5"),
    ],
)
def test_kueri_tetap_berapa_pun_datanya(lay, django_assert_max_num_queries, url, siapa):
    s = lay.s
    user = lay.admin if siapa == "admin" else (getattr(s, siapa).akun if siapa else None)
    kode = ajukan({"isi": "Satu", "layanan": "uji-lab"}, format="json").json()["kode_lacak"]
    p = Pengaduan.objects.get()
    jalur = f"{API}{url}".format(p=p.pk, kode=kode)

    def tambah(n, awal):
        for i in range(n):
            layanan_terbit(lay.admin, s.upt6 if i % 2 else s.bag_org, f"tambahan-{awal}-{i}")
            services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": f"Rp{awal}{i}"})
            services.versi_terbitkan(pelaku=lay.admin, layanan=lay.lab)
            services.pengaduan_ajukan(isi=f"Aduan {i}", layanan="uji-lab", alamat=f"10.9.{awal}.{i}")
        services.responden_catat(pelaku=lay.admin, layanan=lay.lab, baris=baris(5 * n))
        pengaduan = Pengaduan.objects.get(pk=p.pk)
        if pengaduan.status == "diterima":
            services.pengaduan_proses(pelaku=lay.admin, pengaduan=pengaduan)
        for _ in range(n):
            t = services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=pengaduan, isi="Tanggapan")
            services.tanggapan_terbitkan(pelaku=lay.admin, tanggapan=t)

    # each measured request follows one unmeasured: caches of the framework (content types) are warm in both
    tambah(2, 1)
    klien(user).get(jalur)
    n1, r1 = _jumlah_kueri(klien(user), jalur)
    tambah(6, 2)
    klien(user).get(jalur)
    c = klien(user)
    with django_assert_max_num_queries(n1):
        r2 = c.get(jalur)
    assert r2.status_code == 200 and r2.content != r1.content  # more data, the same queries


# --- token scopes ----------------------------------------------------------------------------------------


def test_cakupan_token(lay):
    s = lay.s
    baca = f.kunci_token(s.staf_upt5.akun, cakupan=["layanan:baca"])
    lain = f.kunci_token(s.staf_upt5.akun, cakupan=["kinerja:baca", "kinerja:tulis"])
    tulis = f.kunci_token(s.staf_upt5.akun, cakupan=["layanan:baca", "layanan:tulis"])
    p = Pengaduan.objects.create(
        kode_lacak="ABCDEFGHJKMN", instansi=s.instansi, layanan=lay.lab, unit=s.upt5, isi="x", tenggat=hari_ini()
    )
    t = Tanggapan.objects.create(pengaduan=p, isi="y", oleh=s.staf_upt5)
    baca_url = [
        "/layanan/",
        "/layanan/uji-lab/",
        "/layanan/uji-lab/versi/1/",
        "/layanan/uji-lab/responden/",
        "/layanan/uji-lab/ikm/",
        "/unit/dinkes/ikm/",
        "/pengaduan/",
        f"/pengaduan/{p.pk}/",
        f"/tanggapan/{t.pk}/",
    ]
    tulis_url = [
        ("post", "/layanan/", {}),
        ("post", "/layanan/uji-lab/versi/", {}),
        ("patch", "/layanan/uji-lab/versi/1/", {}),
        ("post", "/layanan/uji-lab/terbitkan/", {}),
        ("post", "/layanan/uji-lab/responden/", []),
        ("post", "/layanan/uji-lab/kode-survei/", {}),
        ("post", f"/pengaduan/{p.pk}/proses/", {}),
        ("post", f"/pengaduan/{p.pk}/tugaskan/", {}),
        ("post", f"/pengaduan/{p.pk}/tanggapan/", {}),
        ("post", f"/pengaduan/{p.pk}/tutup/", {}),
        ("post", f"/tanggapan/{t.pk}/terbitkan/", {}),
    ]
    for url in baca_url:
        assert klien(HTTP_AUTHORIZATION=f"Token {baca}").get(f"{API}{url}").status_code == 200, url
        r = klien(HTTP_AUTHORIZATION=f"Token {lain}").get(f"{API}{url}")
        assert r.status_code == 403 and "cakupan" in r.json()["detail"], url
    for metode, url, data in tulis_url:
        r = getattr(klien(HTTP_AUTHORIZATION=f"Token {baca}"), metode)(f"{API}{url}", data, format="json")
        assert r.status_code == 403 and "cakupan" in r.json()["detail"], url
        # with the scope the request reaches the view (and fails there on its empty body or state)
        r = getattr(klien(HTTP_AUTHORIZATION=f"Token {tulis}"), metode)(f"{API}{url}", data, format="json")
        assert r.status_code != 403 or "cakupan" not in r.json()["detail"], url
    r = klien(HTTP_AUTHORIZATION=f"Token {tulis}").post(f"{API}/layanan/uji-lab/kode-survei/", {}, format="json")
    assert r.status_code == 201
    # public endpoints need no token, and any token (even without a layanan scope) is simply not looked at
    assert klien(HTTP_AUTHORIZATION=f"Token {lain}").get(f"{API}/publik/layanan/").status_code == 200
    assert klien(HTTP_AUTHORIZATION=f"Token {lain}").get(f"{API}/publik/pengaduan/ABCD-EFGH-JKMN/").status_code == 200


# --- the answers match the served schema ------------------------------------------------------------------


def test_jawaban_sesuai_skema(lay, admin_organisasi):
    import jsonschema

    from tests.organisasi.test_api_akses import openapi_ke_jsonschema

    s = lay.s
    kode = ajukan({"isi": "Satu", "layanan": "uji-lab"}, format="json").json()["kode_lacak"]
    p = Pengaduan.objects.get()
    services.pengaduan_proses(pelaku=lay.admin, pengaduan=p)
    t = services.tanggapan_tulis(pelaku=s.staf_upt5.akun, pengaduan=p, isi="Jawab")
    services.tanggapan_terbitkan(pelaku=lay.admin, tanggapan=t)
    services.responden_catat(pelaku=lay.admin, layanan=lay.lab, baris=baris(2, tanggal=f"{hari_ini().year}-01-01"))
    c = klien(lay.admin)
    skema = c.get(f"{API}/schema/", {"format": "json"}).json()
    kasus = [
        ("/layanan/", "/api/v1/layanan/", c),
        ("/layanan/uji-lab/", "/api/v1/layanan/{kode}/", c),
        ("/layanan/izin-praktik/", "/api/v1/layanan/{kode}/", c),
        ("/layanan/uji-lab/versi/1/", "/api/v1/layanan/{kode}/versi/{nomor}/", c),
        ("/layanan/uji-lab/responden/", "/api/v1/layanan/{kode}/responden/", c),
        ("/layanan/uji-lab/ikm/", "/api/v1/layanan/{kode}/ikm/", c),
        ("/layanan/uji-lab/ikm/?mulai=2001-01-01&selesai=2001-12-31", "/api/v1/layanan/{kode}/ikm/", c),
        ("/unit/dinkes/ikm/", "/api/v1/unit/{kode}/ikm/", c),
        ("/pengaduan/", "/api/v1/pengaduan/", c),
        (f"/pengaduan/{p.pk}/", "/api/v1/pengaduan/{id}/", c),
        (f"/tanggapan/{t.pk}/", "/api/v1/tanggapan/{id}/", c),
        ("/publik/layanan/", "/api/v1/publik/layanan/", klien()),
        ("/publik/layanan/uji-lab/", "/api/v1/publik/layanan/{kode}/", klien()),
        ("/publik/layanan/uji-lab/versi/1/", "/api/v1/publik/layanan/{kode}/versi/{nomor}/", klien()),
        (f"/publik/pengaduan/{kode}/", "/api/v1/publik/pengaduan/{kode_lacak}/", klien()),
    ]
    for url, path, k in kasus:
        r = k.get(f"{API}{url}")
        assert r.status_code == 200, url
        media = skema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        dokumen = {"components": openapi_ke_jsonschema(skema["components"]), **openapi_ke_jsonschema(media)}
        jsonschema.validate(r.json(), dokumen)
        nama = media.get("$ref", "").rsplit("/", 1)[-1]
        if nama:  # every key returned is documented, and the other way round
            assert set(r.json()) == set(skema["components"]["schemas"][nama]["properties"]), url
