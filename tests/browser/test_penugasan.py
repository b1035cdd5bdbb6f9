"""Browser journey of penugasan (issue 5): a Kepala Bidang asks for staff of another bidang (flow B),
picking a candidate shown by workload through htmx; the PPK sees it on the home page, approves it,
and the surat penugasan is issued with its PDF."""

import pytest

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from penugasan.models import Penugasan
from tests import factories as f

from .test_journeys import LAYAR

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]


def test_permohonan_lintas_bidang_sampai_surat_penugasan(buat_halaman, struktur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LAYAR.mkdir(parents=True, exist_ok=True)
    p2p = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    kabid_p2p = f.kepala(p2p, nama="Kepala Bidang P2P")
    staf = struktur.staf_bidang

    page = buat_halaman(user=kabid_p2p.akun)
    page.goto("/penugasan/baru/")
    page.get_by_label("B — penunjukan lintas Unit Organisasi dalam Perangkat Daerah").check()
    page.get_by_label("Unit tujuan").fill(struktur.bidang.kode)
    page.get_by_label("Mulai").fill("2027-01-04")
    page.get_by_label("Selesai", exact=True).fill("2027-06-30")
    page.get_by_role("button", name="Tampilkan calon").click()
    page.get_by_label(staf.nama).check()  # the candidate list came in by htmx
    assert "0 penugasan, 0 tim" in page.locator("#kandidat").inner_text()
    page.get_by_label("Maksud dan tujuan").fill("Pendampingan survei status gizi balita")
    page.get_by_label("Ekspektasi/target kinerja").fill("Laporan survei per kecamatan")
    page.get_by_role("button", name="Ajukan", exact=True).click()
    page.wait_for_url("**/penugasan/*/")
    p = Penugasan.objects.get()
    assert "Berjalan" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("#tindakan").count() == 0  # the requester does not decide

    ppk = buat_halaman(user=struktur.kepala_bidang.akun)
    ppk.goto("/")
    ppk.get_by_role("link", name="1 menunggu keputusan saya").click()
    ppk.get_by_role("link", name=f"#{p.pk}").first.click()
    assert ppk.get_by_label(staf.nama).is_checked()  # the requester's wish, pre-ticked
    ppk.screenshot(path=str(LAYAR / "penugasan-keputusan.png"), full_page=True)
    ppk.get_by_role("button", name="Setujui").click()
    ppk.wait_for_url(f"**/penugasan/{p.pk}/")
    assert "Selesai" in ppk.get_by_role("heading", level=1).inner_text()
    assert ppk.get_by_role("link", name="Unduh PDF").count() == 2  # permohonan and surat penugasan
    with ppk.expect_download() as unduh:
        ppk.get_by_role("link", name="Unduh PDF").last.click()
    assert unduh.value.suggested_filename.startswith("penugasan-")
    ppk.screenshot(path=str(LAYAR / "penugasan-selesai.png"), full_page=True)

    staf_page = buat_halaman((375, 800), user=staf.akun)
    staf_page.goto("/penugasan/")
    assert "Surat Penugasan" in staf_page.locator("#surat").inner_text()
    assert staf_page.evaluate("document.documentElement.scrollWidth") <= 375
