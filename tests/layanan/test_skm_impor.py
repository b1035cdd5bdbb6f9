"""The XLSX import of paper forms in the annex's tabulation layout, with real generated workbooks: good ones
(dates in several forms, profile labels, the report's own sheet round-tripped, the template filled), and bad
ones (a wrong value named by row and column, an unknown column, empty, not an XLSX, too big, too many rows);
nothing half-written."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layanan import impor, skm_laporan
from layanan import selectors as sel
from layanan.choices import AksiLayanan, SumberResponden
from layanan.models import Jawaban, Responden, RiwayatLayanan
from layanan.periode import baca

from .conftest import layanan_terbit
from .test_skm import isi_contoh

pytestmark = pytest.mark.django_db

KEPALA = ["No", "Tanggal", *[f"U{i}" for i in range(1, 10)], "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]


def buku(baris, kepala=KEPALA, judul=None, write_only=False) -> bytes:
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("Tabulasi") if write_only else wb.active
    if not write_only:
        ws.title = "Tabulasi"
    for j in judul or []:
        ws.append(j)
    ws.append(kepala)
    for b in baris:
        ws.append(b)
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def kirim(client, isi: bytes, nama="skm.xlsx", kode="uji-lab"):
    berkas = SimpleUploadedFile(nama, isi, content_type="application/octet-stream")
    return client.post(reverse("layanan:skm_impor", args=[kode]), {"berkas": berkas})


def galat(r) -> list[str]:
    return r.context["form"].errors.get("berkas", []) + list(r.context["form"].non_field_errors())


@pytest.fixture
def petugas(client, lay):
    client.force_login(lay.s.staf_upt5.akun)
    return client


def test_impor_berhasil_semua_bentuk_tanggal_dan_profil(petugas, lay):
    isi = buku(
        [
            [1, dt.datetime(2026, 3, 1), 4, 3, 3, 4, 3, 3, 4, 2, 3, "Perempuan", 31, "S1", "Pegawai swasta"],
            [2, "2026-03-02", "4", 3.0, None, 4, 3, 3, 4, 2, 3, "l", "45", "d3", "pns"],
            [
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],  # blank: skipped
            [3, "15/03/2026", 2, 2, 2, 2, 2, 2, 2, 2, 2, "", None, "", ""],
        ]
    )
    r = kirim(petugas, isi)
    assert r.status_code == 302 and r["Location"].endswith("?periode=2026")
    rs = list(Responden.objects.order_by("tanggal"))
    assert [x.tanggal for x in rs] == [dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 15)]
    assert {x.sumber for x in rs} == {SumberResponden.IMPOR}
    assert (rs[0].jenis_kelamin, rs[0].usia, rs[0].pendidikan, rs[0].pekerjaan) == ("P", 31, "s1", "swasta")
    assert (rs[1].jenis_kelamin, rs[1].usia, rs[1].pendidikan, rs[1].pekerjaan) == ("L", 45, "diploma", "pns_tni_polri")
    assert Jawaban.objects.filter(responden=rs[1]).count() == 8  # U3 left empty: unanswered
    assert RiwayatLayanan.objects.filter(aksi=AksiLayanan.RESPONDEN_IMPOR).exists()
    assert "3 responden diimpor." in [str(m) for m in petugas.get(r["Location"]).context["messages"]]


def test_nilai_salah_disebut_baris_dan_kolomnya_tanpa_ada_yang_tersimpan(petugas, lay):
    judul = [["PENGOLAHAN DATA SURVEI"], ["Layanan: uji"], []]
    isi = buku(
        [
            [1, "2026-03-01", 4, 3, 3, 4, 3, 3, 4, 2, 3],
            [2, "2026-03-02", 4, 3, 5, 4, 3, 3, 4, 2, 3],
            [3, "2026-13-02", 4, 3, 3, 4, 3, 3, 4, 2, "tiga"],
            [4, "2026-03-04", None, None, None, None, None, None, None, None, None, "Alien", 300],
        ],
        judul=judul,
    )
    r = kirim(petugas, isi)
    assert r.status_code == 400 and Responden.objects.count() == 0
    assert galat(r) == [
        "Baris 6, U3: Nilai harus 1 sampai 4.",  # two title rows and a blank one, the header on row 4: data from row 5
        "Baris 7, Tanggal: Wajib diisi dengan tanggal, mis. 2027-03-15.",
        "Baris 7, U9: Nilai harus 1 sampai 4.",
        "Baris 8: Jawab paling sedikit satu unsur.",
        "Baris 8, Jenis Kelamin: Gunakan salah satu: L, P (atau kosongkan).",
        "Baris 8, Usia: Usia 10 sampai 120 tahun.",
    ]


def test_kolom_tidak_dikenal_kosong_dan_bukan_xlsx(petugas, lay):
    r = kirim(petugas, buku([[1, "2026-03-01", 4]], kepala=["No", "Tanggal", "U1", "U10", "Nama"]))
    assert r.status_code == 400
    pesan = galat(r)
    assert "Kolom U10 (baris 1) tidak dikenal." in pesan and "Kolom Nama (baris 1) tidak dikenal." in pesan
    assert any(p.startswith("Kolom yang dikenal: No, Tanggal, U1–U9") for p in pesan)
    r = kirim(petugas, buku([[1, "2026-03-01", 4]], kepala=["No", "Tanggal", "U1", "u1"]))
    assert "Kolom u1 (baris 1) tercantum dua kali." in galat(r)
    assert "tidak memuat baris jawaban" in galat(kirim(petugas, buku([])))[0]
    assert galat(kirim(petugas, buku([], kepala=["No", "Nama"])))[0].startswith("Baris judul dengan kolom Tanggal")
    assert galat(kirim(petugas, b""))[0] in ("Berkas kosong.", "Berkas yang dikirim kosong.")
    csv = b"No,Tanggal,U1\n1,2026-03-01,4\n"
    assert galat(kirim(petugas, csv, nama="skm.xlsx"))[0] == impor.PESAN_BUKAN_XLSX
    assert galat(kirim(petugas, b"%PDF-1.7\n" + b"x" * 100, nama="skm.xlsx"))[0] == impor.PESAN_BUKAN_XLSX
    zip_lain = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zip_lain, "w") as zf:
        zf.writestr("bukan.txt", "halo")
    assert galat(kirim(petugas, zip_lain.getvalue()))[0] == impor.PESAN_BUKAN_XLSX
    assert galat(kirim(petugas, b"PK\x03\x04" + b"\x00" * (impor.MAKS_BAIT + 10)))[0].startswith("Berkas terlalu besar")
    assert Responden.objects.count() == 0


def test_terlalu_banyak_baris(petugas, lay):
    baris = [[i, "2026-03-01", 4] for i in range(impor.MAKS_BARIS + 1)]
    r = kirim(petugas, buku(baris, kepala=["No", "Tanggal", "U1"], write_only=True))
    assert galat(r) == ["Berkas memuat lebih dari 10.000 baris responden; bagi ke beberapa berkas."]
    assert Responden.objects.count() == 0


def test_lebih_dari_batas_layanan_sekali_panggil_baris_tetap_benar(petugas, lay):
    """The service takes 1,000 rows a call: an error in the second thousand still names its sheet row, and
    the first thousand, already accepted, is rolled back with it."""
    baris = [[i + 1, "2026-04-01", 1 + i % 4, 3] for i in range(1500)]
    baris[1199][3] = 0
    r = kirim(petugas, buku(baris, kepala=["No", "Tanggal", "U1", "U2"], write_only=True))
    assert galat(r) == ["Baris 1201, U2: Nilai harus 1 sampai 4."]
    assert Responden.objects.count() == 0 and Jawaban.objects.count() == 0
    baris[1199][3] = 4
    r = kirim(petugas, buku(baris, kepala=["No", "Tanggal", "U1", "U2"], write_only=True))
    assert r.status_code == 302 and Responden.objects.count() == 1500


def test_xlsx_laporan_diimpor_kembali_memberi_indeks_yang_sama(petugas, lay):
    isi_contoh(lay)
    lap = skm_laporan.laporan(lay.lab, lay.lab.skema_survei, baca("2026"))
    isi = skm_laporan.xlsx_berkas(lap).read()
    salinan = layanan_terbit(lay.admin, lay.s.upt5, "uji-lab-2", "Uji Laboratorium (salinan)")
    r = kirim(petugas, isi, kode="uji-lab-2")
    assert r.status_code == 302
    tahun = {"mulai": dt.date(2026, 1, 1), "selesai": dt.date(2026, 12, 31)}
    asli = sel.ikm(skema=lay.lab.skema_survei, layanan=lay.lab, **tahun).sebagai_api()
    baru = sel.ikm(skema=salinan.skema_survei, layanan=salinan, **tahun).sebagai_api()
    assert asli == baru and baru["responden"] == 4
    prof = Responden.objects.filter(layanan=salinan).order_by("tanggal")
    assert [(x.jenis_kelamin, x.usia, x.pendidikan) for x in prof][:3] == [
        ("", 30, ""),
        ("P", None, ""),
        ("", None, "s1"),
    ]


def test_templat_diisi_lalu_diimpor(petugas, lay):
    r = petugas.get(reverse("layanan:skm_templat", args=["uji-lab"]))
    assert r.status_code == 200 and r["Content-Type"] == skm_laporan.XLSX
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["Tabulasi"]
    assert [c.value for c in ws[1]] == KEPALA
    assert ws.data_validations.dataValidation[0].formula2 == "4"
    assert "Persyaratan" in [c.value for c in wb["Petunjuk"]["B"]]
    ws.append([1, dt.date(2026, 5, 5), 4, 4, 4, 4, 4, 4, 4, 4, 4, "Laki-laki", 28, "SMA", "Wirausaha"])
    keluar = io.BytesIO()
    wb.save(keluar)
    assert kirim(petugas, keluar.getvalue()).status_code == 302
    assert Responden.objects.get().pekerjaan == "wirausaha"


def test_impor_siapa_boleh(client, lay):
    client.force_login(lay.s.staf_dpmptsp.akun)
    assert kirim(client, buku([[1, "2026-03-01", 4]])).status_code == 403
    assert client.get(reverse("layanan:skm_impor", args=["izin-praktik"])).status_code == 404
    client.force_login(lay.s.staf_bidang.akun)  # the draft's own agency: visible, but it is not published
    r = kirim(client, buku([[1, "2026-03-01", 4]]), kode="izin-praktik")
    assert r.status_code == 409 and "belum memiliki standar pelayanan" in " ".join(map(str, r.context["messages"]))
    assert Responden.objects.count() == 0
    client.force_login(lay.s.staf_upt5.akun)
    r = client.get(reverse("layanan:skm_impor", args=["uji-lab"]))
    assert r.status_code == 200 and "U9" in r.content.decode() and " style=" not in r.content.decode()
