"""Browser journey of the SOP registry (issue 18): the agency's staff open a published SOP with a decision that
loops back; the flowchart, drawn server-side as SVG, is visible with a symbol per activity and the loop's
arrow; the screenshot is saved (bench/out/screenshots/sop-bagan.png). The draft's grid refuses a wrong actor
on its cell, nothing saved. No CSP violation on the way."""

import pytest

from layanan.models import LangkahSop
from layanan.services import sop as sop_services

from .test_journeys import LAYAR
from .test_layanan import masalah, pantau

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

PELAKSANA = ["Pemohon (SKPD)", "Kepala Bagian Organisasi", "Kepala Subbagian Kelembagaan", "Analis Organisasi"]
IDENTITAS = {
    "dasar_hukum": "1. PermenPANRB Nomor 35 Tahun 2012;\n2. Peraturan Bupati tentang Uraian Tugas Sekretariat Daerah.",
    "kualifikasi_pelaksana": "Memahami analisis jabatan dan tata laksana.",
    "keterkaitan": "SOP Penerimaan Surat Masuk.",
    "peralatan": "Komputer, jaringan internet, telepon.",
    "peringatan": "Berkas tidak lengkap menunda penjadwalan konsultasi.",
    "pencatatan": "Buku agenda konsultasi.",
}
LANGKAH = [
    {"uraian": "Menyampaikan surat permohonan konsultasi", "jenis": "mulai", "pelaksana": 1},
    {"uraian": "Mendisposisikan surat kepada Kasubag", "pelaksana": 2, "waktu": "1 hari", "output": "Disposisi"},
    {"uraian": "Memeriksa kelengkapan berkas", "pelaksana": 3, "kelengkapan": "Surat, data dukung"},
    {"uraian": "Berkas lengkap?", "jenis": "keputusan", "pelaksana": 3, "ke_tidak": 2},
    {"uraian": "Menjadwalkan dan memfasilitasi konsultasi", "pelaksana": 4, "waktu": "2 jam", "output": "Notulen"},
    {"uraian": "Menerima hasil konsultasi", "pelaksana": 1, "output": "Hasil konsultasi"},
    {"uraian": "Selesai", "jenis": "selesai", "pelaksana": 1},
]


def test_sop_dengan_bagan_alir_terlihat(buat_halaman, struktur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LAYAR.mkdir(parents=True, exist_ok=True)
    s = struktur
    sop = sop_services.sop_daftarkan(
        pelaku=s.staf_upt5.akun,
        unit=s.upt5,
        nomor="800/01/35.07.101/2026",
        nama="Fasilitasi Konsultasi Kelembagaan",
        identitas=IDENTITAS,
        pelaksana=PELAKSANA,
        langkah=LANGKAH,
    )
    sop_services.sop_terbitkan(pelaku=s.kepala_upt5.akun, sop=sop)

    # staff of another agency of the instansi read the published SOP
    page = pantau(buat_halaman(user=s.staf_dpmptsp.akun))
    page.goto(f"/sop/{sop.pk}/")
    assert "Fasilitasi Konsultasi Kelembagaan" in page.get_by_role("heading", level=1).inner_text()
    bagan = page.locator("#bagan svg.bagan-sop")
    assert bagan.is_visible()
    assert bagan.get_attribute("role") == "img" and "Fasilitasi" in bagan.get_attribute("aria-label")
    assert page.locator("#bagan g.simbol").count() == len(LANGKAH)
    assert page.locator('#bagan g.simbol[data-jenis="keputusan"]').count() == 1
    kembali = page.locator('#bagan path.panah[data-dari="4"][data-ke="2"]')
    assert kembali.count() == 1 and kembali.get_attribute("data-cabang") == "tidak"
    kotak = bagan.bounding_box()
    assert kotak["width"] > 300 and kotak["height"] > 300  # drawn, at its size
    assert "Memeriksa kelengkapan berkas" in page.locator("#kegiatan").inner_text()
    assert page.get_by_role("link", name="Ubah draf").count() == 0
    page.locator("#bagan").scroll_into_view_if_needed()
    page.locator("#bagan").screenshot(path=str(LAYAR / "sop-bagan.png"))
    assert masalah(page) == []

    # the agency's staff revise it: a wrong actor number stays on its cell, nothing saved
    staf = pantau(buat_halaman(user=s.staf_upt5.akun))
    staf.goto(f"/sop/{sop.pk}/")
    staf.get_by_role("button", name="Susun versi baru").click()
    staf.wait_for_url(f"**/sop/{sop.pk}/versi/2/ubah/")
    staf.locator('select[name="langkah-2-pelaksana"]').select_option("4")
    staf.locator('input[name="langkah-2-urutan"]').fill("9")
    staf.get_by_role("button", name="Simpan draf").click()
    sel = staf.locator("td.sop-sel-urutan").nth(2)
    assert "Harus 3" in sel.inner_text()
    assert LangkahSop.objects.filter(versi__nomor=2, urutan=3).get().pelaksana == 3
    assert masalah(staf) == []
