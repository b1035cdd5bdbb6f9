"""The surat tugas as tata naskah dinas (Permendagri 1/2023): lambang in the kop, the bundled font, the
number with classification and unit code, punctuation, pangkat, tembusan to the PPK, the verification
address from the settings, and the public verification page."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image
from pypdf import PdfReader

from organisasi import nip as nip_mod
from organisasi import services as org
from organisasi.models import Instansi, Pegawai
from organisasi.naskah import lambang_contoh_png
from penugasan import services
from penugasan.models import PenerimaSurat
from penugasan.pdf import konteks_surat, pdf_surat, qr_png

from .conftest import ajukan

pytestmark = pytest.mark.django_db

SITUS = "https://sistemkerja.contoh.go.id"


def _baca(surat) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_surat(surat)))


def _teks(pdf: PdfReader) -> str:
    return " ".join(" ".join(h.extract_text().split()) for h in pdf.pages)


def _png(ukuran=(64, 64), format_="PNG", acak=False) -> bytes:
    import os

    gambar = (
        Image.frombytes("RGB", ukuran, os.urandom(ukuran[0] * ukuran[1] * 3))
        if acak
        else Image.new("RGB", ukuran, (10, 80, 40))
    )
    keluar = io.BytesIO()
    gambar.save(keluar, format=format_)
    return keluar.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def surat_a(s):
    """Flow A appointed by the Kepala Dinas (Pimpinan Unit Organisasi) for staff of a bidang: the staff's PPK
    (the Kepala Bidang) signs nothing, so gets the copy. Text typed with its own end punctuation."""
    Pegawai.objects.filter(pk=s.kepala_dinas.pk).update(golongan="IV/b")
    Pegawai.objects.filter(pk=s.staf_bidang.pk).update(golongan="III/c")
    org.unit_ubah(pelaku=None, unit=s.dinas, kode_naskah="Dinkes")
    p = ajukan(
        s.kepala_dinas,
        "A",
        s.bidang,
        [s.staf_bidang],
        maksud="Menyusun alur rujukan tingkat pertama.",
        target="Alur rujukan disahkan;",
    )
    return p.surat.get()


@override_settings(SITUS_URL=SITUS + "/")
def test_surat_tugas_menurut_tata_naskah(s, surat_a):
    pdf = _baca(surat_a)
    teks = _teks(pdf)
    # the number: classification / sequence / the unit's code / year
    assert re.fullmatch(r"800\.1\.11\.1/0001/Dinkes/\d{4}", surat_a.nomor)
    assert f"Nomor {surat_a.nomor}" in teks and "dinkes/" not in teks
    for harus in (
        "SURAT TUGAS",
        "MENUGASKAN:",
        "Kepada",
        "Untuk",
        "Menyusun alur rujukan tingkat pertama;",
        "Ekspektasi/target kinerja: Alur rujukan disahkan;",
        "penuh tanggung jawab.",
        # signatory: position, name, pangkat/golongan, NIP
        "Pembina Tingkat I (IV/b) NIP " + nip_mod.tampilkan(s.kepala_dinas.nip),
        # the assignee's pangkat
        "Penata (III/c)",
        # the copy to the assignee's PPK, who did not sign
        "Tembusan: Kepala Bidang.",
        # the verification address from the settings, not the development server's
        f"{SITUS}/surat/verifikasi/{surat_a.kode_verifikasi}/",
    ):
        assert harus in teks, harus
    for artefak in (".;", ";.", "..", ";;"):
        assert artefak not in teks.replace("s.d.", "sd"), artefak
    assert "127.0.0.1" not in teks
    konteks = konteks_surat(surat_a)
    assert konteks["qr"] == qr_png(f"{SITUS}/surat/verifikasi/{surat_a.kode_verifikasi}/")
    # the PPK receives the copy among their letters
    assert PenerimaSurat.objects.filter(surat=surat_a, pegawai=s.kepala_bidang).exists()


def test_tanpa_tembusan_ppk_bila_ppk_sendiri_menandatangani(s):
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    assert not surat.isi.get("tembusan") and "Tembusan" not in _teks(_baca(surat))


def test_terbit_ulang_tidak_menggandakan_tembusan(s, surat_a):
    services.surat_cabut(pelaku=s.kepala_dinas.akun, surat=surat_a, alasan="Periode keliru")
    baru = services.surat_terbitkan_ulang(pelaku=s.kepala_dinas.akun, surat=surat_a)
    assert baru.isi["tembusan"] == ["Kepala Bidang"]


def test_fon_yang_tertanam_fon_bawaan(s, surat_a):
    """Every font in the PDF is the @font-face family (a system font that stood in would carry its own name),
    and the embedded file is the bundled Noto Serif."""
    from fontTools.ttLib import TTFont

    nama, keluarga = set(), set()
    for halaman in _baca(surat_a).pages:
        for f in halaman["/Resources"]["/Font"].values():
            f = f.get_object()
            nama.add(str(f["/BaseFont"]).split("+")[-1])
            deskriptor = (f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f)["/FontDescriptor"]
            berkas = TTFont(io.BytesIO(deskriptor["/FontFile2"].get_data()))
            keluarga.add(berkas["name"].getDebugName(1))
    assert nama == {"Naskah-Dinas-Serif", "Naskah-Dinas-Serif-Bold"}, nama
    assert keluarga == {"Noto Serif"}, keluarga


def test_lambang_yang_diunggah_tampil_di_kop(s, media):
    org.instansi_ubah(pelaku=None, instansi=s.instansi, lambang=ContentFile(lambang_contoh_png(), name="lambang.png"))
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    assert surat.isi["kop"]["lambang"].startswith("lambang/")
    gambar = [g.image.size for g in _baca(surat).pages[0].images]
    assert (240, 240) in gambar, gambar  # the lambang, beside the QR code


def test_lambang_tanpa_berkas_surat_tetap_dibuat(s, media):
    org.instansi_ubah(pelaku=None, instansi=s.instansi, lambang=ContentFile(lambang_contoh_png(), name="lambang.png"))
    surat = ajukan(s.kepala_bidang, "A", s.bidang, [s.staf_bidang]).surat.get()
    (media / surat.isi["kop"]["lambang"]).unlink()
    pdf = _baca(surat)  # a lambang gone from storage: the letter is still made, without it
    assert (240, 240) not in [g.image.size for g in pdf.pages[0].images] and "SURAT TUGAS" in _teks(pdf)


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (b"bukan gambar", "bukan gambar PNG atau JPEG"),
        (_png(format_="GIF"), "harus berupa gambar PNG atau JPEG"),
        (_png(ukuran=(2400, 20)), "antara 16 dan 2000 piksel"),
        (_png(ukuran=(700, 700), acak=True), "terlalu besar"),
    ],
)
def test_lambang_buruk_ditolak_dengan_pesan(s, media, berkas, pesan):
    with pytest.raises(ValidationError) as e:
        org.instansi_ubah(pelaku=None, instansi=s.instansi, lambang=ContentFile(berkas, name="lambang.png"))
    assert pesan in str(e.value.message_dict["lambang"])
    assert not Instansi.objects.get(pk=s.instansi.pk).lambang and not list(media.rglob("*.png"))


def test_lambang_dan_kode_lewat_admin(s, media, admin_organisasi):
    c = Client()
    c.force_login(admin_organisasi)
    url = f"/admin/organisasi/instansi/{s.instansi.pk}/change/"
    data = {
        "nama": s.instansi.nama,
        "kode_wilayah": "35.07",
        "tempat": "Kepanjen",
        "alamat": "",
        "kode_klasifikasi": "800.1.11.1",
    }
    r = c.post(url, {**data, "lambang": SimpleUploadedFile("lambang.png", b"teks biasa", "image/png")})
    assert r.status_code == 200 and "Unggah gambar yang sah." in r.content.decode()
    r = c.post(
        url, {**data, "kode_klasifikasi": "delapan", "lambang": SimpleUploadedFile("l.png", _png(), "image/png")}
    )
    assert r.status_code == 200 and "Kode klasifikasi berupa tiga angka" in r.content.decode()
    assert not Instansi.objects.get(pk=s.instansi.pk).lambang
    r = c.post(url, {**data, "kode_klasifikasi": "094", "lambang": SimpleUploadedFile("l.png", _png(), "image/png")})
    assert r.status_code == 302
    instansi = Instansi.objects.get(pk=s.instansi.pk)
    assert instansi.lambang.name.startswith("lambang/") and instansi.kode_klasifikasi == "094"
    # the unit's code in numbers: on the unit's admin page, checked by the service
    assert 'name="kode_naskah"' in c.get(f"/admin/organisasi/unit/{s.dinas.pk}/change/").content.decode()
    with pytest.raises(ValidationError) as e:
        org.unit_ubah(pelaku=admin_organisasi, unit=s.dinas, kode_naskah="Dinkes/2")
    assert "Kode naskah hanya berisi huruf" in str(e.value.message_dict["kode_naskah"])


def test_halaman_verifikasi_nama_periode_dan_pencabutan(s, surat_a):
    c = Client()
    teks = c.get(f"/surat/verifikasi/{surat_a.kode_verifikasi}/").content.decode()
    assert s.staf_bidang.nama in teks and "4 Januari 2027 s.d. 30 Juni 2027" in teks and "Sah." in teks
    services.surat_cabut(pelaku=s.kepala_dinas.akun, surat=surat_a, alasan="Periode keliru")
    r = c.get(f"/surat/verifikasi/{surat_a.kode_verifikasi.lower()}/")
    teks = r.content.decode()
    surat_a.refresh_from_db()
    from django.utils import timezone
    from django.utils.formats import date_format

    tanggal = date_format(timezone.localtime(surat_a.dicabut), "j F Y")
    assert r.status_code == 200 and "Dicabut." in teks and "Alasan pencabutan: Periode keliru" in teks
    assert f"dicabut pada {tanggal}" in teks
    # no NIP of anyone named, plain or spaced
    for p in (s.staf_bidang, s.kepala_dinas):
        assert p.nip not in teks and nip_mod.tampilkan(p.nip) not in teks
