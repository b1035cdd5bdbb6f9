"""The appraisal's signed documents: the PDF made once the last signatory signs (eager Celery), carrying the
verification code on every page; the public verification page (names, roles, times, status, SHA-256, and
nothing of the appraisal); the download for those concerned only."""

import datetime as dt
import hashlib
import io
from unittest import mock

import pytest
from django.test import Client
from pypdf import PdfReader

from kinerja import dokumen as dokumen_mod
from kinerja import services
from kinerja.models import DokumenKinerja
from tests import factories as f

from .conftest import TAHUN, pk_berlaku

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITUS_URL = "https://kinerja.contoh.go.id"


def hasil_kerja(intervensi, n=1, **lain):
    return [
        {
            "uraian": f"Tersusunnya dokumen kebijakan pelayanan nomor {i + 1}",
            "jenis": "utama" if i % 3 else "tambahan",
            "intervensi": intervensi,
            "perspektif": "penerima_layanan",
            "indikator": [
                {"uraian": "Jumlah dokumen kebijakan tersusun", "aspek": "kuantitas", "target": 4, "satuan": "dokumen"},
                {"uraian": "Dokumen selesai tepat waktu", "aspek": "waktu", "target": 12, "satuan": "bulan"},
            ],
            **lain,
        }
        for i in range(n)
    ]


def skp_disetujui(orang, ppk, intervensi, n=1):
    skp = services.skp_susun(
        pelaku=orang.akun,
        tahun=TAHUN,
        hasil_kerja=[{**h, "jenis": "utama"} for h in hasil_kerja(intervensi, n)],
        perilaku={"akuntabel": "Laporan tepat waktu setiap bulan"},
        lampiran={"sumber_daya": "Anggaran rapat", "skema": "Laporan bulanan", "konsekuensi": "Teguran"},
    )
    services.skp_ajukan(pelaku=orang.akun, skp=skp)
    return services.skp_setujui(pelaku=ppk.akun, skp=skp)


def tanda_tangani(d, *orang, capture):
    with capture(execute=True):
        for p in orang:
            services.dokumen_tandatangani(pelaku=p.akun, dokumen=d)
    d.refresh_from_db()
    return d


def teks_halaman(d) -> list[str]:
    with d.berkas.open("rb") as berkas:
        return [h.extract_text() for h in PdfReader(io.BytesIO(berkas.read())).pages]


def nilai_tahun(skp, ppk, rating=("sesuai", "sesuai"), periode=None):
    with mock.patch("kinerja.services.penilaian.hari_ini", return_value=dt.date(TAHUN, 12, 31)):
        ev = services.evaluasi_nilai(
            pelaku=ppk.akun,
            skp=skp,
            periode=periode or str(TAHUN),
            rating_hasil=rating[0],
            rating_perilaku=rating[1],
            catatan="Pertahankan kinerja; ikuti pelatihan analisis kebijakan.",
        )
    return services.evaluasi_tetapkan(pelaku=ppk.akun, evaluasi=ev, alasan="Unit uji kecil")


@pytest.fixture
def skp_staf(s):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    return skp_disetujui(s.staf_bidang, s.kepala_bidang, f"target:{target.pk}")


def test_pdf_skp_dibuat_setelah_tanda_tangan_terakhir(s, skp_staf, django_capture_on_commit_callbacks):
    d = DokumenKinerja.objects.get(skp=skp_staf, jenis="skp")
    d = tanda_tangani(d, s.staf_bidang, capture=django_capture_on_commit_callbacks)
    assert not d.berkas and d.sidik == ""  # the PPK has not signed yet
    d = tanda_tangani(d, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    assert d.berkas and d.galat_berkas == ""
    with d.berkas.open("rb") as berkas:
        assert hashlib.sha256(berkas.read()).hexdigest() == d.sidik
    halaman = teks_halaman(d)
    semua = "\n".join(halaman)
    assert all(d.kode_verifikasi in h for h in halaman)
    assert "https://kinerja.contoh.go.id/kinerja/dokumen/verifikasi/" in semua
    for kata in (
        "SASARAN KINERJA PEGAWAI",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "Staf Bidang",
        "Tersusunnya dokumen kebijakan pelayanan nomor 1",
        "Berorientasi Pelayanan",
        "Laporan tepat waktu setiap bulan",
        "Dukungan sumber daya",
        "Ditandatangani secara elektronik dalam Sistem Kerja pada",
    ):
        assert kata in semua.replace("\n", " "), kata
    # made once: a second run leaves it as it is
    assert dokumen_mod.buat_pdf(d.pk) == "sudah"


def test_setiap_halaman_membawa_kode(s, django_capture_on_commit_callbacks):
    target = pk_berlaku(s.kepala_dinas, s.dinas)
    skp = skp_disetujui(s.staf_bidang, s.kepala_bidang, f"target:{target.pk}", n=12)
    d = tanda_tangani(
        DokumenKinerja.objects.get(skp=skp), s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks
    )
    halaman = teks_halaman(d)
    assert len(halaman) >= 2
    assert all(d.kode_verifikasi in h and f"dari {len(halaman)}" in h for h in halaman)


def test_pdf_skp_jpt_dengan_perspektif(s, django_capture_on_commit_callbacks):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = services.skp_susun(pelaku=s.kepala_asisten.akun, tahun=TAHUN, hasil_kerja=hasil_kerja(target.pk, 2))
    services.skp_ajukan(pelaku=s.kepala_asisten.akun, skp=skp)
    services.skp_setujui(pelaku=s.kepala_setda.akun, skp=skp)
    d = tanda_tangani(
        DokumenKinerja.objects.get(skp=skp),
        s.kepala_asisten,
        s.kepala_setda,
        capture=django_capture_on_commit_callbacks,
    )
    semua = " ".join(teks_halaman(d)).replace("\n", " ")
    assert "PERSPEKTIF" in semua and "Perspektif Penerima Layanan" in semua
    assert "PIMPINAN YANG DIINTERVENSI" not in semua


def test_pdf_evaluasi_periodik_dan_dokumen_evaluasi_tahunan(s, skp_staf, django_capture_on_commit_callbacks):
    ev = nilai_tahun(skp_staf, s.kepala_bidang, periode=f"{TAHUN}-T1")
    d = DokumenKinerja.objects.get(evaluasi=ev)
    assert d.jenis == "evaluasi"
    d = tanda_tangani(d, s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    semua = " ".join(teks_halaman(d)).replace("\n", " ")
    assert "EVALUASI KINERJA PEGAWAI" in semua and f"TRIWULAN 1 {TAHUN}" in semua
    assert "BAIK" in semua and "Sesuai ekspektasi" in semua

    ev = nilai_tahun(skp_staf, s.kepala_bidang)
    d = DokumenKinerja.objects.get(evaluasi=ev)
    assert d.jenis == "dokumen_evaluasi"
    d = tanda_tangani(d, s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    assert not d.berkas  # the atasan PPK still to sign
    d = tanda_tangani(d, s.kepala_dinas, capture=django_capture_on_commit_callbacks)
    semua = " ".join(teks_halaman(d)).replace("\n", " ")
    for kata in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "ATASAN PEJABAT PENILAI KINERJA",
        "PREDIKAT KINERJA PEGAWAI",
        "CATATAN/REKOMENDASI",
        "ikuti pelatihan analisis kebijakan",
        "Atasan Pejabat Penilai Kinerja,",
    ):
        assert kata in semua, kata
    assert semua.count("Ditandatangani secara elektronik dalam Sistem Kerja pada") == 3


def test_angka_kredit_pada_dokumen_evaluasi_fungsional(s, django_capture_on_commit_callbacks):
    target = pk_berlaku(s.kepala_setda, s.setda)
    skp = skp_disetujui(s.analis, s.kepala_bag_org, target.pk)
    ev = nilai_tahun(skp, s.kepala_bag_org, ("di_atas", "di_atas"))
    d = DokumenKinerja.objects.get(evaluasi=ev)
    penanda = [t.pegawai for t in d.tanda_tangan.all()]
    d = tanda_tangani(d, *penanda, capture=django_capture_on_commit_callbacks)
    semua = " ".join(teks_halaman(d)).replace("\n", " ")
    assert "ANGKA KREDIT" in semua and "37,5 (Ahli Muda)" in semua


# --- the public verification ---


def test_verifikasi_menunjukkan_nama_tanpa_isi_penilaian(s, skp_staf, django_capture_on_commit_callbacks):
    ev = nilai_tahun(skp_staf, s.kepala_bidang, ("di_atas", "di_atas"))
    d = DokumenKinerja.objects.get(evaluasi=ev)
    c = Client()
    r = c.get(f"/kinerja/dokumen/verifikasi/{d.kode_verifikasi}/")
    html = r.content.decode()
    assert r.status_code == 200 and "Menunggu tanda tangan" in html and "belum menandatangani" in html
    d = tanda_tangani(d, s.staf_bidang, s.kepala_bidang, s.kepala_dinas, capture=django_capture_on_commit_callbacks)
    r = c.get(f"/kinerja/dokumen/verifikasi/{d.kode_verifikasi.lower()}/")
    html = r.content.decode()
    assert r.status_code == 200
    for kata in ("Sah.", "Staf Bidang", s.kepala_bidang.nama, s.kepala_dinas.nama, "Atasan Pejabat Penilai Kinerja"):
        assert kata in html, kata
    assert d.sidik and d.sidik in html and f"Tahun {TAHUN}" in html
    for rahasia in ("Sangat Baik", "sangat_baik", "ekspektasi", "pelatihan analisis", "Angka kredit"):
        assert rahasia not in html, rahasia
    for p in (s.staf_bidang, s.kepala_bidang, s.kepala_dinas):
        assert p.nip not in html and p.nip[:8] not in html

    data = dokumen_mod.verifikasi_dokumen(d.kode_verifikasi)
    assert data["status"] == "berlaku" and data["pegawai"] == "Staf Bidang" and data["sidik"] == d.sidik
    assert [t["peran"] for t in data["penanda_tangan"]] == ["pegawai", "ppk", "atasan_ppk"]
    assert all(t["waktu"] for t in data["penanda_tangan"])
    assert not {"predikat", "rating_hasil", "nip", "isi"} & set(data)


def test_verifikasi_dokumen_tidak_berlaku_dengan_alasan(s, skp_staf):
    d = DokumenKinerja.objects.get(skp=skp_staf)
    DokumenKinerja.objects.filter(pk=d.pk).update(berlaku=False, alasan_cabut="Diganti setelah keberatan diterima.")
    r = Client().get(f"/kinerja/dokumen/verifikasi/{d.kode_verifikasi}/")
    html = r.content.decode()
    assert r.status_code == 200 and "Tidak berlaku" in html and "Diganti setelah keberatan diterima." in html
    assert dokumen_mod.verifikasi_dokumen(d.kode_verifikasi)["status"] == "tidak_berlaku"


@pytest.mark.parametrize("kode", ["TIDAKADAKODE", "abc%21%40", "X" * 200, "%C3%A9t%C3%A9"])
def test_kode_tak_dikenal_404(db, kode):
    r = Client().get(f"/kinerja/dokumen/verifikasi/{kode}/")
    assert r.status_code == 404 and "Tidak ditemukan" in r.content.decode()
    assert dokumen_mod.verifikasi_dokumen(kode) is None


# --- the download ---


def test_unduh_hanya_untuk_yang_berkepentingan(s, skp_staf, admin_organisasi, django_capture_on_commit_callbacks):
    d = DokumenKinerja.objects.get(skp=skp_staf)
    url = f"/kinerja/dokumen/{d.pk}/unduh/"
    c = Client()
    c.force_login(s.staf_bidang.akun)
    r = c.get(url)
    assert r.status_code == 404 and "Masih menunggu tanda tangan" in r.content.decode()
    tanda_tangani(d, s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    for user in (s.staf_bidang.akun, s.kepala_bidang.akun, s.kepala_dinas.akun, admin_organisasi):
        c.force_login(user)
        r = c.get(url)
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", user
        assert hashlib.sha256(b"".join(r.streaming_content)).hexdigest() == d.sidik
        assert "no-store" in r["Cache-Control"]
    rekan = f.pegawai(s.bidang, nama="Rekan Sebidang")
    for orang in (rekan, s.staf_dpmptsp, s.kepala_dpmptsp):
        c.force_login(orang.akun)
        assert c.get(url).status_code == 404
    assert c.get("/kinerja/dokumen/999999/unduh/").status_code == 404
    anonim = Client().get(url)
    assert anonim.status_code == 302 and "/masuk" in anonim["Location"] or "login" in anonim["Location"]


def test_gagal_dicatat_tidak_sampai_ke_permintaan(s, skp_staf, django_capture_on_commit_callbacks):
    d = DokumenKinerja.objects.get(skp=skp_staf)
    with mock.patch.object(
        dokumen_mod, "pdf_dokumen", side_effect=dokumen_mod.BatasDokumen("Melampaui batas dokumen: uji")
    ):
        d = tanda_tangani(d, s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    assert not d.berkas and d.galat_berkas.startswith("Melampaui batas dokumen")
    c = Client()
    c.force_login(s.staf_bidang.akun)
    r = c.get(f"/kinerja/dokumen/{d.pk}/unduh/")
    assert r.status_code == 404 and "tidak dapat dibuat" in r.content.decode()


def test_galat_lain_dicatat_lalu_dicoba_lagi_saat_diunduh(s, skp_staf, django_capture_on_commit_callbacks):
    d = DokumenKinerja.objects.get(skp=skp_staf)
    with mock.patch.object(dokumen_mod, "pdf_dokumen", side_effect=OSError("disk penuh")):
        d = tanda_tangani(d, s.staf_bidang, s.kepala_bidang, capture=django_capture_on_commit_callbacks)
    assert not d.berkas and "disk penuh" in d.galat_berkas
    c = Client()
    c.force_login(s.kepala_bidang.akun)
    with django_capture_on_commit_callbacks(execute=True) as dijadwalkan:
        r = c.get(f"/kinerja/dokumen/{d.pk}/unduh/")
    assert r.status_code == 404 and "akan dicoba lagi" in r.content.decode() and len(dijadwalkan) == 1
    d.refresh_from_db()
    assert d.berkas and d.galat_berkas == ""  # made again once the request's transaction committed
    r = c.get(f"/kinerja/dokumen/{d.pk}/unduh/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
