"""Browser journey of kinerja (issue 15): in the Sekretariat Daerah the Kepala Bagian hands a target down
to a staff member (strategy and plan), the staff member records progress and submits a result on a phone,
the chain (Kepala Bagian → Asisten → Sekda) accepts it, and the unit's dashboard shows it finished."""

import pytest

from kinerja import services
from kinerja.models import Hasil, Target
from organisasi.selectors import hari_ini

from .test_journeys import LAYAR

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

TAHUN = hari_ini().year


def _target_bagian(s) -> Target:
    """The Sekda's PK set and its target handed down Sekda → Asisten → Kepala Bagian (services)."""
    sasaran = [
        {"uraian": "Tata kelola kelembagaan", "indikator": [{"uraian": "SOP direviu", "satuan": "SOP", "target": 40}]}
    ]
    pk = services.perjanjian_susun(pelaku=s.kepala_setda.akun, unit=s.setda, tahun=TAHUN, sasaran=sasaran)
    services.perjanjian_tetapkan(pelaku=s.kepala_setda.akun, perjanjian=pk)
    akar = pk.target.get()
    asisten = services.target_turunkan(
        pelaku=s.kepala_setda.akun, target=akar, unit=s.asisten, uraian="SOP direviu", satuan="SOP", target_nilai=40
    )
    return services.target_turunkan(
        pelaku=s.kepala_asisten.akun,
        target=asisten,
        unit=s.bag_org,
        uraian="SOP direviu",
        satuan="SOP",
        target_nilai=40,
    )


def _terima(buat_halaman, user, hasil: Hasil):
    page = buat_halaman(user=user)
    page.goto("/kinerja/")
    page.get_by_role("link", name=hasil.target.uraian).first.click()
    page.get_by_role("button", name="Terima").click()
    page.wait_for_load_state()
    return page


def test_kabag_menurunkan_staf_melapor_rantai_menerima(buat_halaman, struktur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LAYAR.mkdir(parents=True, exist_ok=True)
    s = struktur
    t = _target_bagian(s)

    kabag = buat_halaman(user=s.kepala_bag_org.akun)
    kabag.goto("/kinerja/")
    kabag.get_by_role("link", name=t.uraian).first.click()
    kabag.wait_for_url(f"**/kinerja/target/{t.pk}/")
    kabag.get_by_label("Individu").check()
    kabag.get_by_role("button", name="Simpan strategi").click()
    kabag.get_by_role("link", name="Susun rencana").click()
    kabag.get_by_label("Uraian kegiatan").fill("Reviu SOP Bagian Organisasi")
    kabag.get_by_label("Mulai").fill(f"{TAHUN}-01-02")
    kabag.get_by_label("Selesai").fill(f"{TAHUN}-12-30")
    kabag.get_by_label("Pelaksana").select_option(label=s.analis.nama)
    if kabag.get_by_label("Uraian", exact=True).count() == 0:  # a budget row is added on the server
        kabag.get_by_role("button", name="Tambah baris anggaran").click()
    kabag.get_by_label("Uraian", exact=True).fill("Rapat reviu")
    kabag.get_by_label("Jumlah (Rp)").fill("2500000")
    kabag.get_by_role("button", name="Ajukan rencana").click()
    kabag.wait_for_url(f"**/kinerja/target/{t.pk}/**")
    kabag.get_by_role("button", name="Setujui").click()
    kabag.wait_for_load_state()
    assert "Rencana kegiatan dan anggaran disetujui" in kabag.locator("main").inner_text()
    assert "Reviu SOP Bagian Organisasi" in kabag.locator("body").inner_text()
    kabag.screenshot(path=str(LAYAR / "kinerja-target.png"), full_page=True)

    staf = buat_halaman((390, 844), user=s.analis.akun)
    staf.goto("/kinerja/")
    staf.get_by_role("link", name=t.uraian).first.click()
    staf.get_by_role("link", name="Reviu SOP Bagian Organisasi").first.click()
    staf.locator("#form_progres summary").click()
    staf.get_by_label("Tanggal").first.fill(hari_ini().isoformat())
    staf.get_by_label("Uraian").first.fill("Empat puluh SOP selesai direviu")
    staf.get_by_label("Progres (%)").fill("100")
    staf.get_by_label("Tautan bukti").fill("https://contoh.go.id/sop")
    staf.get_by_role("button", name="Catat progres").click()
    staf.wait_for_load_state()
    assert "100" in staf.locator("body").inner_text()
    staf.goto(f"/kinerja/target/{t.pk}/hasil/")
    staf.get_by_label("Capaian").fill("40")
    staf.get_by_label("Uraian hasil").fill("Empat puluh SOP direviu dan ditetapkan")
    staf.get_by_role("button", name="Ajukan untuk ditinjau").click()
    staf.wait_for_url("**/kinerja/hasil/*/")
    assert staf.evaluate("document.documentElement.scrollWidth") <= 390
    staf.screenshot(path=str(LAYAR / "kinerja-hasil-diajukan.png"), full_page=True)
    hasil = Hasil.objects.get()

    for kepala in (s.kepala_bag_org, s.kepala_asisten, s.kepala_setda):
        _terima(buat_halaman, kepala.akun, hasil)
    hasil.refresh_from_db()
    assert hasil.status == "selesai"

    dasbor = buat_halaman(user=s.kepala_bag_org.akun)
    dasbor.goto(f"/kinerja/dasbor/unit/{s.setda.kode}/?tahun={TAHUN}")
    isi = dasbor.locator("body").inner_text()
    assert "SOP direviu" in isi and "100" in isi
    dasbor.screenshot(path=str(LAYAR / "kinerja-dasbor.png"), full_page=True)
