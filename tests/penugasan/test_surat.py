"""Letters: what the PDF says, numbering per book and year, revoking and reissuing, notices."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from organisasi import nip as nip_mod
from penugasan import services
from penugasan.choices import JenisSurat, StatusSurat
from penugasan.models import PolaNomorSurat, Surat
from penugasan.pdf import pdf_surat
from penugasan.services.surat import format_nomor, validasi_pola
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from .conftest import ajukan, lanjut

pytestmark = pytest.mark.django_db


def teks_pdf(surat) -> str:
    halaman = PdfReader(io.BytesIO(pdf_surat(surat))).pages
    return " ".join(" ".join(h.extract_text().split()) for h in halaman)


def test_pdf_surat_penugasan_memuat_nomor_nama_tanggal_dan_tembusan(s):
    PolaNomorSurat.objects.create(unit=s.dinas, pola="800/{no}/35.07.{kode}/{tahun}", kode="302")
    p = ajukan(s.kepala_bidang2, "B", s.bidang)
    p = lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    surat = p.surat.get(jenis=JenisSurat.PENUGASAN)
    teks = teks_pdf(surat)
    tahun = surat.tanggal.year
    assert surat.nomor == f"800/2/35.07.302/{tahun}"  # the request letter took number 1 of the Dinas' book
    for harus in (
        surat.nomor,
        "SURAT TUGAS",
        "MENUGASKAN:",
        "PEMERINTAH KABUPATEN UJI",
        "DINAS KESEHATAN",
        s.staf_bidang.nama,
        nip_mod.tampilkan(s.staf_bidang.nip),
        s.kepala_bidang.nama,
        nip_mod.tampilkan(s.kepala_bidang.nip),
        "4 Januari 2027 s.d. 30 Juni 2027",
        "Peraturan Bupati Malang Nomor 132 Tahun 2023",
        "Tembusan",
        s.kepala_dinas.jabatan.nama,
        "Kepanjen,",
        surat.kode_verifikasi,
    ):
        assert harus in teks, harus
    bulan = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ][surat.tanggal.month - 1]
    assert f"Kepanjen, {surat.tanggal.day} {bulan} {tahun}" in teks


def test_pdf_permohonan_dan_jawaban(s):
    p = ajukan(s.kepala_dpmptsp, "C", s.bidang)
    teks = teks_pdf(p.surat.get(jenis=JenisSurat.PERMOHONAN))
    for harus in (
        "Permohonan Pelibatan",
        "Menyusun peta proses bisnis",
        "Analisis proses bisnis",
        "Peta proses level 1 dan 2 selesai",
        "4 Januari 2027 s.d. 30 Juni 2027",
        s.kepala_dinas.nama,
    ):
        assert harus in teks, harus
    p = lanjut(p, s.kepala_dinas)
    p = services.penugasan_tolak(pelaku=s.kepala_bidang.akun, penugasan=p, alasan="Semua analis sedang cuti bersama.")
    teks = teks_pdf(p.surat.get(jenis=JenisSurat.JAWABAN))
    assert "Semua analis sedang cuti bersama." in teks and "belum dapat kami setujui" in teks


def test_plt_menandatangani_sebagai_plt(s):
    from organisasi import services as org
    from organisasi.choices import JenisPeran
    from organisasi.selectors import hari_ini

    # the definitive head leaves; a Plt fills the vacancy
    org.pejabat_akhiri(
        pelaku=None, pejabat=s.kepala_bidang.peran_pimpinan.get(), selesai=hari_ini() - dt.timedelta(days=2)
    )
    org.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.staf_bidang_b,
        jenis=JenisPeran.PLT,
        mulai=hari_ini() - dt.timedelta(days=1),
        selesai=hari_ini() + dt.timedelta(days=30),
    )
    p = ajukan(s.staf_bidang_b, "A", s.bidang, [s.staf_bidang])
    surat = p.surat.get()
    assert surat.isi["penandatangan"]["jabatan"] == "Plt. Kepala Bidang Pelayanan Kesehatan"
    assert "Plt. Kepala Bidang Pelayanan Kesehatan" in teks_pdf(surat)


def test_nomor_berurutan_per_buku_dan_tahun(s):
    a = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    b = ajukan(s.kepala_bidang2, "A", s.bidang2, [s.staf_bidang2]).surat.get()
    c = ajukan(s.kepala_kelurahan, "A", s.kelurahan, [s.staf_kelurahan]).surat.get()
    assert (a.unit_penerbit, b.unit_penerbit, c.unit_penerbit) == (s.dinas, s.dinas, s.kecamatan)
    assert (a.urut, b.urut, c.urut) == (1, 2, 1)
    # klasifikasi / nomor urut / the unit's code / tahun; without a code set, the initials of the unit's name
    # (never the internal slug "dinkes")
    assert (a.nomor, c.nomor) == (f"800.1.11.1/0001/DK/{a.tahun}", f"800.1.11.1/0001/KK/{c.tahun}")
    assert (
        format_nomor("B-{no}/{bulan}/{tahun}", urut=7, tanggal=dt.date(2027, 3, 9), kode="x", wilayah="35.07")
        == "B-7/III/2027"
    )


def test_pola_nomor_divalidasi():
    validasi_pola("800/{no}/35.07.{kode}/{tahun}")
    validasi_pola("{klasifikasi}/{no:04d}/{kode}/{tahun}")
    for salah, kata in (
        ("800/{tahun}", "{no}"),
        ("800/{no}/{unit}", "{unit}"),
        ("800/{no", "kurung"),
        ("800/{no:>999999999}", "Format isian"),  # a width of a billion is refused before formatting
        ("800/{no}/{kode:04d}", "Format isian"),
        ("800/{no!r}", "Format isian"),
        ("{klasifikasi}/{no}/" + "x" * 90 + "/{kode}", "terlalu panjang"),
    ):
        with pytest.raises(ValidationError) as e:
            validasi_pola(salah)
        assert kata in str(e.value)


def test_cabut_dengan_alasan_lalu_terbitkan_ulang(s):
    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    lama = p.surat.get()
    with pytest.raises(BukanWewenang):
        services.surat_cabut(pelaku=s.staf_bidang.akun, surat=lama, alasan="Salah nama")
    with pytest.raises(ValidationError):
        services.surat_cabut(pelaku=s.kepala_bidang.akun, surat=lama, alasan=" ")
    with pytest.raises(TransisiTidakSah):
        services.surat_terbitkan_ulang(pelaku=s.kepala_bidang.akun, surat=lama)
    lama = services.surat_cabut(pelaku=s.kepala_bidang.akun, surat=lama, alasan="Periode keliru")
    assert lama.status == StatusSurat.DICABUT and lama.history.first().history_change_reason.startswith("surat_cabut")
    with pytest.raises(TransisiTidakSah):
        services.surat_cabut(pelaku=s.kepala_bidang.akun, surat=lama, alasan="Lagi")
    baru = services.surat_terbitkan_ulang(pelaku=s.kepala_bidang.akun, surat=lama)
    assert baru.menggantikan == lama and baru.urut == lama.urut + 1 and baru.nomor != lama.nomor
    assert baru.isi["kepada"] == lama.isi["kepada"] and baru.kode_verifikasi != lama.kode_verifikasi
    with pytest.raises(TransisiTidakSah):
        services.surat_terbitkan_ulang(pelaku=s.kepala_bidang.akun, surat=lama)
    assert Surat.objects.count() == 2  # nothing is ever deleted
    assert p.riwayat.filter(aksi="cabut_surat").count() == 1
    assert "DICABUT" in teks_pdf(lama)


def test_surel_untuk_pelaku_tembusan_dan_penerima(s, django_capture_on_commit_callbacks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for p_ in (s.kepala_bidang, s.kepala_dinas, s.staf_bidang):
        p_.email = f"{p_.nip}@malangkab.go.id"
        p_.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(s.kepala_bidang2, "B", s.bidang)
    kepada = sorted(m.to[0] for m in mail.outbox)
    assert kepada == sorted([f"{s.kepala_bidang.nip}@malangkab.go.id", f"{s.kepala_dinas.nip}@malangkab.go.id"])
    assert any("menunggu Anda" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lanjut(p, s.kepala_bidang, pegawai=[s.staf_bidang])
    assert [m.to for m in mail.outbox if "Surat penugasan" in m.subject] == [[f"{s.staf_bidang.nip}@malangkab.go.id"]]
    # the PDF was rendered by the task started on commit
    assert all(x.status_berkas == "selesai" and x.berkas for x in p.surat.all())


def test_cabut_dan_ganti_oleh_pemegang_jabatan_kini(s):
    from organisasi import services as org
    from organisasi.choices import JenisPeran
    from organisasi.selectors import hari_ini

    p = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang])
    lama = p.surat.get()
    # the Kabid leaves; a Plt now holds the role: the old signatory may no longer act for the letter
    org.pejabat_akhiri(
        pelaku=None, pejabat=s.kepala_bidang.peran_pimpinan.get(), selesai=hari_ini() - dt.timedelta(days=1)
    )
    org.pejabat_tetapkan(
        pelaku=None,
        unit=s.bidang,
        pegawai=s.staf_bidang_b,
        jenis=JenisPeran.PLT,
        mulai=hari_ini(),
        selesai=hari_ini() + dt.timedelta(days=30),
    )
    with pytest.raises(BukanWewenang):
        services.surat_cabut(pelaku=s.kepala_bidang.akun, surat=lama, alasan="Salah nama")
    lama = services.surat_cabut(pelaku=s.staf_bidang_b.akun, surat=lama, alasan="Salah nama")
    baru = services.surat_terbitkan_ulang(pelaku=s.staf_bidang_b.akun, surat=lama)
    assert baru.penandatangan == s.staf_bidang_b
    assert baru.isi["penandatangan"]["jabatan"] == "Plt. Kepala Bidang Pelayanan Kesehatan"
    assert [k["nip"] for k in baru.isi["kepada"]] == [s.staf_bidang.nip]
