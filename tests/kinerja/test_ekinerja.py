"""e-Kinerja files: a person's and an agency's rows in the forms' column order, who may download them, and
the import of last year's predikat (good files; every kind of bad row refused with nothing written)."""

import csv
import datetime as dt
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import ekinerja, services
from kinerja.models import Evaluasi, PredikatImpor, RiwayatSkp, Skp
from organisasi.models import Penempatan
from sistemkerja.errors import BukanWewenang

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db
K = {k: i for i, k in enumerate(ekinerja.KOLOM)}
LALU = TAHUN - 1


def hasil_kerja(intervensi):
    return [
        {
            "uraian": "Tersusunnya kajian kelembagaan",
            "jenis": "utama",
            "intervensi": intervensi,
            "indikator": [
                {"uraian": "Jumlah kajian", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"},
                {"uraian": "Kajian tepat waktu", "aspek": "waktu", "target": "12.5", "satuan": "bulan"},
            ],
        },
        {
            "uraian": "Terlaksananya rapat koordinasi",
            "jenis": "tambahan",
            "indikator": [{"uraian": "Jumlah rapat", "aspek": "kuantitas", "target": 2, "satuan": "kali"}],
        },
    ]


@pytest.fixture
def skp_analis(s):
    """The analis' (Analis Kebijakan Ahli Muda) SKP approved by the Kepala Bagian, a note of realisasi for T1,
    T1 and the year rated (the year Sangat Baik: 150% × 25 = 37,5 angka kredit)."""
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = services.skp_susun(
        pelaku=s.analis.akun,
        tahun=TAHUN,
        hasil_kerja=hasil_kerja(f"target:{target.pk}"),
        perilaku={"akuntabel": "Laporan tepat waktu"},
        lampiran={"sumber_daya": "Data kelembagaan dari Bagian Organisasi"},
    )
    services.skp_ajukan(pelaku=s.analis.akun, skp=skp)
    services.skp_setujui(pelaku=s.kepala_bag_org.akun, skp=skp)
    hk = skp.hasil_kerja.order_by("urutan").first()
    services.catatan_skp_catat(
        pelaku=s.analis.akun,
        skp=skp,
        uraian="Dua kajian selesai",
        hasil_kerja=hk.pk,
        periode=f"{TAHUN}-T1",
        realisasi=2,
    )
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        for kode, r in ((f"{TAHUN}-T1", "sesuai"), (str(TAHUN), "di_atas")):
            services.evaluasi_nilai(
                pelaku=s.kepala_bag_org.akun, skp=skp, periode=kode, rating_hasil=r, rating_perilaku=r, catatan="Baik"
            )
    return skp


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url_pegawai(p, **q) -> str:
    q = {"tahun": TAHUN, **q}
    return reverse("kinerja:ekinerja_pegawai", args=[p.nip]) + "?" + "&".join(f"{k}={v}" for k, v in q.items())


def baca_csv(r) -> list[list[str]]:
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    assert isi.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"))))


def test_kolom_dan_isi_csv(s, skp_analis):
    r = masuk(s.analis.akun).get(url_pegawai(s.analis))
    assert (
        r.status_code == 200
        and r["Content-Disposition"] == f'attachment; filename="ekinerja-{s.analis.nip}-{TAHUN}.csv"'
    )
    baris = baca_csv(r)
    assert baris[0] == ekinerja.KOLOM
    assert ekinerja.KOLOM[:11] == [
        "Tahun",
        "Periode SKP mulai",
        "Periode SKP selesai",
        "Model SKP",
        "Status SKP",
        "NIP",
        "Nama",
        "Pangkat/golongan",
        "Jabatan",
        "Unit kerja",
        "Instansi",
    ]
    # the SKP form's table, in its order
    tabel = ekinerja.KOLOM[K["Rencana hasil kerja pimpinan yang diintervensi"] : K["Satuan"] + 1]
    assert tabel == [
        "Rencana hasil kerja pimpinan yang diintervensi",
        "Rencana hasil kerja",
        "Perspektif",
        "Pendekatan",
        "Aspek",
        "Indikator kinerja individu",
        "Target",
        "Satuan",
    ]
    data = baris[1:]
    assert {r[K["NIP"]] for r in data} == {s.analis.nip} and {r[K["NIP PPK"]] for r in data} == {s.kepala_bag_org.nip}
    assert data[0][K["Nama PPK"]] == s.kepala_bag_org.nama and data[0][K["Nama atasan PPK"]] == s.kepala_asisten.nama
    hasil = [r for r in data if r[K["Bagian"]] == "Hasil kerja"]
    assert [
        (
            r[K["No"]],
            r[K["Jenis hasil kerja"]],
            r[K["Aspek"]],
            r[K["Indikator kinerja individu"]],
            r[K["Target"]],
            r[K["Satuan"]],
        )
        for r in hasil
    ] == [
        ("1.1", "Utama", "Kuantitas", "Jumlah kajian", "4", "dokumen"),
        ("1.2", "Utama", "Waktu", "Kajian tepat waktu", "12.5", "bulan"),
        ("T1.1", "Tambahan", "Kuantitas", "Jumlah rapat", "2", "kali"),
    ]
    assert hasil[0][K["Rencana hasil kerja pimpinan yang diintervensi"]] == "Indikator 1"  # the PK's indikator
    assert hasil[0][K["Rencana hasil kerja"]] == "Tersusunnya kajian kelembagaan"
    perilaku = [r for r in data if r[K["Bagian"]] == "Perilaku kerja"]
    assert len(perilaku) == 7
    assert ["Akuntabel", "Laporan tepat waktu"] in [
        [r[K["Perilaku kerja"]], r[K["Ekspektasi khusus pimpinan"]]] for r in perilaku
    ]
    evaluasi = [r for r in data if r[K["Bagian"]] == "Evaluasi"]
    assert [(r[K["Periode evaluasi"]], r[K["Jenis periode"]], r[K["Predikat kinerja"]]) for r in evaluasi] == [
        (f"{TAHUN}-T1", "Triwulanan", "Baik"),
        (str(TAHUN), "Tahunan", "Sangat Baik"),
    ]
    t1, tahunan = evaluasi
    assert t1[K["Realisasi berdasarkan bukti dukung"]] == "[1] 2: Dua kajian selesai"
    assert t1[K["Rating hasil kerja"]] == "Sesuai ekspektasi" and t1[K["Angka kredit"]] == ""
    assert (tahunan[K["Jenjang"]], tahunan[K["Koefisien"]], tahunan[K["Persentase predikat"]]) == (
        "Ahli Muda",
        "25",
        "150",
    )
    assert tahunan[K["Angka kredit"]] == "37.500"
    lampiran = [r for r in data if r[K["Bagian"]] == "Lampiran"]
    assert [(r[K["Lampiran"]], r[K["Isi lampiran"]]) for r in lampiran] == [
        ("Dukungan sumber daya", "Data kelembagaan dari Bagian Organisasi")
    ]
    # hasil kerja, perilaku, lampiran, then evaluations: the forms' order
    bagian = ["Hasil kerja"] * 3 + ["Perilaku kerja"] * 7 + ["Lampiran"] + ["Evaluasi"] * 2
    assert [r[K["Bagian"]] for r in data] == bagian


def test_xlsx_sama_dengan_csv(s, skp_analis):
    from openpyxl import load_workbook

    c = masuk(s.kepala_bag_org.akun)
    dari_csv = baca_csv(c.get(url_pegawai(s.analis)))
    r = c.get(url_pegawai(s.analis, bentuk="xlsx"))
    assert r.status_code == 200 and r["Content-Type"] == ekinerja.XLSX
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)))["e-Kinerja"]
    baris = [list(x) for x in ws.iter_rows(values_only=True)]
    assert baris[0] == ekinerja.KOLOM and len(baris) == len(dari_csv)
    assert baris[1][K["Target"]] == 4 and baris[2][K["Target"]] == 12.5
    assert baris[1][K["Periode SKP mulai"]].date() == dt.date(TAHUN, 1, 1)
    assert baris[-1][K["Angka kredit"]] == 37.5


def test_hak_akses_berkas_pegawai(s, skp_analis, admin_organisasi):
    assert masuk(admin_organisasi).get(url_pegawai(s.analis)).status_code == 200
    assert masuk(s.kepala_bag_org.akun).get(url_pegawai(s.analis)).status_code == 200  # the PPK
    for orang in (s.staf_bidang, s.kepala_dinas, s.kepala_setda):  # a colleague elsewhere, heads not above
        assert masuk(orang.akun).get(url_pegawai(s.analis)).status_code == 404
    assert Client().get(url_pegawai(s.analis)).status_code == 302
    assert masuk(s.analis.akun).get(url_pegawai(s.analis, bentuk="pdf")).status_code == 404
    assert masuk(admin_organisasi).get(reverse("kinerja:ekinerja_pegawai", args=["123"])).status_code == 404
    # one's own file without an SKP: only the header
    r = masuk(s.staf_bidang.akun).get(url_pegawai(s.staf_bidang))
    assert r.status_code == 200 and baca_csv(r) == [ekinerja.KOLOM]


def test_berkas_perangkat_daerah_dan_instansi(s, skp_analis, admin_organisasi):
    c = masuk(admin_organisasi)
    r = c.get(reverse("kinerja:ekinerja_pd", args=[s.setda.kode]) + f"?tahun={TAHUN}")
    assert r.status_code == 200 and r["Content-Disposition"].endswith(f'ekinerja-setda-{TAHUN}.csv"')
    assert {x[K["NIP"]] for x in baca_csv(r)[1:]} == {s.analis.nip}
    r = c.get(reverse("kinerja:ekinerja_pd", args=[s.dinas.kode]) + f"?tahun={TAHUN}")
    assert baca_csv(r) == [ekinerja.KOLOM]
    r = c.get(reverse("kinerja:ekinerja_instansi", args=[s.instansi.kode]) + f"?tahun={TAHUN}&bentuk=xlsx")
    assert r.status_code == 200
    assert c.get(reverse("kinerja:ekinerja_pd", args=[s.bidang.kode])).status_code == 404  # not a PD
    for orang in (s.kepala_setda, s.analis):
        assert masuk(orang.akun).get(reverse("kinerja:ekinerja_pd", args=[s.setda.kode])).status_code == 403
        assert masuk(orang.akun).get(reverse("kinerja:ekinerja_instansi", args=[s.instansi.kode])).status_code == 403


def _skp_langsung(p, tahun, *, ppk, predikat="baik", jenis_eval="tahunan", status_eval="dinilai"):
    pen = Penempatan.objects.filter(pegawai=p).first()
    skp = Skp.objects.create(
        pegawai=p,
        tahun=tahun,
        model="non_jpt",
        status="disetujui",
        unit=pen.unit,
        jabatan=pen.jabatan,
        ppk=ppk,
        mulai=dt.date(tahun, 1, 1),
        selesai=dt.date(tahun, 12, 31),
    )
    Evaluasi.objects.create(
        skp=skp,
        periode=str(tahun),
        jenis=jenis_eval,
        mulai=skp.mulai,
        selesai=skp.selesai,
        unit_organisasi=pen.unit,
        rating_hasil="sesuai",
        rating_perilaku="sesuai",
        predikat=predikat,
        penilai=ppk,
        status=status_eval,
    )
    return skp


def test_jumlah_kueri_berkas_instansi_tetap(s, admin_organisasi):
    c = masuk(admin_organisasi)
    alamat = reverse("kinerja:ekinerja_instansi", args=[s.instansi.kode]) + f"?tahun={LALU}"

    def hitung():
        with CaptureQueriesContext(connection) as q:
            baca_csv(c.get(alamat))
        return len(q)

    _skp_langsung(s.staf_bidang, LALU, ppk=s.kepala_bidang)
    c.get(alamat)
    sedikit = hitung()
    for p in (s.staf_upt5, s.staf_upt6, s.staf_seksi, s.staf_kelurahan, s.analis):
        _skp_langsung(p, LALU, ppk=s.kepala_dinas)
    assert hitung() == sedikit


# --- import ---


def berkas_csv(baris, pemisah=",") -> SimpleUploadedFile:
    keluar = io.StringIO()
    csv.writer(keluar, delimiter=pemisah).writerows(baris)
    return SimpleUploadedFile("predikat.csv", keluar.getvalue().encode(), content_type="text/csv")


def berkas_xlsx(baris, nama="predikat.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    for r in baris:
        wb.active.append(r)
    keluar = io.BytesIO()
    wb.save(keluar)
    return SimpleUploadedFile(nama, keluar.getvalue())


def impor(admin, berkas):
    return ekinerja.impor_predikat(pelaku=admin, berkas=berkas, nama=berkas.name)


def test_impor_csv_titik_koma(s, admin_organisasi):
    berkas = berkas_csv(
        [
            ["NIP", "Tahun", "Predikat", "Angka kredit"],
            [s.analis.nip, LALU, "Sangat Baik", "37,5"],
            [s.staf_bidang.nip, LALU, "butuh_perbaikan", ""],
            [],
            [s.staf_upt5.nip, LALU - 1, "Kurang/Misconduct", ""],
        ],
        pemisah=";",
    )
    hasil = impor(admin_organisasi, berkas)
    assert hasil == {"jumlah": 3, "tahun": [LALU - 1, LALU], "sumber": "predikat.csv"}
    assert {(p.pegawai_id, p.tahun, p.predikat, p.angka_kredit) for p in PredikatImpor.objects.all()} == {
        (s.analis.pk, LALU, "sangat_baik", Decimal("37.500")),
        (s.staf_bidang.pk, LALU, "butuh_perbaikan", None),
        (s.staf_upt5.pk, LALU - 1, "kurang", None),
    }
    r = RiwayatSkp.objects.get(aksi="impor_predikat")
    assert r.akun == admin_organisasi and "3 predikat" in r.catatan
    from kinerja.selectors_skp import angka_kredit

    assert angka_kredit(s.analis)["kumulatif"] == Decimal("37.500")


def test_impor_dari_berkas_ekinerja_sendiri(s, admin_organisasi):
    """Last year's e-Kinerja file (from this system or shaped like it): only the yearly Evaluasi rows count."""
    _skp_langsung(s.staf_bidang, LALU, ppk=s.kepala_bidang, predikat="sangat_baik")
    _skp_langsung(s.staf_upt5, LALU, ppk=s.kepala_upt5, predikat="baik")
    c = masuk(admin_organisasi)
    r = c.get(reverse("kinerja:ekinerja_instansi", args=[s.instansi.kode]) + f"?tahun={LALU}&bentuk=xlsx")
    isi = b"".join(r.streaming_content)
    hasil = impor(admin_organisasi, SimpleUploadedFile("ekinerja.xlsx", isi))
    assert hasil["jumlah"] == 2
    assert dict(PredikatImpor.objects.values_list("pegawai_id", "predikat")) == {
        s.staf_bidang.pk: "sangat_baik",
        s.staf_upt5.pk: "baik",
    }


def test_impor_menolak_semua_bila_satu_baris_salah(s, admin_organisasi):
    berkas = berkas_csv(
        [
            ["No", "Nama", "NIP", "Tahun", "Predikat", "AK"],
            ["1", "A", s.analis.nip, LALU, "Baik", ""],
            ["2", "B", "199001012020121001", LALU, "Baik", ""],  # a valid NIP nobody has
            ["3", "C", s.staf_bidang.nip, LALU, "Luar Biasa", ""],
            ["4", "D", s.staf_upt5.nip, TAHUN, "Baik", ""],  # this year: not last year's
            ["5", "E", s.analis.nip, LALU, "Sangat Baik", ""],  # twice
            ["6", "F", "12345", LALU, "Baik", "-3"],
        ]
    )
    with pytest.raises(ValidationError) as e:
        impor(admin_organisasi, berkas)
    # every row is read first; the unknown NIP of row 3 would be named once these are fixed
    assert e.value.message_dict["berkas"] == [
        "Baris 4: predikat Luar Biasa tidak dikenal; isi salah satu: Sangat Baik, Baik, Butuh Perbaikan, "
        "Kurang/Misconduct, Sangat Kurang.",
        f"Baris 5: tahun {TAHUN} tidak sah; isi tahun 2000 s.d. {LALU}.",
        f"Baris 6: NIP {s.analis.nip} tahun {LALU} sudah tercantum pada baris 2.",
        "Baris 7: NIP 12345 tidak sah; NIP terdiri atas 18 digit.",
        "Baris 7: angka kredit -3 tidak sah; isi angka 0 sampai 999999,999.",
    ]
    assert not PredikatImpor.objects.exists() and not RiwayatSkp.objects.filter(aksi="impor_predikat").exists()


def test_impor_nip_tak_dikenal_sudah_diimpor_dan_sudah_dinilai(s, admin_organisasi):
    impor(admin_organisasi, berkas_csv([["NIP", "Tahun", "Predikat"], [s.analis.nip, LALU, "Baik"]]))
    _skp_langsung(s.staf_upt5, LALU, ppk=s.kepala_upt5, status_eval="ditetapkan")
    berkas = berkas_csv(
        [
            ["NIP", "Tahun", "Predikat"],
            ["199001012020121001", LALU, "Baik"],
            [s.analis.nip, LALU, "Sangat Baik"],
            [s.staf_upt5.nip, LALU, "Baik"],
            [s.staf_bidang.nip, LALU, "Baik"],
        ]
    )
    with pytest.raises(ValidationError) as e:
        impor(admin_organisasi, berkas)
    assert e.value.message_dict["berkas"] == [
        "Baris 2: NIP 199001012020121001 tidak dikenal di Sistem Kerja.",
        f"Baris 3: predikat {s.analis.nama} tahun {LALU} sudah diimpor dari predikat.csv.",
        f"Baris 4: {s.staf_upt5.nama} sudah memiliki evaluasi tahunan {LALU} yang ditetapkan di Sistem Kerja.",
    ]
    assert PredikatImpor.objects.count() == 1


def test_impor_xlsx_nip_angka_dan_berkas_rusak(s, admin_organisasi):
    with pytest.raises(ValidationError, match="Baris 2: NIP terbaca sebagai angka"):
        impor(admin_organisasi, berkas_xlsx([["NIP", "Tahun", "Predikat"], [float(s.analis.nip), LALU, "Baik"]]))
    hasil = impor(
        admin_organisasi, berkas_xlsx([["Judul"], ["NIP", "Tahun", "Predikat"], [s.analis.nip, LALU, "Baik"]])
    )
    assert hasil["jumlah"] == 1
    for berkas, pesan in (
        (SimpleUploadedFile("a.xlsx", b"PK\x03\x04rusak"), "bukan buku kerja XLSX"),
        (SimpleUploadedFile("a.csv", "NIP;Tahun\n".encode()), "tidak memuat kolom Predikat"),
        (SimpleUploadedFile("a.csv", b"Nama,Umur\nA,3\n"), "Baris judul dengan kolom NIP"),
        (SimpleUploadedFile("a.csv", "NIP,Tahun,Predikat\n1,2,Baik\xe9\n".encode("latin-1")), "bukan teks UTF-8"),
        (SimpleUploadedFile("a.pdf", b"%PDF-1.4"), "bukan .xlsx atau .csv"),
        (SimpleUploadedFile("a.csv", b""), "Berkas kosong"),
        (SimpleUploadedFile("a.csv", b"NIP,Tahun,Predikat\n"), "tidak memuat baris predikat"),
        (SimpleUploadedFile("a.csv", b"x" * (ekinerja.MAKS_BAIT + 1)), "terlalu besar"),
    ):
        with pytest.raises(ValidationError, match=pesan):
            impor(admin_organisasi, berkas)


def test_impor_batas_baris(s, admin_organisasi):
    with mock.patch.object(ekinerja, "MAKS_BARIS", 3):
        baris = [["NIP", "Tahun", "Predikat"]] + [[s.analis.nip, LALU - i, "Baik"] for i in range(4)]
        with pytest.raises(ValidationError, match="lebih dari 3 baris"):
            impor(admin_organisasi, berkas_csv(baris))


def test_impor_hanya_bagian_organisasi(s):
    with pytest.raises(BukanWewenang):
        impor(s.kepala_dinas.akun, berkas_csv([["NIP", "Tahun", "Predikat"], [s.analis.nip, LALU, "Baik"]]))


def test_halaman_impor(s, admin_organisasi):
    alamat = reverse("kinerja:ekinerja_impor")
    assert masuk(s.kepala_dinas.akun).get(alamat).status_code == 403
    assert Client().get(alamat).status_code == 302
    c = masuk(admin_organisasi)
    assert c.get(alamat).status_code == 200
    r = c.post(alamat, {"berkas": berkas_csv([["NIP", "Tahun", "Predikat"], [s.analis.nip, LALU, "Hebat"]])})
    assert r.status_code == 400 and "Baris 2: predikat Hebat tidak dikenal" in r.content.decode()
    r = c.post(
        alamat, {"berkas": berkas_csv([["NIP", "Tahun", "Predikat"], [s.analis.nip, LALU, "Baik"]])}, follow=True
    )
    assert r.redirect_chain[-1][0] == alamat and "1 predikat tahun" in r.content.decode()
    assert PredikatImpor.objects.get().predikat == "baik"
    assert c.post(alamat, {}).status_code == 400


def test_teks_tidak_menjadi_rumus(s, skp_analis, admin_organisasi):
    from openpyxl import load_workbook

    from kinerja.models import HasilKerja

    HasilKerja.objects.filter(skp=skp_analis).update(uraian='=HYPERLINK("http://contoh.invalid","klik")')
    c = masuk(admin_organisasi)
    baris = baca_csv(c.get(url_pegawai(s.analis)))
    assert baris[1][K["Rencana hasil kerja"]] == '\'=HYPERLINK("http://contoh.invalid","klik")'
    r = c.get(url_pegawai(s.analis, bentuk="xlsx"))
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)))["e-Kinerja"]
    sel = ws.cell(row=2, column=K["Rencana hasil kerja"] + 1)
    assert sel.data_type == "s" and sel.value.startswith("=HYPERLINK")


def test_urutan_kolom_tetap():
    """The order the module's docstring documents (a change here changes every file people re-import)."""
    assert ekinerja.KOLOM == [
        *["Tahun", "Periode SKP mulai", "Periode SKP selesai", "Model SKP", "Status SKP"],
        *["NIP", "Nama", "Pangkat/golongan", "Jabatan", "Unit kerja", "Instansi"],
        *["NIP PPK", "Nama PPK", "Pangkat/golongan PPK", "Jabatan PPK", "Unit kerja PPK"],
        *["NIP atasan PPK", "Nama atasan PPK", "Jabatan atasan PPK", "Bagian", "No"],
        *["Jenis hasil kerja", "Rencana hasil kerja pimpinan yang diintervensi", "Rencana hasil kerja"],
        *["Perspektif", "Pendekatan", "Aspek", "Indikator kinerja individu", "Target", "Satuan"],
        *["Perilaku kerja", "Ekspektasi khusus pimpinan", "Lampiran", "Isi lampiran"],
        *["Periode evaluasi", "Jenis periode", "Realisasi berdasarkan bukti dukung", "Umpan balik/catatan PPK"],
        *["Rating hasil kerja", "Rating perilaku kerja", "Predikat kinerja", "Status evaluasi"],
        *["Jenjang", "Koefisien", "Persentase predikat", "Angka kredit"],
    ]
    for i, k in ((1, "Tahun"), (6, "NIP"), (12, "NIP PPK"), (17, "NIP atasan PPK"), (22, "Jenis hasil kerja")):
        assert ekinerja.KOLOM[i - 1] == k  # the numbers in the docstring
    for i, k in ((31, "Perilaku kerja"), (35, "Periode evaluasi"), (43, "Jenjang"), (46, "Angka kredit")):
        assert ekinerja.KOLOM[i - 1] == k
