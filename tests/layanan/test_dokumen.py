"""The standard's PDF: public, without login, the version in force or any published one; the Maklumat
Pelayanan on page 1, then the table NO | KOMPONEN | URAIAN with its column-number row, the kop and the
signature of the head of the Perangkat Daerah on the publish date; the foot with the version, its force, page
numbers and a QR code. Drafts only for those who run the service, marked DRAF; anyone else 404."""

import datetime as dt
import io
import time

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from layanan import dokumen, services
from layanan.choices import LABEL_KOMPONEN
from organisasi.choices import JenisPeran
from organisasi.models import Pegawai
from organisasi.naskah import lambang_contoh_png
from organisasi.services import pejabat_tetapkan

from .conftest import komponen_lengkap

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _situs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITUS_URL = "https://layanan.contoh.go.id"


def teks_pdf(respon) -> list[str]:
    assert respon.status_code == 200, respon.content[:300]
    assert respon["Content-Type"] == "application/pdf"
    return [h.extract_text() for h in PdfReader(io.BytesIO(respon.content)).pages]


def rapat(teks: str) -> str:
    """Text extracted from a PDF with its line breaks and repeated spaces folded (a cell wraps anywhere)."""
    return " ".join(teks.split())


def test_pdf_publik_maklumat_lalu_standar_dengan_kop_ttd_dan_kaki(lay):
    s = lay.s
    Pegawai.objects.filter(pk=s.kepala_setda.pk).update(golongan="IV/d")
    services.versi_buat(
        pelaku=lay.admin,
        layanan=lay.konsultasi,
        komponen={"persyaratan": "a) Surat permohonan;\nb) Disposisi Kepala Bagian Organisasi;", "biaya": "Gratis"},
    )
    services.versi_terbitkan(pelaku=lay.admin, layanan=lay.konsultasi)
    halaman = teks_pdf(Client().get("/layanan/konsultasi-org/standar.pdf"))
    assert len(halaman) >= 2
    pertama, semua = rapat(halaman[0]), rapat(" ".join(halaman))
    # page 1: the maklumat, with the kop and the head of the Perangkat Daerah (Setda) signing
    assert "MAKLUMAT PELAYANAN" in pertama and "STANDAR PELAYANAN" not in pertama
    assert rapat(dokumen.MAKLUMAT) in pertama
    for baris in ["PEMERINTAH KABUPATEN UJI", "SEKRETARIAT DAERAH", "BAGIAN ORGANISASI", "Kepala Sekretariat Daerah"]:
        assert baris.lower() in pertama.lower(), baris
    hari = timezone.localdate()
    tanggal = f"{hari.day} {dokumen.tanggal_id(hari).split(' ', 1)[1]}"
    assert f"Kepanjen, {tanggal}" in pertama
    assert "Pembina Utama Madya" in pertama and "NIP." in pertama
    # then the standard: title, the table's header and its "1 2 3" row, the 14 components numbered 1..14
    assert "STANDAR PELAYANAN KONSULTASI KELEMBAGAAN" in semua
    assert "NO. KOMPONEN URAIAN 1 2 3" in semua
    tanpa_spasi = "".join(semua.split())
    for i, label in enumerate(LABEL_KOMPONEN.values(), 1):  # a label may wrap after "dan/"
        assert "".join(f"{i}. {label}".split()) in tanpa_spasi, label
    # a component's lines kept as lines
    standar = "\n".join(halaman[1:])
    assert "a) Surat permohonan;\nb) Disposisi Kepala Bagian Organisasi;" in standar
    # the foot on every page: version, force, page numbers, the public page
    for i, h in enumerate(halaman, 1):
        h = rapat(h)
        assert f"Versi 2 · Berlaku sejak {tanggal}" in h and f"Halaman {i} dari {len(halaman)}" in h
        assert "https://layanan.contoh.go.id/layanan/konsultasi-org/" in h


def test_versi_terdahulu_tetap_terbaca_dan_menyebut_sudah_diganti(lay):
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": "Rp25.000 per sampel"})
    services.versi_terbitkan(pelaku=lay.admin, layanan=lay.lab)
    c = Client()
    lama = rapat(" ".join(teks_pdf(c.get("/layanan/uji-lab/versi/1/standar.pdf"))))
    assert "Versi 1" in lama and "(sudah diganti)" in lama and "Rp25.000" not in lama
    assert "https://layanan.contoh.go.id/layanan/uji-lab/versi/1/" in lama
    baru = rapat(" ".join(teks_pdf(c.get("/layanan/uji-lab/standar.pdf"))))
    assert "Versi 2" in baru and "Rp25.000 per sampel" in baru and "diganti" not in baru
    # the head of the lab's Perangkat Daerah (Dinas Kesehatan) signs
    assert lay.s.kepala_dinas.nama in baru
    r = c.get("/layanan/uji-lab/versi/2/standar.pdf")
    assert r.status_code == 200 and r["Cache-Control"] == "no-cache"


def test_draf_hanya_untuk_pengelola_dengan_tanda_air(lay):
    s = lay.s
    services.versi_buat(pelaku=lay.admin, layanan=lay.lab, komponen={"biaya": "Tarif baru belum final"})
    alamat_draf = "/layanan/uji-lab/versi/2/standar.pdf"
    assert Client().get(alamat_draf).status_code == 404
    luar = Client()
    luar.force_login(s.staf_seksi.akun)  # staff of the kecamatan: not the lab's
    assert luar.get(alamat_draf).status_code == 404
    assert luar.get("/layanan/izin-praktik/versi/1/standar.pdf").status_code == 404
    petugas = Client()
    petugas.force_login(s.staf_bidang.akun)  # staff of the same Dinas run its counters
    r = petugas.get(alamat_draf)
    teks = rapat(" ".join(teks_pdf(r)))
    assert "DRAF" in teks and "Tarif baru belum final" in teks and "Draf, belum diterbitkan" in teks
    assert r["Cache-Control"] == "private, no-store"
    # a service with only a draft has no standard in force
    assert Client().get("/layanan/izin-praktik/standar.pdf").status_code == 404
    assert petugas.get("/layanan/izin-praktik/versi/1/standar.pdf").status_code == 200
    # the published version stays public, without the mark
    umum = rapat(" ".join(teks_pdf(Client().get("/layanan/uji-lab/standar.pdf"))))
    assert "DRAF" not in umum


@pytest.mark.parametrize(
    "alamat",
    [
        "/layanan/tidak-ada/standar.pdf",
        "/layanan/uji-lab/versi/9/standar.pdf",
        "/layanan/uji-lab/versi/999999999999999999/standar.pdf",
        "/layanan/uji-lab/versi/0/standar.pdf",
    ],
)
def test_yang_tidak_ada_404(lay, alamat):
    assert Client().get(alamat).status_code == 404


def test_layanan_nonaktif_tidak_publik(lay):
    lay.lab.__class__.objects.filter(pk=lay.lab.pk).update(aktif=False)
    assert Client().get("/layanan/uji-lab/standar.pdf").status_code == 404
    assert Client().get("/layanan/uji-lab/versi/1/standar.pdf").status_code == 404


def test_hanya_get_dan_head(lay):
    c = Client()
    assert c.head("/layanan/uji-lab/standar.pdf").status_code == 200
    assert c.post("/layanan/uji-lab/standar.pdf").status_code == 405


def test_penanda_tangan_menurut_tanggal_terbit(lay):
    """The signatory is whoever led the Perangkat Daerah the day the version came into force: a Plh appointed
    later signs later versions, not the one already in force."""
    s = lay.s
    hari = timezone.localdate()
    pejabat_tetapkan(
        pelaku=None,
        unit=s.dinas,
        pegawai=s.kepala_bidang,
        jenis=JenisPeran.PLH,
        mulai=hari + dt.timedelta(days=1),
        selesai=hari + dt.timedelta(days=10),
    )
    sekarang = dokumen.penandatangan(s.upt5, hari)
    nanti = dokumen.penandatangan(s.upt5, hari + dt.timedelta(days=2))
    assert sekarang["nama"] == s.kepala_dinas.nama
    assert nanti["nama"] == s.kepala_bidang.nama and nanti["jabatan_baris"] == ["Plh. Kepala Dinas Kesehatan"]
    teks = rapat(dokumen.html_standar(lay.lab.versi_berlaku))
    assert s.kepala_dinas.nama in teks and s.kepala_bidang.nama not in teks


def test_kop_memuat_lambang_instansi(lay):
    instansi = lay.s.instansi
    instansi.lambang.save("lambang-uji.png", ContentFile(lambang_contoh_png(64)), save=True)
    html = dokumen.html_standar(lay.konsultasi.versi_berlaku)
    assert 'src="data:image/png;base64,' in html and "Lambang Pemerintah Kabupaten Uji" in html
    assert teks_pdf(Client().get("/layanan/konsultasi-org/standar.pdf"))


def test_komponen_disanitasi(lay):
    """A component is Markdown sanitised by layanan.teks: a script typed into it never reaches the PDF's HTML."""
    services.versi_buat(
        pelaku=lay.admin,
        layanan=lay.lab,
        komponen=komponen_lengkap() | {"biaya": "<script>alert(1)</script>**Gratis**"},
    )
    services.versi_terbitkan(pelaku=lay.admin, layanan=lay.lab)
    lay.lab.refresh_from_db()
    html = dokumen.html_standar(lay.lab.versi_berlaku)
    assert "<script>" not in html and "<strong>Gratis</strong>" in html


def test_waktu_render(lay, capsys):
    """Rendered on request: an ordinary standard well under a second once the process has its fonts."""
    versi = lay.lab.versi_berlaku
    dokumen.pdf_standar(versi)
    mulai = time.monotonic()
    dokumen.pdf_standar(versi)
    detik = time.monotonic() - mulai
    with capsys.disabled():
        print(f"\nstandar pelayanan PDF: {detik:.2f} s")
    assert detik < 5  # generous: other test runs share the machine
