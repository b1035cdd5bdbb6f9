"""The penugasan API exactly as API.md fixes it: shapes, who may see and act, and every error code."""

import pytest
from rest_framework.test import APIClient

from penugasan.choices import StatusBerkas
from penugasan.models import Penugasan, Surat
from penugasan.tasks import render_surat
from tests import factories as f

from .conftest import ajukan

pytestmark = pytest.mark.django_db


def klien(pegawai=None, user=None):
    c = APIClient()
    if pegawai is not None or user is not None:
        c.force_login(user or pegawai.akun)
    return c


def isi(alur, unit, pegawai=(), **lain):
    return {
        "alur": alur,
        "unit_tujuan": unit.kode,
        "pegawai": [p.nip for p in pegawai],
        "maksud": "Menyusun SOP pelayanan",
        "kompetensi": "Analisis kebijakan",
        "target": "3 SOP",
        "mulai": "2027-01-04",
        "selesai": "2027-03-31",
        **lain,
    }


def test_alur_a_lewat_api_201_dengan_surat(s):
    r = klien(s.kepala_bidang).post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang]), format="json")
    assert r.status_code == 201, r.json()
    d = r.json()
    assert (d["alur"], d["status"], d["langkah"]) == ("A", "selesai", None)
    assert d["pemohon"] == s.kepala_bidang.nip and d["unit_tujuan"] == "dinkes-yankes"
    assert d["pegawai"] == [s.staf_bidang.nip]
    assert [(x["jenis"], x["status"]) for x in d["surat"]] == [("penugasan", "berlaku")]
    assert d["riwayat"][0]["langkah"] == "permohonan" and d["riwayat"][0]["oleh"] == s.kepala_bidang.nip
    assert set(d["surat"][0]) == {"id", "jenis", "nomor", "tanggal", "kode_verifikasi", "status"}


def test_alur_b_lewat_api_langkah_pelaku_dan_kode_galat(s):
    pemohon, ppk = klien(s.kepala_bidang2), klien(s.kepala_bidang)
    r = pemohon.post("/api/v1/penugasan/", isi("B", s.bidang, batas_keputusan="2027-01-01"), format="json")
    assert r.status_code == 201
    d = r.json()
    url = f"/api/v1/penugasan/{d['id']}/"
    assert d["langkah"] == {"nama": "persetujuan_ppk", "pelaku": [s.kepala_bidang.nip], "perlu_pegawai": True}
    assert d["tembusan"] == [s.kepala_dinas.nip]
    assert [x["jenis"] for x in d["surat"]] == ["permohonan"]
    # the requester may see it but not decide it; an outsider may not even know it exists
    assert pemohon.post(url + "lanjut/", {}, format="json").status_code == 403
    assert klien(s.staf_kelurahan).get(url).status_code == 404
    assert klien(s.staf_kelurahan).post(url + "lanjut/", {}, format="json").status_code == 404
    r = ppk.post(url + "lanjut/", {"pegawai": [s.staf_bidang2.nip]}, format="json")
    assert r.status_code == 400 and "pegawai" in r.json()
    r = ppk.post(url + "lanjut/", {"pegawai": ["199901012020011999"]}, format="json")
    assert r.status_code == 400 and "pegawai[0]" in r.json()
    assert ppk.post(url + "tolak/", {}, format="json").status_code == 400
    r = ppk.post(url + "lanjut/", {"pegawai": [s.staf_bidang.nip], "catatan": "Setuju"}, format="json")
    assert r.status_code == 200
    d = r.json()
    assert (d["status"], d["langkah"], d["pegawai"]) == ("selesai", None, [s.staf_bidang.nip])
    assert d["riwayat"][-1] == {
        **d["riwayat"][-1],
        "langkah": "persetujuan_ppk",
        "aksi": "lanjut",
        "oleh": s.kepala_bidang.nip,
        "catatan": "Setuju",
    }
    assert ppk.post(url + "lanjut/", {"pegawai": [s.staf_bidang.nip]}, format="json").status_code == 409
    assert ppk.post(url + "tolak/", {"alasan": "Terlambat sekali ini"}, format="json").status_code == 409
    assert pemohon.post(url + "tarik/", {}, format="json").status_code == 409


def test_tolak_dan_tarik(s):
    pemohon = klien(s.kepala_bidang2)
    a = pemohon.post("/api/v1/penugasan/", isi("B", s.bidang), format="json").json()
    b = pemohon.post("/api/v1/penugasan/", isi("B", s.bidang), format="json").json()
    r = klien(s.kepala_bidang).post(
        f"/api/v1/penugasan/{a['id']}/tolak/", {"alasan": "Analis sedang bertugas di tim lain."}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "ditolak"
    assert [x["jenis"] for x in r.json()["surat"]] == ["permohonan", "jawaban"]
    assert klien(s.kepala_bidang).post(f"/api/v1/penugasan/{b['id']}/tarik/", {}, format="json").status_code == 403
    r = pemohon.post(f"/api/v1/penugasan/{b['id']}/tarik/", {"alasan": "Batal"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "ditarik" and r.json()["langkah"] is None


def test_tidak_sesuai_alur_400_dan_tidak_berhak_403(s):
    c = klien(s.kepala_bidang2)
    r = c.post("/api/v1/penugasan/", isi("B", s.seksi), format="json")
    assert r.status_code == 400 and "unit_tujuan" in r.json()
    r = c.post("/api/v1/penugasan/", isi("A", s.bidang, [s.staf_bidang]), format="json")
    assert r.status_code == 400
    r = klien(s.staf_bidang).post("/api/v1/penugasan/", isi("C", s.seksi), format="json")
    assert r.status_code == 403
    r = c.post(
        "/api/v1/penugasan/",
        {**isi("Z", s.bidang), "unit_tujuan": "tidak-ada", "maksud": "", "mulai": "kemarin"},
        format="json",
    )
    assert r.status_code == 400 and {"alur", "unit_tujuan", "maksud", "mulai"} <= set(r.json())
    assert not Penugasan.objects.exists()


def test_anonim_tanpa_data(s):
    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    for url in (
        "/api/v1/penugasan/",
        f"/api/v1/penugasan/{p.pk}/",
        "/api/v1/tim/",
        f"/api/v1/surat/{p.surat.get().pk}/",
        f"/api/v1/surat/{p.surat.get().pk}/pdf/",
    ):
        r = APIClient().get(url)
        assert r.status_code in (401, 403) and set(r.json()) == {"detail"}, url
    assert APIClient().post("/api/v1/penugasan/", isi("A", s.bidang), format="json").status_code in (401, 403)


def test_daftar_hanya_yang_boleh_dilihat_dengan_kueri_tetap(s, django_assert_max_num_queries):
    for _ in range(3):
        ajukan(s.kepala_bidang2, "B", s.bidang, [s.staf_bidang])
    ajukan(s.kepala_kelurahan, "A", s.kelurahan, [s.staf_kelurahan])
    c = klien(s.kepala_bidang)
    c.get("/api/v1/penugasan/")  # warm Django's content-type cache, which the count would otherwise include
    with django_assert_max_num_queries(16) as q:
        r = c.get("/api/v1/penugasan/")
    n_tiga = len(q.captured_queries)
    assert r.json()["count"] == 3
    for _ in range(5):
        ajukan(s.kepala_bidang2, "B", s.bidang, [s.staf_bidang])
    with django_assert_max_num_queries(n_tiga) as q:
        r = c.get("/api/v1/penugasan/")
    assert r.json()["count"] == 8 and len(q.captured_queries) == n_tiga
    assert klien(s.staf_kelurahan).get("/api/v1/penugasan/").json()["count"] == 1
    assert klien(s.staf_seksi).get("/api/v1/penugasan/").json()["count"] == 0
    menunggu = c.get("/api/v1/penugasan/?menunggu=saya").json()
    assert menunggu["count"] == 8 and all(x["langkah"]["pelaku"] == [s.kepala_bidang.nip] for x in menunggu["results"])


def test_tim_lintas_unit_dengan_peringatan(s):
    c = klien(s.kepala_dinas)
    r = c.post(
        "/api/v1/tim/",
        {
            "nama": "Tim Stunting",
            "tujuan": "Turunkan stunting",
            "unit_pemilik": "dinkes-yankes",
            "ketua": s.staf_bidang2.nip,
            "anggota": [s.staf_bidang.nip, s.staf_kelurahan.nip],
            "peran": {s.staf_bidang.nip: "analis data"},
            "sifat": "insidental",
            "mulai": "2027-01-01",
            "selesai": "2027-12-31",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    d = r.json()
    assert d["ketua"] == s.staf_bidang2.nip and sorted(d["anggota"]) == sorted(
        [s.staf_bidang.nip, s.staf_kelurahan.nip]
    )
    assert d["unit_pemilik"] == "dinkes-yankes" and d["sifat"] == "insidental"
    assert len(d["peringatan"]) == 1 and "Pasal 6" in d["peringatan"][0]
    assert {"nip": s.staf_bidang.nip, "nama": s.staf_bidang.nama, "peran": "analis data", "mulai": "2027-01-01"} in d[
        "anggota_rinci"
    ]
    url = f"/api/v1/tim/{d['id']}/"
    assert klien(s.staf_kelurahan).get(url).status_code == 200  # a member
    assert klien(s.staf_seksi).get(url).status_code == 404
    assert klien(s.staf_seksi).get("/api/v1/tim/").json()["count"] == 0
    r = klien(s.kepala_bidang2).post(
        "/api/v1/tim/", {**r.json(), "unit_pemilik": "dinkes-yankes", "anggota": []}, format="json"
    )
    assert r.status_code == 403
    r = c.post(
        "/api/v1/tim/",
        {
            "nama": "",
            "unit_pemilik": "dinkes-yankes",
            "ketua": "1",
            "sifat": "x",
            "mulai": "2027-01-01",
            "selesai": "2026-01-01",
        },
        format="json",
    )
    assert r.status_code == 400 and {"nama", "ketua", "sifat"} <= set(r.json())
    r = klien(s.staf_bidang).post(
        "/api/v1/tim/", {"unit_pemilik": "dinkes-yankes", "ketua": s.staf_kelurahan.nip}, format="json"
    )
    assert r.status_code == 403 and s.staf_kelurahan.nama not in r.content.decode()  # asked before any NIP


def test_surat_metadata_pdf_dan_verifikasi_publik(s, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    surat = p.surat.get()
    c = klien(s.staf_bidang)
    d = c.get(f"/api/v1/surat/{surat.pk}/").json()
    assert d["nomor"] == surat.nomor and d["penandatangan"]["nip"] == s.kepala_bidang.nip
    assert d["kepada"][0]["nip"] == s.staf_bidang.nip and d["status_berkas"] == "menunggu"
    assert klien(s.staf_seksi).get(f"/api/v1/surat/{surat.pk}/").status_code == 404
    r = c.get(f"/api/v1/surat/{surat.pk}/pdf/")
    assert r.status_code == 202 and r["Retry-After"] == "5"
    render_surat(surat.pk)
    r = c.get(f"/api/v1/surat/{surat.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    assert Surat.objects.get(pk=surat.pk).status_berkas == StatusBerkas.SELESAI

    r = APIClient().get(f"/api/v1/surat/verifikasi/{surat.kode_verifikasi}/")
    assert r.status_code == 200
    v = r.json()
    assert (v["terbit"], v["nomor"], v["status"], v["jenis"]) == (True, surat.nomor, "berlaku", "penugasan")
    assert v["penandatangan"]["nama"] == s.kepala_bidang.nama
    assert s.kepala_bidang.nip not in r.content.decode() and s.staf_bidang.nip not in r.content.decode()
    assert set(v) == {"terbit", "nomor", "tanggal", "jenis", "perihal", "penandatangan", "status", "pengganti"}
    assert APIClient().get("/api/v1/surat/verifikasi/TIDAKADA2345/").status_code == 404
    assert APIClient().get(f"/surat/verifikasi/{surat.kode_verifikasi}/").status_code == 200
    assert APIClient().get("/surat/verifikasi/TIDAKADA2345/").status_code == 404


def test_cakupan_token(s):
    baca = f.kunci_token(s.kepala_bidang.akun, cakupan=["penugasan:baca"])
    struktur = f.kunci_token(s.kepala_bidang.akun, cakupan=["struktur:baca"])
    tulis = f.kunci_token(s.kepala_bidang.akun, cakupan=["penugasan:baca", "penugasan:tulis"])
    c = APIClient()
    assert c.get("/api/v1/penugasan/", HTTP_AUTHORIZATION=f"Token {baca}").status_code == 200
    assert c.get("/api/v1/penugasan/", HTTP_AUTHORIZATION=f"Token {struktur}").status_code == 403
    body = isi("A", s.bidang, [s.staf_bidang])
    assert c.post("/api/v1/penugasan/", body, format="json", HTTP_AUTHORIZATION=f"Token {baca}").status_code == 403
    assert c.post("/api/v1/penugasan/", body, format="json", HTTP_AUTHORIZATION=f"Token {tulis}").status_code == 201


def test_klien_api_membaca_semua_dan_baca_tercatat(s):
    from organisasi.models import AksesDataPribadi

    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    klien_api = f.akun_klien_api("simpeg")
    kunci = f.kunci_token(klien_api, cakupan=["penugasan:baca"])
    r = APIClient().get(f"/api/v1/penugasan/{p.pk}/", HTTP_AUTHORIZATION=f"Token {kunci}")
    assert r.status_code == 200
    log = AksesDataPribadi.objects.get(user=klien_api)
    assert set(log.subjek.split()) == {s.kepala_bidang.nip, s.staf_bidang.nip}


def test_kandidat_untuk_pimpinan_saja(s):
    url = f"/api/v1/penugasan/kandidat/?unit_tujuan={s.bidang.kode}&mulai=2027-01-01&selesai=2027-06-30"
    ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    r = klien(s.kepala_bidang).get(url)
    assert r.status_code == 200
    d = r.json()
    assert [(x["nip"], x["jumlah_penugasan"]) for x in d["results"]] == [
        (s.staf_bidang_b.nip, 0),
        (s.staf_bidang.nip, 1),
    ]
    assert klien(s.staf_bidang).get(url).status_code == 403
    assert klien(s.kepala_kelurahan).get(url).status_code == 404  # another Perangkat Daerah's unit
    r = klien(s.kepala_bidang).get(url + "&kompetensi=x")
    assert r.status_code == 400 and "kompetensi[0]" in r.json()
    r = klien(s.kepala_bidang).get(url.replace("2027-06-30", "2026-01-01"))
    assert r.status_code == 400 and "selesai" in r.json()


def test_nip_di_luar_jangkauan_sama_dengan_tidak_ada(s):
    c = klien(s.kepala_bidang2)
    luar = c.post("/api/v1/penugasan/", isi("B", s.bidang, [s.staf_kelurahan]), format="json").json()
    tidak_ada = c.post(
        "/api/v1/penugasan/", {**isi("B", s.bidang), "pegawai": ["199901012020011999"]}, format="json"
    ).json()
    assert luar["pegawai[0]"][0].replace(s.staf_kelurahan.nip, "X") == tidak_ada["pegawai[0]"][0].replace(
        "199901012020011999", "X"
    )
    assert s.staf_kelurahan.nama not in str(luar)
    r = c.post("/api/v1/penugasan/", isi("B", s.bidang, [s.staf_bidang_b]), format="json")
    assert r.status_code == 201  # within reach: the same Dinas


def test_pdf_gagal_diantrekan_ulang_sekali(s, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from penugasan import tasks

    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    Surat.objects.filter(pk=surat.pk).update(status_berkas=StatusBerkas.GAGAL)
    antre = []
    monkeypatch.setattr(tasks.render_surat, "delay", lambda pk: antre.append(pk))
    c = klien(s.staf_bidang)
    assert c.get(f"/api/v1/surat/{surat.pk}/pdf/").status_code == 202
    assert c.get(f"/api/v1/surat/{surat.pk}/pdf/").status_code == 202
    assert antre == [surat.pk]
    Surat.objects.filter(pk=surat.pk).update(dibuat="2020-01-01T00:00:00Z")
    assert tasks.render_tertunda() == 1 and antre == [surat.pk, surat.pk]
