"""Browser journey of layanan (issue 17): staff at the counter issue survey codes; a citizen without an
account opens the service's QR target on a phone, answers the survey with a code, files a complaint, reads
its tracking code and follows it; the unit's head takes it up, writes and publishes an answer; the citizen
reloads the tracking page and reads the answer. No CSP violation on the way."""

import pytest

from layanan.models import Jawaban, Pengaduan, Responden
from tests.layanan.conftest import layanan_terbit

from .test_journeys import LAYAR
from .test_peran import SKRIP_PEMANTAU

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PONSEL = (390, 844)


def pantau(page):
    page.add_init_script(SKRIP_PEMANTAU)
    return page


def masalah(page) -> list[str]:
    return page.evaluate("window.__masalah || []")


def test_warga_survei_pengaduan_lacak_dan_petugas_menjawab(
    buat_halaman, struktur, admin_organisasi, settings, live_server, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITUS_URL = live_server.url  # what the printed QR codes point at
    LAYAR.mkdir(parents=True, exist_ok=True)
    s = struktur
    layanan_terbit(admin_organisasi, s.upt5, "uji-lab", "Uji Laboratorium Kesehatan", tenggat_pengaduan_hari=5)

    # the counter issues one-time codes and prints the slips
    staf = pantau(buat_halaman(user=s.staf_upt5.akun))
    staf.goto("/layanan/kelola/uji-lab/kode-survei/")
    staf.get_by_label("Jumlah kode").fill("3")
    staf.get_by_role("button", name="Buat dan cetak slip").click()
    staf.wait_for_url("**/kode-survei/cetak/**")
    assert staf.locator(".lay-slip svg").count() == 3
    kode = staf.locator(".lay-slip-kode strong").first.inner_text()
    assert len(kode) == 9 and kode[4] == "-"
    assert masalah(staf) == []

    # a citizen scans the counter's QR code: its target is the survey page
    warga = pantau(buat_halaman(PONSEL))
    warga.goto("/layanan/uji-lab/")
    assert "Uji Laboratorium Kesehatan" in warga.get_by_role("heading", level=1).inner_text()
    assert warga.locator("nav#navigasi").count() == 0  # no menu for the public
    qr = warga.request.get(warga.locator("#qr img").get_attribute("src"))
    assert qr.status == 200 and qr.headers["content-type"] == "image/svg+xml" and b"<svg" in qr.body()
    alamat = warga.locator("#alamat-survei").get_attribute("href")
    assert alamat == f"{live_server.url}/layanan/uji-lab/survei/"
    warga.goto(alamat)
    assert "tidak menanyakan nama" in warga.locator("#privasi").inner_text()
    warga.get_by_label("Kode survei").fill(kode.lower())
    soal = warga.locator("fieldset.lay-soal[id^='soal-']")
    assert soal.count() == 9
    for i in range(9):
        soal.nth(i).locator("label.lay-pilih").nth(3 if i % 3 else 2).click()
    warga.get_by_label("Usia (tahun)").fill("34")
    warga.get_by_label("Pendidikan terakhir").select_option("s1")
    assert warga.locator("input[name=U1]:checked").count() == 1
    assert warga.evaluate("document.documentElement.scrollWidth") <= PONSEL[0]
    warga.screenshot(path=str(LAYAR / "layanan-survei-ponsel.png"), full_page=True)
    warga.get_by_role("button", name="Kirim jawaban").click()
    warga.wait_for_url("**/survei/terima-kasih/")
    assert "Terima kasih" in warga.get_by_role("heading", level=1).inner_text()
    (responden,) = Responden.objects.all()
    assert responden.usia == 34 and responden.pendidikan == "s1"
    assert Jawaban.objects.filter(responden=responden).count() == 9

    # the citizen files a complaint about the service and follows it by its code
    warga.get_by_role("link", name="Sampaikan pengaduan atau saran").click()
    assert warga.get_by_label("Layanan yang dimaksud").input_value() == "uji-lab"
    warga.get_by_label("Isi pengaduan atau saran").fill("Hasil uji darah saya belum keluar setelah seminggu.")
    warga.get_by_label("Surel atau nomor telepon").fill("warga@contoh.id")
    warga.get_by_role("button", name="Kirim").click()
    warga.wait_for_url("**/pengaduan/terkirim/**")
    kode_lacak = warga.locator("#kode-lacak").inner_text()
    assert len(kode_lacak) == 14 and kode_lacak.count("-") == 2
    warga.screenshot(path=str(LAYAR / "layanan-pengaduan-terkirim-ponsel.png"), full_page=True)
    warga.get_by_role("link", name="Lacak pengaduan ini").click()
    assert warga.locator("#status-pengaduan").inner_text() == "Diterima"
    assert "Hasil uji darah" not in warga.content() and "warga@contoh.id" not in warga.content()
    assert Pengaduan.objects.get().layanan.kode == "uji-lab"

    # the head of the unit takes it up, answers and publishes the answer
    kepala = pantau(buat_halaman(user=s.kepala_upt5.akun))
    kepala.goto("/")
    kepala.get_by_role("link", name="pengaduan belum selesai").click()
    kepala.get_by_role("link", name=kode_lacak).click()
    assert "Hasil uji darah saya belum keluar" in kepala.locator("#isi-pengaduan").inner_text()
    kepala.locator("#form-proses").get_by_role("button", name="Proses").click()
    kepala.wait_for_load_state()
    assert "Pengaduan diproses." in kepala.locator(".pesan").inner_text()
    kepala.get_by_label("Tanggapan", exact=True).fill(
        "Mohon maaf, alat sedang dikalibrasi. Hasil dapat diambil besok pagi."
    )
    kepala.get_by_role("button", name="Simpan tanggapan").click()
    kepala.wait_for_load_state()
    kepala.get_by_role("button", name="Terbitkan tanggapan ini").click()
    kepala.wait_for_load_state()
    assert "Tanggapan diterbitkan" in kepala.locator(".pesan").inner_text()
    kepala.screenshot(path=str(LAYAR / "layanan-pengaduan-petugas.png"), full_page=True)
    assert masalah(kepala) == []

    # the citizen reloads the tracking page and reads the answer
    warga.reload()
    assert warga.locator("#status-pengaduan").inner_text() == "Diproses"
    assert "alat sedang dikalibrasi" in warga.locator("#tanggapan").inner_text()
    assert warga.evaluate("document.documentElement.scrollWidth") <= PONSEL[0]
    assert masalah(warga) == []
