"""The kinerja API as API.md fixes it: each of the six patterns walked from the PK to a finished result,
who may see what, token scopes, and lists with constant query counts. Error codes: test_api_galat.py."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from kinerja import services
from organisasi.choices import JenisPeran
from organisasi.selectors import hari_ini
from organisasi.services import pejabat_tetapkan
from tests import factories as f

from .conftest import TAHUN, kegiatan, pk_berlaku, rencana_disetujui, sasaran

pytestmark = pytest.mark.django_db


def klien(pegawai=None, user=None):
    c = APIClient()
    c.force_authenticate(user=user or pegawai.akun)
    return c


def plh_kepala_dinas(s):
    """A Plh standing in for the Kepala Dinas from today."""
    plh = f.pegawai(s.dinas, nama="Sekretaris Dinas")
    mulai = hari_ini()
    pejabat_tetapkan(
        pelaku=None, unit=s.dinas, pegawai=plh, jenis=JenisPeran.PLH, mulai=mulai, selesai=mulai + dt.timedelta(30)
    )
    return plh


# pattern: (unit of the PK, [(unit below, who hands down)], owner, who carries it out, review chain)
POLA = {
    1: ("setda", [("asisten", "kepala_setda"), ("bag_org", "kepala_asisten")], "kepala_bag_org", "analis"),
    2: ("dinas", [("bidang", "kepala_dinas")], "kepala_bidang", "staf_bidang"),
    3: ("dpmptsp", [], "kepala_dpmptsp", "staf_dpmptsp"),
    4: ("kecamatan", [("seksi", "kepala_kecamatan")], "kepala_seksi", "staf_seksi"),
    5: ("kelurahan", [], "kepala_kelurahan", "staf_kelurahan"),
    6: ("upt6", [], "kepala_upt6", "staf_upt6"),
}
RANTAI = {
    1: ["kepala_bag_org", "kepala_asisten", "kepala_setda"],
    2: ["kepala_bidang", "plh"],  # the Kepala Dinas is away: the Plh reviews last
    3: ["kepala_dpmptsp"],
    4: ["kepala_seksi", "kepala_kecamatan"],
    5: ["kepala_kelurahan"],
    6: ["kepala_upt6"],
}


def susun_dan_tetapkan(kepala, unit) -> int:
    c = klien(kepala)
    r = c.post("/api/v1/perjanjian-kinerja/", {"unit": unit.kode, "tahun": TAHUN, "sasaran": sasaran()}, format="json")
    assert r.status_code == 201, r.json()
    d = r.json()
    assert (d["unit"], d["status"], d["versi"]) == (unit.kode, "draf", 1)
    assert d["sasaran"][0]["indikator"][0] == {
        "uraian": "Indikator 1",
        "satuan": "dokumen",
        "target": "100.00",
        "nilai_target": "100.00",
    }
    r = c.post(f"/api/v1/perjanjian-kinerja/{d['id']}/tetapkan/")
    assert r.status_code == 200, r.json()
    ind = r.json()["sasaran"][0]["indikator"][0]
    assert r.json()["status"] == "ditetapkan" and isinstance(ind["target"], int) and ind["nilai_target"] == "100.00"
    return ind["target"]


@pytest.mark.parametrize("pola", sorted(POLA))
def test_pola_dari_pk_sampai_selesai_dengan_satu_pengembalian(s, pola):
    unit_pk, turun, pemilik, pelaksana = POLA[pola]
    orang = lambda nama: s.plh if nama == "plh" else getattr(s, nama)  # noqa: E731
    target = susun_dan_tetapkan(getattr(s, f"kepala_{unit_pk}"), getattr(s, unit_pk))
    for unit, oleh in turun:
        r = klien(orang(oleh)).post(
            f"/api/v1/target/{target}/turunkan/",
            {"unit": getattr(s, unit).kode, "uraian": "Bagian unit", "satuan": "dokumen", "target": 60},
            format="json",
        )
        assert r.status_code == 201, r.json()
        assert (r.json()["induk"], r.json()["unit"]) == (target, getattr(s, unit).kode)
        target = r.json()["id"]
    if pola == 2:
        s.plh = plh_kepala_dinas(s)
    pemilik, pelaksana = orang(pemilik), orang(pelaksana)
    d = klien(pemilik).get(f"/api/v1/target/{target}/").json()
    assert d["pemilik"] == {
        "nip": pemilik.nip,
        "nama": pemilik.nama,
        "jabatan": pemilik.jabatan.nama,
        "sebagai": "definitif",
    }
    assert set(d) >= {"id", "perjanjian", "induk", "unit", "uraian", "satuan", "target", "capaian", "strategi"}
    assert (d["strategi"], d["turunan"], d["capaian"]) == (None, [], "0.00")

    r = klien(pemilik).post(f"/api/v1/target/{target}/strategi/", {"cara": "individu"}, format="json")
    assert r.status_code == 200 and "penugasan" not in r.json()
    assert r.json()["strategi"] == {"cara": "individu", "tim": None, "lintas_unit": False, "perlu_ketua": False}
    r = klien(pelaksana).post(f"/api/v1/target/{target}/rencana/", {"kegiatan": kegiatan(pelaksana)}, format="json")
    assert r.status_code == 201, r.json()
    rencana = r.json()
    assert (rencana["status"], rencana["versi"], rencana["kegiatan"][0]["pelaksana"]) == (
        "diajukan",
        1,
        [pelaksana.nip],
    )
    r = klien(pemilik).post(f"/api/v1/rencana/{rencana['id']}/setujui/", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "disetujui"
    keg = rencana["kegiatan"][0]
    r = klien(pelaksana).post(
        f"/api/v1/kegiatan/{keg['id']}/progres/",
        {"tanggal": hari_ini().isoformat(), "uraian": "Selesai", "persen": 100, "bukti": "https://contoh.id/b"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["persen"] == 100

    isi = {"capaian": 60, "uraian": "Dokumen selesai", "bukti": "https://contoh.id/hasil"}
    r = klien(pelaksana).post(f"/api/v1/target/{target}/hasil/", isi, format="json")
    assert r.status_code == 201, r.json()
    hasil = r.json()
    rantai = [orang(n).nip for n in RANTAI[pola]]
    assert (hasil["status"], hasil["pengaju"], hasil["rantai"]) == ("ditinjau", pelaksana.nip, rantai)
    url = f"/api/v1/hasil/{hasil['id']}/"
    for putaran in (1, 2):
        for i, nip in enumerate(rantai):
            d = klien(pemilik).get(url).json()
            assert d["langkah"] == {"nama": "tinjau", "pelaku": [nip]} and d["rantai"] == rantai
            peninjau = klien(user=orang(RANTAI[pola][i]).akun)
            if putaran == 1 and i == len(rantai) - 1:
                r = peninjau.post(url + "kembalikan/", {"catatan": "Lengkapi lampiran"}, format="json")
                assert r.status_code == 200 and (r.json()["status"], r.json()["langkah"]) == ("dikembalikan", None)
                r = klien(pelaksana).post(url + "ajukan/", {**isi, "uraian": "Dilengkapi"}, format="json")
                assert r.status_code == 200 and r.json()["langkah"] == {"nama": "tinjau", "pelaku": [rantai[0]]}
            else:
                r = peninjau.post(url + "terima/", {}, format="json")
                assert r.status_code == 200, r.json()
    d = r.json()
    assert (d["status"], d["langkah"], d["capaian"]) == ("selesai", None, "60.00")
    assert [x["aksi"] for x in d["riwayat"]][-1] == "hasil_terima"
    terakhir = d["riwayat"][-1]
    assert (terakhir["oleh"], terakhir["status_ke"]) == (rantai[-1], "selesai")
    assert terakhir["sebagai"] == ("plh" if pola == 2 else "definitif")
    assert sum(x["aksi"] == "hasil_kembalikan" for x in d["riwayat"]) == 1
    assert klien(pemilik).get(f"/api/v1/target/{target}/").json()["capaian"] == "60.00"


def test_strategi_lintas_unit_menjawab_usulan_penugasan(s):
    t = pk_berlaku(s.kepala_dinas, s.dinas)
    r = klien(s.kepala_dinas).post(
        f"/api/v1/target/{t.pk}/strategi/", {"cara": "individu", "lintas_unit": True}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert r.json()["penugasan"]["rujukan"] == f"kinerja.target:{t.pk}"
    assert r.json()["penugasan"]["alur"] == ["B", "C"]


def test_realisasi_sisa_anggaran_dan_umpan_balik_dibaca(s):
    t = pk_berlaku(s.kepala_dpmptsp, s.dpmptsp)
    r = rencana_disetujui(t, s.kepala_dpmptsp, s.staf_dpmptsp)
    k = r.kegiatan.get()
    baris = k.anggaran.get()
    isi = {"tanggal": hari_ini().isoformat(), "uraian": "Konsumsi rapat", "jumlah": 250_000, "anggaran": baris.pk}
    r = klien(s.staf_dpmptsp).post(f"/api/v1/kegiatan/{k.pk}/realisasi/", isi, format="json")
    assert r.status_code == 201, r.json()
    assert (r.json()["sisa_anggaran"], r.json()["sisa_baris"], r.json()["oleh"]) == (
        750_000,
        750_000,
        s.staf_dpmptsp.nip,
    )

    r = klien(s.kepala_dpmptsp).post(f"/api/v1/target/{t.pk}/umpan-balik/", {"isi": "Percepat"}, format="json")
    assert r.status_code == 201 and r.json()["kepada"] == s.staf_dpmptsp.nip
    ub = r.json()["id"]
    balas = {"isi": "Siap", "balasan_untuk": ub}
    r = klien(s.staf_dpmptsp).post(f"/api/v1/target/{t.pk}/umpan-balik/", balas, format="json")
    assert r.status_code == 201 and r.json()["kepada"] == s.kepala_dpmptsp.nip
    r = klien(s.staf_dpmptsp).post(f"/api/v1/umpan-balik/{ub}/baca/")
    assert r.status_code == 200 and r.json()["dibaca"]


def test_berkas_bukti_multipart(s, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    t = pk_berlaku(s.kepala_dpmptsp, s.dpmptsp)
    k = rencana_disetujui(t, s.kepala_dpmptsp, s.staf_dpmptsp).kegiatan.get()
    pdf = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    isi = {"tanggal": hari_ini().isoformat(), "uraian": "Draf", "persen": "40", "berkas": pdf}
    r = klien(s.staf_dpmptsp).post(f"/api/v1/kegiatan/{k.pk}/progres/", isi, format="multipart")
    assert r.status_code == 201, r.json()
    assert r.json()["persen"] == 40 and r.json()["bukti"]


def _semua(s):
    """One of each object of pola 2, the result under review at the Kepala Bidang."""
    akar = pk_berlaku(s.kepala_dinas, s.dinas)
    t = services.target_turunkan(
        pelaku=s.kepala_dinas.akun, target=akar, unit=s.bidang, uraian="B", satuan="dok", target_nilai=5
    )
    r = rencana_disetujui(t, s.kepala_bidang, s.staf_bidang)
    h = services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=5, uraian="Selesai")
    return akar, t, r, h


def test_perangkat_daerah_lain_404(s):
    akar, t, r, h = _semua(s)
    luar = klien(s.staf_dpmptsp)
    for url in [
        f"/api/v1/perjanjian-kinerja/{akar.perjanjian_id}/",
        f"/api/v1/target/{t.pk}/",
        f"/api/v1/rencana/{r.pk}/",
        f"/api/v1/hasil/{h.pk}/",
        "/api/v1/hasil/abc/",
        "/api/v1/target/99999999999999/",
    ]:
        assert luar.get(url).status_code == 404, url
    assert luar.post(f"/api/v1/hasil/{h.pk}/terima/", {}, format="json").status_code == 404
    assert luar.post(f"/api/v1/target/{t.pk}/hasil/", {}, format="json").status_code == 404
    assert luar.post(f"/api/v1/kegiatan/{r.kegiatan.get().pk}/progres/", {}, format="json").status_code == 404
    assert luar.get("/api/v1/target/").json()["results"] == []
    assert luar.get("/api/v1/hasil/").json()["results"] == []
    assert klien(s.staf_bidang).get(f"/api/v1/hasil/{h.pk}/").status_code == 200


def test_cakupan_token_dan_akses_tercatat(s):
    from organisasi.models import AksesDataPribadi

    akar, t, r, h = _semua(s)
    baca = f.kunci_token(s.kepala_bidang.akun, cakupan=["kinerja:baca"])
    lain = f.kunci_token(s.kepala_bidang.akun, cakupan=["penugasan:baca", "penugasan:tulis"])
    tulis = f.kunci_token(s.kepala_bidang.akun, cakupan=["kinerja:baca", "kinerja:tulis"])
    c = APIClient()
    url = f"/api/v1/hasil/{h.pk}/"
    assert c.get(url, HTTP_AUTHORIZATION=f"Token {lain}").status_code == 403
    assert c.get("/api/v1/target/", HTTP_AUTHORIZATION=f"Token {lain}").status_code == 403
    assert c.get(url, HTTP_AUTHORIZATION=f"Token {baca}").status_code == 200
    assert c.post(url + "terima/", {}, format="json", HTTP_AUTHORIZATION=f"Token {baca}").status_code == 403
    assert c.post(url + "terima/", {}, format="json", HTTP_AUTHORIZATION=f"Token {tulis}").status_code == 200
    log = AksesDataPribadi.objects.filter(user=s.kepala_bidang.akun).order_by("id").first()
    assert {s.staf_bidang.nip, s.kepala_bidang.nip} <= set(log.subjek.split())


def test_saring_daftar(s):
    akar, t, r, h = _semua(s)
    kabid = klien(s.kepala_bidang)
    assert [x["id"] for x in kabid.get("/api/v1/hasil/?menunggu=saya").json()["results"]] == [h.pk]
    assert kabid.get("/api/v1/hasil/?status=selesai").json()["results"] == []
    assert klien(s.kepala_dinas).get("/api/v1/hasil/?menunggu=saya").json()["results"] == []
    d = kabid.get(f"/api/v1/target/?unit={s.bidang.kode}&tahun={TAHUN}&aktif=true").json()["results"]
    assert [x["id"] for x in d] == [t.pk]
    assert kabid.get("/api/v1/hasil/?status=aneh").status_code == 400
    assert kabid.get("/api/v1/target/?tahun=dua").json() == {"tahun": ["Harus bilangan bulat, mis. 2027."]}
    assert kabid.get("/api/v1/perjanjian-kinerja/?status=draf").json()["results"] == []


def _tambah(s, jenis, t, n):
    """n more objects of the list `jenis` visible to the Kepala Dinas (all of them to the admin)."""
    if jenis == "target":
        for _ in range(n):
            services.target_turunkan(
                pelaku=s.kepala_dinas.akun, target=t, unit=s.bidang, uraian="B", satuan="dok", target_nilai=1
            )
    elif jenis == "hasil":
        for _ in range(n):
            services.hasil_ajukan(pelaku=s.staf_bidang.akun, target=t, capaian=1, uraian="Hasil")
    else:
        for u in ["dpmptsp", "kecamatan", "kelurahan", "upt6"] if n == 4 else ["setda"]:
            pk_berlaku(getattr(s, f"kepala_{u}"), getattr(s, u))


@pytest.mark.parametrize("jenis", ["target", "hasil", "perjanjian-kinerja"])
def test_daftar_dengan_kueri_tetap(s, admin_organisasi, django_assert_num_queries, jenis):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = pk_berlaku(s.kepala_dinas, s.dinas, n_indikator=2 if jenis == "target" else 1)
    if jenis == "hasil":
        rencana_disetujui(t, s.kepala_dinas, s.staf_bidang)
    if jenis != "target":
        _tambah(s, jenis, t, 2 if jenis == "hasil" else 1)
    c = klien(user=admin_organisasi) if jenis == "perjanjian-kinerja" else klien(s.kepala_dinas)
    url = f"/api/v1/{jenis}/"
    c.get(url)  # the user's permissions are cached on it after a first request
    with CaptureQueriesContext(connection) as q:
        assert len(c.get(url).json()["results"]) == 2
    _tambah(s, jenis, t, 4)
    with django_assert_num_queries(len(q)):
        assert len(c.get(url).json()["results"]) == 6
