"""Every layanan endpoint refuses bad input with field messages (400, nothing written), a caller who may
not act (403, or 404 where they may not know the object), a wrong state (409); identifiers are checked
for shape (a malformed one is a JSON 404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from layanan import services
from layanan.models import KodeSurvei, Layanan, Pengaduan, Responden, RiwayatLayanan, Tanggapan, VersiLayanan
from tests import factories as f

from .conftest import komponen_lengkap
from .test_api import API, ajukan, baris, klien

pytestmark = pytest.mark.django_db


def jumlah_baris():
    return [m.objects.count() for m in (Layanan, VersiLayanan, Responden, KodeSurvei, Pengaduan, Tanggapan)] + [
        RiwayatLayanan.objects.count()
    ]


@pytest.fixture
def tetap():
    """Asserts after the test's refusals that nothing was written."""
    sebelum = {}

    def mulai():
        sebelum["n"] = jumlah_baris()

    def periksa():
        assert jumlah_baris() == sebelum["n"]

    return mulai, periksa


# --- registering and versions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isian,kolom",
    [
        ({}, {"kode", "nama", "unit"}),
        ({"kode": "A B"}, {"kode"}),
        ({"kode": "kelola"}, {"kode"}),
        ({"kode": "uji-lab"}, {"kode"}),
        ({"kode": 12}, {"kode"}),
        ({"nama": "\u200b\u200b"}, {"nama"}),
        ({"nama": "x\u0000"}, {"nama"}),
        ({"nama": "x" * 301}, {"nama"}),
        ({"unit": "tidak-ada"}, {"unit"}),
        ({"unit": "x\u0000"}, {"unit"}),
        ({"komponen": {"warna": "merah"}}, {"komponen.warna"}),
        ({"komponen": ["biaya"]}, {"komponen"}),
        ({"komponen": {"biaya": 5}}, {"komponen.biaya"}),
        ({"komponen": {"biaya": "x" * 10_001}}, {"komponen.biaya"}),
        ({"skema": "skm1999"}, {"skema"}),
        ({"tenggat_pengaduan_hari": 0}, {"tenggat_pengaduan_hari"}),
        ({"tenggat_pengaduan_hari": "1.5"}, {"tenggat_pengaduan_hari"}),
    ],
)
def test_daftar_layanan_isian_salah(lay, tetap, isian, kolom):
    mulai, periksa = tetap
    sah = {"kode": "layanan-baru", "nama": "Layanan Baru", "unit": lay.s.upt5.kode, "komponen": komponen_lengkap()}
    data = {**sah, **isian} if isian else {}
    mulai()
    r = klien(lay.admin).post(f"{API}/layanan/", data, format="json")
    assert r.status_code == 400, r.json()
    assert set(r.json()) == kolom, r.json()
    assert all(isinstance(p, str) and p for pesan in r.json().values() for p in pesan)
    periksa()


def test_daftar_layanan_bukan_wewenang(lay, tetap):
    s = lay.s
    mulai, periksa = tetap
    mulai()
    data = {"kode": "layanan-baru", "nama": "Baru", "komponen": {}}
    # a staff member runs the counter but does not register services
    assert (
        klien(s.staf_upt5.akun).post(f"{API}/layanan/", {**data, "unit": s.upt5.kode}, format="json").status_code == 403
    )
    # the Camat registers for the Kecamatan, not for the Dinas
    r = klien(s.kepala_kecamatan.akun).post(f"{API}/layanan/", {**data, "unit": s.upt5.kode}, format="json")
    assert r.status_code == 403 and "detail" in r.json()
    periksa()
    r = klien(s.kepala_kecamatan.akun).post(f"{API}/layanan/", {**data, "unit": s.kelurahan.kode}, format="json")
    assert r.status_code == 201


def test_versi_dan_terbitkan_ditolak(lay, tetap):
    s = lay.s
    mulai, periksa = tetap
    mulai()
    luar, staf = klien(s.kepala_kecamatan.akun), klien(s.staf_upt5.akun)
    # published, so visible: acting on it is refused
    assert luar.post(f"{API}/layanan/uji-lab/versi/", {"komponen": {}}, format="json").status_code == 403
    assert luar.post(f"{API}/layanan/uji-lab/terbitkan/").status_code == 403
    assert luar.patch(f"{API}/layanan/uji-lab/versi/1/", {}, format="json").status_code == 403
    assert staf.post(f"{API}/layanan/uji-lab/versi/", {"komponen": {}}, format="json").status_code == 403
    # a draft of the Dinas: not the Camat's to know
    assert luar.post(f"{API}/layanan/izin-praktik/versi/", {}, format="json").status_code == 404
    assert luar.post(f"{API}/layanan/izin-praktik/terbitkan/").status_code == 404
    assert luar.patch(f"{API}/layanan/izin-praktik/versi/1/", {}, format="json").status_code == 404
    # no draft to publish; a published version is never edited
    admin = klien(lay.admin)
    r = admin.post(f"{API}/layanan/uji-lab/terbitkan/")
    assert r.status_code == 409 and "draf" in r.json()["detail"]
    r = admin.patch(f"{API}/layanan/uji-lab/versi/1/", {"komponen": {"biaya": "Gratis"}}, format="json")
    assert r.status_code == 409
    # every one of the 14 components before publishing
    r = admin.post(f"{API}/layanan/izin-praktik/terbitkan/")
    assert r.status_code == 400 and set(r.json()) == {f"komponen.{k}" for k in komponen_lengkap()}
    # bad input on a new version and on a draft's edit
    r = admin.post(f"{API}/layanan/uji-lab/versi/", {"komponen": {"x": "y"}, "catatan": "a\u0000"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"komponen.x", "catatan"}
    r = admin.patch(f"{API}/layanan/izin-praktik/versi/1/", {"tenggat_pengaduan_hari": 400}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"tenggat_pengaduan_hari"}
    periksa()


@pytest.mark.parametrize("nomor", ["abc", "0", "-1", "1.0", "9" * 30, "%00", "x" * 5000, "١"])
def test_nomor_versi_tak_berbentuk_404(lay, nomor):
    for c, url in ((klien(lay.admin), "layanan"), (klien(), "publik/layanan")):
        r = c.get(f"{API}/{url}/uji-lab/versi/{nomor}/")
        assert r.status_code == 404 and set(r.json()) == {"detail"}, (url, nomor)
    assert klien().get(f"{API}/publik/layanan/uji-lab/versi/2/").status_code == 404


@pytest.mark.parametrize("kode", ["UJI-LAB", "uji lab", "%00", "x" * 5000, "tidak-ada", "izin-praktik"])
def test_kode_layanan_tak_dikenal_404(lay, kode):
    assert klien().get(f"{API}/publik/layanan/{kode}/").status_code == 404
    if kode != "izin-praktik":
        assert klien(lay.admin).get(f"{API}/layanan/{kode}/").status_code == 404
        assert klien(lay.admin).get(f"{API}/layanan/{kode}/ikm/").status_code == 404


@pytest.mark.parametrize(
    "param,kolom",
    [
        ({"status": "x"}, "status"),
        ({"unit": "a\u0000"}, "unit"),
        ({"unit": "x" * 65}, "unit"),
        ({"q": "a\u0000"}, "q"),
        ({"q": "x" * 101}, "q"),
        ({"skema": "a b"}, "skema"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "١"}, "page_size"),
    ],
)
def test_saring_daftar_layanan_salah(lay, param, kolom):
    r = klien(lay.admin).get(f"{API}/layanan/", param)
    assert r.status_code == 400 and set(r.json()) == {kolom}, r.json()
    if kolom in ("unit", "q"):
        assert klien().get(f"{API}/publik/layanan/", param).status_code == 400


@pytest.mark.parametrize(
    "param,kolom",
    [
        ({"status": "baru"}, "status"),
        ({"terlambat": "ya"}, "terlambat"),
        ({"jenis": "x"}, "jenis"),
        ({"layanan": "a\u0000"}, "layanan"),
        ({"unit": "a b"}, "unit"),
    ],
)
def test_saring_daftar_pengaduan_salah(lay, param, kolom):
    r = klien(lay.admin).get(f"{API}/pengaduan/", param)
    assert r.status_code == 400 and set(r.json()) == {kolom}, r.json()


def test_halaman_tak_ada_404(lay):
    assert klien(lay.admin).get(f"{API}/layanan/", {"page": "9"}).status_code == 404
    assert klien().get(f"{API}/publik/layanan/", {"page": "x"}).status_code == 404


# --- the survey ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kiriman,galat",
    [
        ({"tanggal": "2026-01-01"}, {"detail"}),
        ([], {"detail"}),
        ("teks", {"detail"}),
        ([5], {"[0]"}),
        ([{"tanggal": "2026-13-01", "jawaban": {"U1": 4}}], {"[0].tanggal"}),
        ([{"tanggal": "2999-01-01", "jawaban": {"U1": 4}}], {"[0].tanggal"}),
        ([{"tanggal": "1999-12-31", "jawaban": {"U1": 4}}], {"[0].tanggal"}),
        ([{"jawaban": {"U1": 4}}], {"[0].tanggal"}),
        ([{"tanggal": "2026-01-01", "jawaban": {}}], {"[0].jawaban"}),
        ([{"tanggal": "2026-01-01", "jawaban": [4, 4]}], {"[0].jawaban"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U10": 4}}], {"[0].jawaban.U10"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 0}}], {"[0].jawaban.U1"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 2.5}}], {"[0].jawaban.U1"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": True}}], {"[0].jawaban.U1"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": "٤"}}], {"[0].jawaban.U1"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 4}, "usia": 7}], {"[0].usia"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 4}, "jenis_kelamin": "X"}], {"[0].jenis_kelamin"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 4}, "pendidikan": "tk"}], {"[0].pendidikan"}),
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 4}, "pekerjaan": "x\u0000"}], {"[0].pekerjaan"}),
        # an unknown scheme: its answers cannot be checked either (the service says so on each element too)
        ([{"tanggal": "2026-01-01", "jawaban": {"U1": 4}, "skema": "skm1999"}], {"[0].skema"}),
    ],
)
def test_responden_isian_salah(lay, tetap, kiriman, galat):
    mulai, periksa = tetap
    mulai()
    r = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/responden/", kiriman, format="json")
    assert r.status_code == 400 and set(r.json()) == galat, r.json()
    if galat != {"detail"}:
        assert all(p.startswith("Baris 1: ") for pesan in r.json().values() for p in pesan)
    periksa()


def test_responden_galat_menyebut_tiap_baris(lay, tetap):
    mulai, periksa = tetap
    kiriman = baris(1001)
    mulai()
    r = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/responden/", kiriman, format="json")
    assert r.status_code == 400 and "1000" in r.json()["detail"]
    kiriman = baris(4)
    kiriman[1]["tanggal"] = "kemarin"
    kiriman[3]["jawaban"] = {"U2": 9, "U3": 3}
    r = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/responden/", kiriman, format="json")
    assert r.status_code == 400
    assert set(r.json()) == {"[1].tanggal", "[3].jawaban.U2"}
    assert r.json()["[1].tanggal"][0].startswith("Baris 2: ") and r.json()["[3].jawaban.U2"][0].startswith("Baris 4: ")
    # a form post is not a list of questionnaires
    r = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/responden/", {"tanggal": "2026-01-01"})
    assert r.status_code == 400 and set(r.json()) == {"detail"}
    periksa()


def test_responden_dan_kode_survei_layanan_belum_terbit_409(lay, tetap):
    mulai, periksa = tetap
    staf = klien(lay.s.staf_bidang.akun)  # runs the Bidang's counter, where the draft is
    mulai()
    r = staf.post(f"{API}/layanan/izin-praktik/responden/", baris(1), format="json")
    assert r.status_code == 409 and "diterbitkan" in r.json()["detail"]
    assert staf.post(f"{API}/layanan/izin-praktik/kode-survei/", {}, format="json").status_code == 409
    periksa()


@pytest.mark.parametrize(
    "isian,kolom",
    [
        ({"jumlah": 0}, "jumlah"),
        ({"jumlah": 501}, "jumlah"),
        ({"jumlah": "x"}, "jumlah"),
        ({"hari": 366}, "hari"),
        ({"hari": 1.5}, "hari"),
        ({"jumlah": True}, "jumlah"),
    ],
)
def test_kode_survei_isian_salah(lay, tetap, isian, kolom):
    mulai, periksa = tetap
    mulai()
    r = klien(lay.s.staf_upt5.akun).post(f"{API}/layanan/uji-lab/kode-survei/", isian, format="json")
    assert r.status_code == 400 and set(r.json()) == {kolom}, r.json()
    periksa()


@pytest.mark.parametrize(
    "param,kolom",
    [
        ({"mulai": "2026-02-30"}, "mulai"),
        ({"mulai": "kemarin"}, "mulai"),
        ({"selesai": "0001-01-01"}, "selesai"),
        ({"selesai": "9999-12-31"}, "selesai"),
        ({"mulai": "２０２６-01-01"}, "mulai"),
        ({"mulai": "2026-05-01", "selesai": "2026-04-30"}, "selesai"),
        ({"skema": "skm1999"}, "skema"),
        ({"skema": "a\u0000"}, "skema"),
    ],
)
def test_ikm_parameter_salah(lay, param, kolom):
    for url in ("/layanan/uji-lab/ikm/", "/unit/dinkes/ikm/"):
        r = klien(lay.admin).get(f"{API}{url}", param)
        assert r.status_code == 400 and set(r.json()) == {kolom}, (url, r.json())
    if param.get("skema") == "skm1999":
        assert "skm2017" in r.json()["skema"][0] and "ikm2004" in r.json()["skema"][0]


def test_ikm_skema_instansi_lain_tidak_dikenal(lay):
    from layanan.models import SkemaSurvei
    from organisasi.models import Instansi

    lain = Instansi.objects.create(kode="kab-lain", nama="Kabupaten Lain")
    SkemaSurvei.objects.create(kode="skm-lain", nama="Skema Lain", instansi=lain)
    r = klien(lay.admin).get(f"{API}/layanan/uji-lab/ikm/", {"skema": "skm-lain"})
    assert r.status_code == 400 and set(r.json()) == {"skema"}


def test_responden_daftar_parameter_salah(lay):
    staf = klien(lay.s.staf_upt5.akun)
    assert set(staf.get(f"{API}/layanan/uji-lab/responden/", {"mulai": "x"}).json()) == {"mulai"}
    r = staf.get(f"{API}/layanan/uji-lab/responden/", {"mulai": "2026-02-01", "selesai": "2026-01-01"})
    assert r.status_code == 400 and set(r.json()) == {"selesai"}
    assert set(staf.get(f"{API}/layanan/uji-lab/responden/", {"sumber": "x"}).json()) == {"sumber"}


# --- complaints -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isian,kolom",
    [
        ({}, {"isi"}),
        ({"isi": ""}, {"isi"}),
        ({"isi": "\u200b\u2060 "}, {"isi"}),
        ({"isi": "a\u0000b"}, {"isi"}),
        ({"isi": "x" * 4001}, {"isi"}),
        ({"isi": 5}, {"isi"}),
        ({"isi": "Ok", "nama": "x" * 201}, {"nama"}),
        ({"isi": "Ok", "kontak": "a\u0007"}, {"kontak"}),
        ({"isi": "Ok", "layanan": "tidak-ada"}, {"layanan"}),
        ({"isi": "Ok", "layanan": "izin-praktik"}, {"layanan"}),  # a draft: no complaints yet
        ({"isi": "Ok", "jenis": "keluhan"}, {"jenis"}),
        ({"isi": "Ok", "instansi": "kab-lain"}, {"instansi"}),
        ({"isi": "Ok", "lampiran": "bukan berkas"}, {"lampiran"}),
    ],
)
def test_pengaduan_publik_isian_salah(lay, tetap, isian, kolom):
    mulai, periksa = tetap
    mulai()
    r = ajukan(isian, format="json")
    assert r.status_code == 400 and set(r.json()) == kolom, r.json()
    assert "kode_lacak" not in r.json()
    periksa()


def test_pengaduan_lampiran_salah(lay, tetap, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mulai, periksa = tetap
    mulai()
    teks = SimpleUploadedFile("foto.png", b"bukan gambar", content_type="image/png")
    r = ajukan({"isi": "Lihat foto", "lampiran": teks}, format="multipart")
    assert r.status_code == 400 and set(r.json()) == {"lampiran"} and "bukan" in r.json()["lampiran"][0]
    besar = SimpleUploadedFile("a.pdf", b"%PDF-1.4" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None, FILE_UPLOAD_MAX_MEMORY_SIZE=10 * 1024 * 1024):
        r = ajukan({"isi": "Lihat berkas", "lampiran": besar}, format="multipart")
    assert r.status_code in (400, 413) and ("lampiran" in r.json() or "detail" in r.json())
    periksa()


@pytest.mark.parametrize(
    "kode", ["ABCD-EFGH-JKMN", "ABCDEFGHJKM", "ABCD-EFGH-JKMN-P", "abcd efgh jkmn", "%00", "x" * 5000, "ABCD-EFGH-JKM0"]
)
def test_lacak_kode_tak_dikenal_404(lay, kode):
    ajukan(format="json")
    r = klien().get(f"{API}/publik/pengaduan/{kode}/")
    assert r.status_code == 404 and set(r.json()) == {"detail"}


def test_kode_lacak_tidak_membuka_pengaduan_lain(lay):
    """A code one character away from a real one finds nothing; each code shows only its own complaint."""
    a = ajukan({"isi": "Pertama"}, format="json").json()["kode_lacak"]
    b = ajukan({"isi": "Kedua"}, format="json").json()["kode_lacak"]
    pb = Pengaduan.objects.get(isi="Kedua")
    services.pengaduan_proses(pelaku=lay.admin, pengaduan=pb, unit=lay.s.upt5)
    t = services.tanggapan_tulis(pelaku=lay.s.staf_upt5.akun, pengaduan=pb, isi="Jawaban untuk yang kedua")
    services.tanggapan_terbitkan(pelaku=lay.admin, tanggapan=t)
    assert klien().get(f"{API}/publik/pengaduan/{a}/").json()["tanggapan"] == []
    assert klien().get(f"{API}/publik/pengaduan/{b}/").json()["tanggapan"][0]["isi"] == "Jawaban untuk yang kedua"
    dekat = next(f"{a[:-1]}{c}" for c in "23456789ABC" if f"{a[:-1]}{c}" not in (a, b))
    assert klien().get(f"{API}/publik/pengaduan/{dekat}/").status_code == 404


def test_langkah_pengaduan_salah_keadaan_dan_isian(lay, tetap):
    s = lay.s
    ajukan({"isi": "Antre", "layanan": "uji-lab"}, format="json")
    p = Pengaduan.objects.get()
    staf, admin = klien(s.staf_upt5.akun), klien(lay.admin)
    mulai, periksa = tetap
    mulai()
    # received, not yet taken up: no answer, no closing
    assert staf.post(f"{API}/pengaduan/{p.pk}/tanggapan/", {"isi": "x"}, format="json").status_code == 409
    assert staf.post(f"{API}/pengaduan/{p.pk}/tutup/", {"catatan": "x"}, format="json").status_code == 409
    # bad input
    r = staf.post(f"{API}/pengaduan/{p.pk}/proses/", {"catatan": "a\u0000"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"catatan"}
    r = staf.post(f"{API}/pengaduan/{p.pk}/proses/", {"unit": "tidak-ada"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"unit"}
    # a unit of another instansi is refused
    f.instansi("kab-lain", "Kabupaten Lain")
    r = staf.post(f"{API}/pengaduan/{p.pk}/proses/", {"unit": "kab-lain"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"unit"}
    r = staf.post(f"{API}/pengaduan/{p.pk}/tugaskan/", {}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"unit"}
    r = staf.post(f"{API}/pengaduan/{p.pk}/tugaskan/", {"unit": s.upt5.kode}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"unit"}  # it is already this unit's
    periksa()

    assert staf.post(f"{API}/pengaduan/{p.pk}/proses/", {}, format="json").status_code == 200
    assert staf.post(f"{API}/pengaduan/{p.pk}/proses/", {}, format="json").status_code == 409
    mulai()
    r = staf.post(f"{API}/pengaduan/{p.pk}/tanggapan/", {"isi": "\u200b"}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"isi"}
    r = staf.post(f"{API}/pengaduan/{p.pk}/tanggapan/", {}, format="json")
    assert r.status_code == 400 and set(r.json()) == {"isi"}
    r = staf.post(f"{API}/pengaduan/{p.pk}/tutup/", {}, format="json")  # no published answer, no reason
    assert r.status_code == 400 and set(r.json()) == {"catatan"}
    periksa()
    t = staf.post(f"{API}/pengaduan/{p.pk}/tanggapan/", {"isi": "Ditambah loket"}, format="json").json()
    assert admin.post(f"{API}/tanggapan/{t['id']}/terbitkan/").status_code == 200
    assert admin.post(f"{API}/tanggapan/{t['id']}/terbitkan/").status_code == 409
    assert staf.post(f"{API}/pengaduan/{p.pk}/tutup/", {}, format="json").status_code == 200
    mulai()
    for aksi, data in (
        ("proses", {}),
        ("tugaskan", {"unit": s.upt6.kode}),
        ("tanggapan", {"isi": "x"}),
        ("tutup", {"catatan": "x"}),
    ):
        assert staf.post(f"{API}/pengaduan/{p.pk}/{aksi}/", data, format="json").status_code == 409, aksi
    periksa()


def test_tutup_dengan_alasan_tanpa_tanggapan(lay):
    ajukan({"isi": "Iklan judi", "layanan": "uji-lab"}, format="json")
    p = Pengaduan.objects.get()
    staf = klien(lay.s.staf_upt5.akun)
    staf.post(f"{API}/pengaduan/{p.pk}/proses/", {}, format="json")
    r = staf.post(f"{API}/pengaduan/{p.pk}/tutup/", {"catatan": "Spam"}, format="json")
    assert r.status_code == 200 and r.json()["riwayat"][-1]["catatan"] == "Spam"


@pytest.mark.parametrize("pk", ["abc", "0", "1.5", "9" * 30, "١"])
def test_id_pengaduan_tak_berbentuk_404(lay, pk):
    for url in (f"/pengaduan/{pk}/", f"/tanggapan/{pk}/"):
        r = klien(lay.admin).get(f"{API}{url}")
        assert r.status_code == 404 and set(r.json()) == {"detail"}, url
    r = klien(lay.admin).post(f"{API}/pengaduan/{pk}/proses/", {}, format="json")
    assert r.status_code == 404


def test_badan_rusak_atau_besar(lay, tetap):
    mulai, periksa = tetap
    mulai()
    staf = klien(lay.s.staf_upt5.akun)
    r = staf.post(f"{API}/layanan/uji-lab/responden/", data="[{", content_type="application/json")
    assert r.status_code == 400 and "JSON" in r.json()["detail"]
    r = staf.post(f"{API}/layanan/uji-lab/terbitkan/", data="{bukan", content_type="application/json")
    assert r.status_code == 400
    r = klien().post(f"{API}/publik/pengaduan/", data="[" * 100_000, content_type="application/json")
    assert r.status_code == 400
    r = klien().post(f"{API}/publik/pengaduan/", data="isi=x", content_type="text/plain")
    assert r.status_code == 415
    periksa()
