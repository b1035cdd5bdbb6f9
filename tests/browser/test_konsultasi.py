"""Browser journey of a consultation (issue 18): staff of an agency file a request with an attachment; the
Kepala Bagian Organisasi signs in and disposes it to a handler; the handler schedules a meeting and answers
with a result document; the requester reads the answer and rates it "Sangat baik" (4); the Bagian's
dashboard shows it closed with its rating. No CSP violation on the way; screenshots of each step."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone

from layanan.choices import StatusKonsultasi
from layanan.models import Konsultasi, Layanan
from tests.layanan.conftest import layanan_terbit

from .test_journeys import LAYAR, SANDI, beri_sandi, masuk
from .test_peran import SKRIP_PEMANTAU, kata_inggris

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PONSEL = (390, 844)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pantau(page):
    page.add_init_script(SKRIP_PEMANTAU)
    return page


def masalah(page) -> list[str]:
    """CSP violations, English words in the page, and a page wider than the screen."""
    hasil = page.evaluate("window.__masalah || []") + kata_inggris(page.locator("body").inner_text())
    lebar = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return hasil + ([f"gulir mendatar {lebar}"] if lebar[0] > lebar[1] else [])


@pytest.fixture
def bo(struktur, admin_organisasi):
    """The Bagian Organisasi named on the instansi, its published consultation service taking ratings; the
    head, a handler (analis) and a requester (staff of the health laboratory)."""
    s = struktur
    s.instansi.bagian_organisasi = s.bag_org
    s.instansi.save()
    layanan = layanan_terbit(admin_organisasi, s.bag_org, "konsultasi-org", "Konsultasi Kelembagaan")
    Layanan.objects.filter(pk=layanan.pk).update(menerima_konsultasi=True)
    return SimpleNamespace(s=s, kepala_bo=s.kepala_bag_org, penangan=s.analis, pemohon=s.staf_upt5)


def berkas(nama: str) -> dict:
    return {"name": nama, "mimeType": "application/pdf", "buffer": PDF}


def layar(page, nama: str) -> None:
    page.screenshot(path=str(LAYAR / f"konsultasi-{nama}.png"), full_page=True)


def test_konsultasi_diajukan_didisposisi_dijawab_dan_dinilai(buat_halaman, bo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LAYAR.mkdir(parents=True, exist_ok=True)

    # staff of the health laboratory file a request with an attachment
    pemohon = pantau(buat_halaman(PONSEL, user=bo.pemohon.akun))  # on a phone
    pemohon.goto("/")
    pemohon.get_by_role("button", name="Menu").click()
    pemohon.locator("nav#navigasi").get_by_role("link", name="Konsultasi", exact=True).click()
    assert masalah(pemohon) == []
    pemohon.get_by_role("link", name="Ajukan konsultasi").click()
    assert "Konsultasi Kelembagaan" in pemohon.locator("#standar-konsultasi").inner_text()
    pemohon.get_by_label("Jenis konsultasi").select_option("sop")
    pemohon.get_by_label("Uraian permohonan").fill("Mohon asistensi penyusunan SOP penerimaan sampel air.")
    pemohon.get_by_label("Lampiran").set_input_files([berkas("draf-sop.pdf")])
    assert masalah(pemohon) == []
    layar(pemohon, "ajukan")
    pemohon.get_by_role("button", name="Kirim permohonan").click()
    pemohon.wait_for_url(re.compile(r"/konsultasi/\d+/$"))
    assert "Permohonan konsultasi terkirim" in pemohon.locator(".pesan").inner_text()
    assert pemohon.locator("#status-konsultasi").inner_text() == "Diajukan"
    assert "draf-sop.pdf" in pemohon.locator("#permohonan").inner_text()
    assert "Menunggu disposisi Kepala Bagian Organisasi" in pemohon.locator("#langkah").inner_text()
    k = Konsultasi.objects.get()
    assert k.lampiran.count() == 1
    assert masalah(pemohon) == []

    # the Kepala Bagian Organisasi signs in, finds it on the home card and disposes it
    beri_sandi(bo.kepala_bo)
    kepala = pantau(buat_halaman())
    masuk(kepala, bo.kepala_bo.nip, SANDI)
    kepala.wait_for_url(re.compile(r"/$"))
    kepala.locator("#kartu-konsultasi").get_by_role("link", name="menunggu disposisi").click()
    kepala.get_by_role("link", name="Standar operasional prosedur").click()
    lampiran = kepala.request.get(kepala.get_by_role("link", name="draf-sop.pdf").get_attribute("href"))
    assert lampiran.status == 200 and lampiran.body() == PDF
    kepala.get_by_label("Penangan").select_option(bo.penangan.nip)
    kepala.get_by_label("Petunjuk disposisi").fill("Dampingi dengan format PermenPANRB 35/2012.")
    layar(kepala, "disposisi")
    kepala.get_by_role("button", name="Disposisikan").click()
    kepala.wait_for_load_state()
    assert "didisposisikan" in kepala.locator(".pesan").inner_text()
    assert bo.penangan.nama in kepala.locator("#disposisi").inner_text()
    assert masalah(kepala) == []

    # the handler schedules a meeting and answers with the result
    penangan = pantau(buat_halaman(user=bo.penangan.akun))
    penangan.goto("/")
    penangan.locator("#kartu-konsultasi").get_by_role("link", name="menunggu jawaban Anda").click()
    penangan.get_by_role("link", name="Standar operasional prosedur").click()
    assert "Dampingi dengan format" in penangan.locator("#disposisi").inner_text()
    lusa = timezone.localdate() + dt.timedelta(days=2)
    penangan.get_by_label("Waktu pertemuan").fill(f"{lusa.isoformat()}T09:30")
    penangan.get_by_label("Tempat").fill("Ruang Rapat Bagian Organisasi")
    penangan.get_by_role("button", name="Simpan jadwal").click()
    penangan.wait_for_load_state()
    assert penangan.locator("#status-konsultasi").inner_text() == "Dijadwalkan"
    assert "09.30" in penangan.locator("#pertemuan").inner_text()
    penangan.get_by_label("Jawaban / hasil konsultasi").fill(
        "SOP disusun ulang: pelaksana sebagai kolom, keputusan uji kelayakan sampel dengan dua cabang."
    )
    penangan.get_by_label("Dokumen hasil").set_input_files([berkas("hasil-asistensi.pdf")])
    layar(penangan, "jawab")
    penangan.get_by_role("button", name="Kirim jawaban").click()
    penangan.wait_for_load_state()
    assert penangan.locator("#status-konsultasi").inner_text() == "Dijawab"
    assert masalah(penangan) == []

    # the requester reads the answer and rates it 4
    pemohon.goto("/")
    pemohon.locator("#kartu-konsultasi").get_by_role("link", name="menunggu penilaian Anda").click()
    pemohon.get_by_role("link", name="Standar operasional prosedur").click()
    assert "keputusan uji kelayakan sampel" in pemohon.locator("#isi-jawaban").inner_text()
    assert "hasil-asistensi.pdf" in pemohon.locator("#jawaban").inner_text()
    pemohon.locator("#form-tutup").get_by_text("Sangat baik", exact=True).click()
    pemohon.get_by_label("Catatan").fill("Jelas dan cepat.")
    pemohon.get_by_role("button", name="Tutup konsultasi").click()
    pemohon.wait_for_load_state()
    assert pemohon.locator("#status-konsultasi").inner_text() == "Selesai"
    assert "4 dari 4" in pemohon.locator("#penilaian").inner_text()
    layar(pemohon, "selesai")
    assert masalah(pemohon) == []
    k.refresh_from_db()
    assert k.status == StatusKonsultasi.SELESAI and k.nilai == 4 and k.riwayat.count() == 5

    # the dashboard of the Bagian Organisasi: closed, rated 4
    kepala.locator("nav#navigasi").get_by_role("link", name="Bagian Organisasi", exact=True).click()
    kepala.wait_for_url("**/bagian-organisasi/")
    assert kepala.locator("#per-status td[data-status=selesai]").inner_text() == "1"
    assert kepala.locator("#rata-nilai strong").inner_text() in ("4,00", "4.00")
    assert "Tidak ada permohonan yang lewat tenggat" in kepala.locator("#konsultasi").inner_text()
    layar(kepala, "dasbor")
    assert masalah(kepala) == []
    ponsel = pantau(buat_halaman(PONSEL, user=bo.kepala_bo.akun))
    ponsel.goto("/bagian-organisasi/")
    assert masalah(ponsel) == []
    ponsel.goto("/konsultasi/")
    assert masalah(ponsel) == []
    layar(ponsel, "daftar-ponsel")
