"""Browser journey of the appraisal (issue 16): in a Dinas whose organisation predikat is `baik`, the
Kepala Bidang (PPK) rates a staff member's year; one more `baik` breaks "at most 70% Baik", the unit's
distribution chart beside the rating turns red and finalising is held; the PPK corrects the rating, the
chart holds again, the evaluation is finalised; the person, the PPK and the atasan PPK sign in the system,
and the PPK downloads the signed PDF."""

import pytest

from kinerja import services
from kinerja.models import DokumenKinerja, Evaluasi
from organisasi.selectors import hari_ini
from tests import factories as f

from .test_journeys import LAYAR

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db(transaction=True)]

TAHUN = hari_ini().year


def _hasil_kerja(target):
    return [
        {
            "uraian": "Terlaksananya pelayanan kesehatan rujukan",
            "jenis": "utama",
            "intervensi": f"target:{target.pk}",
            "indikator": [{"uraian": "Pasien dirujuk tepat waktu", "aspek": "waktu", "target": 95, "satuan": "%"}],
        }
    ]


def _skp_disetujui(orang, ppk, target):
    skp = services.skp_susun(pelaku=orang.akun, tahun=TAHUN, hasil_kerja=_hasil_kerja(target))
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def _dunia(s, admin):
    """Dinas Kesehatan, predikat organisasi `baik`; in the Bidang two colleagues rated Baik and one Butuh
    Perbaikan for the year (3 staff: 67% Baik, one Butuh Perbaikan: the spread holds)."""
    sasaran = [
        {"uraian": "Meningkatnya mutu layanan", "indikator": [{"uraian": "Rujukan", "satuan": "%", "target": 95}]}
    ]
    pk = services.perjanjian_susun(pelaku=s.kepala_dinas.akun, unit=s.dinas, tahun=TAHUN, sasaran=sasaran)
    services.perjanjian_tetapkan(pelaku=s.kepala_dinas.akun, perjanjian=pk)
    target = pk.target.get()
    services.predikat_organisasi_tetapkan(pelaku=admin, unit=s.dinas, tahun=TAHUN, predikat="baik")
    for nama, rating in (
        ("Perawat Satu", ("sesuai", "sesuai")),
        ("Perawat Dua", ("di_atas", "sesuai")),
        ("Perawat Tiga", ("di_bawah", "sesuai")),
    ):
        skp = _skp_disetujui(f.pegawai(s.bidang, nama=nama), s.kepala_bidang, target)
        services.evaluasi_nilai(
            pelaku=s.kepala_bidang.akun, skp=skp, periode=str(TAHUN), rating_hasil=rating[0], rating_perilaku=rating[1]
        )
    return _skp_disetujui(s.staf_bidang, s.kepala_bidang, target)


def _nilai(form, hasil, perilaku):
    form.locator(f"input[name=rating_hasil][value={hasil}]").check()
    form.locator(f"input[name=rating_perilaku][value={perilaku}]").check()


def _tandatangani(buat_halaman, orang, skp):
    page = buat_halaman(user=orang.akun)
    page.goto(f"/kinerja/skp/{skp.pk}/")
    dokumen = page.locator("article.skp-dokumen", has_text="tahunan")
    dokumen.get_by_role("button", name="Tandatangani").click()
    page.wait_for_load_state()
    assert "ditandatangani" in page.locator(".pesan").inner_text()
    return page


def test_ppk_menilai_distribusi_merah_koreksi_tetapkan_tanda_tangan_unduh(
    buat_halaman, struktur, admin_organisasi, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    LAYAR.mkdir(parents=True, exist_ok=True)
    s = struktur
    skp = _dunia(s, admin_organisasi)

    ppk = buat_halaman(user=s.kepala_bidang.akun)
    ppk.goto("/kinerja/skp/staf/")
    ppk.get_by_role("link", name=f"{s.staf_bidang.nama} — Tahun {TAHUN}").click()
    ppk.wait_for_url(f"**/kinerja/skp/{skp.pk}/?periode={TAHUN}*")
    grafik = ppk.locator("#distribusi .skp-distribusi")
    assert grafik.get_attribute("data-sesuai") == "ya"
    assert ppk.locator("#distribusi .skp-langgar").count() == 0

    # rated Baik: 3 of 4 Baik (75%) breaks "at most 70% Baik"; the chart beside it turns red
    form = ppk.locator(f"#nilai-{TAHUN}")
    _nilai(form, "sesuai", "sesuai")
    form.get_by_label("Catatan penilaian").fill("Rujukan tepat waktu sepanjang tahun")
    form.get_by_role("button", name="Simpan penilaian").click()
    ppk.wait_for_load_state()
    assert "Periode dinilai" in ppk.locator(".pesan").inner_text()
    grafik = ppk.locator("#distribusi .skp-distribusi")
    assert grafik.get_attribute("data-sesuai") == "tidak"
    baik = ppk.locator('#distribusi g.skp-baris[data-predikat="baik"]')
    assert "skp-langgar" in baik.get_attribute("class")
    warna = baik.locator(".skp-batang").evaluate("e => getComputedStyle(e).fill")
    assert warna == "rgb(164, 38, 29)"  # --galat
    assert "Paling banyak 70% pegawai berpredikat Baik" in grafik.inner_text()
    ppk.locator("#distribusi").screenshot(path=str(LAYAR / "skp-distribusi-merah.png"))
    ppk.screenshot(path=str(LAYAR / "skp-evaluasi-merah.png"), full_page=True)

    # finalising is held, naming the rule
    ev = Evaluasi.objects.get(skp=skp)
    artikel = ppk.locator(f"#evaluasi-{TAHUN}")
    assert artikel.get_by_label("Alasan penyimpangan distribusi").is_visible()
    artikel.get_by_role("button", name="Tetapkan evaluasi").click()
    ppk.wait_for_load_state()
    assert "70% pegawai berpredikat Baik" in ppk.locator(".pesan").inner_text()
    ev.refresh_from_db()
    assert ev.status == "dinilai"

    # the correction: Sangat Baik (2 of 4 Baik); the chart holds again and the evaluation is finalised
    artikel = ppk.locator(f"#evaluasi-{TAHUN}")
    artikel.locator("summary", has_text="Ubah penilaian").click()
    _nilai(artikel.locator(f"#ulang-{ev.pk} form"), "di_atas", "di_atas")
    artikel.locator(f"#ulang-{ev.pk}").get_by_role("button", name="Simpan penilaian").click()
    ppk.wait_for_load_state()
    assert ppk.locator("#distribusi .skp-distribusi").get_attribute("data-sesuai") == "ya"
    assert ppk.locator("#distribusi .skp-langgar").count() == 0
    assert "Sangat Baik" in ppk.locator(f"#evaluasi-{TAHUN}").inner_text()
    ppk.locator(f"#evaluasi-{TAHUN}").get_by_role("button", name="Tetapkan evaluasi").click()
    ppk.wait_for_load_state()
    assert "Evaluasi ditetapkan" in ppk.locator(".pesan").inner_text()
    ev.refresh_from_db()
    assert ev.status == "ditetapkan" and ev.predikat == "sangat_baik"
    dok = DokumenKinerja.objects.get(evaluasi=ev)

    # the person (on a phone), the PPK and the atasan PPK sign
    staf = buat_halaman((390, 844), user=s.staf_bidang.akun)
    staf.goto("/kinerja/skp/")
    staf.get_by_role("link", name="Dokumen Evaluasi Kinerja Pegawai (tahunan)").click()
    staf.locator(f"#dokumen-{dok.pk}").get_by_role("button", name="Tandatangani").click()
    staf.wait_for_load_state()
    assert "ditandatangani" in staf.locator(".pesan").inner_text()
    assert staf.evaluate("document.documentElement.scrollWidth") <= 390
    _tandatangani(buat_halaman, s.kepala_bidang, skp)
    atasan = _tandatangani(buat_halaman, s.kepala_dinas, skp)
    assert "Lengkap ditandatangani" in atasan.locator(f"#dokumen-{dok.pk}").inner_text()
    dok.refresh_from_db()
    assert not dok.tanda_tangan.filter(waktu__isnull=True).exists()

    # the signed PDF (made by the task once the last signature is in)
    ppk.goto(f"/kinerja/skp/{skp.pk}/#dokumen")
    tombol = ppk.locator(f"#dokumen-{dok.pk}").get_by_role("link", name="Unduh PDF")
    with ppk.expect_download() as unduh:
        tombol.click()
    assert unduh.value.suggested_filename.endswith(".pdf")
    with open(unduh.value.path(), "rb") as berkas:
        assert berkas.read(5) == b"%PDF-"
    ppk.screenshot(path=str(LAYAR / "skp-ditetapkan.png"), full_page=True)
