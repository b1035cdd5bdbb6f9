"""Fixtures of layanan's tests: services registered and published through the services themselves."""

from types import SimpleNamespace

import pytest

from layanan import services
from layanan.choices import KODE_KOMPONEN
from layanan.models import SkemaSurvei


def komponen_lengkap(awalan: str = "") -> dict[str, str]:
    """All 14 components filled (what publishing requires)."""
    return {k: f"{awalan}Isi komponen {k.replace('_', ' ')}." for k in KODE_KOMPONEN}


def layanan_terbit(pelaku, unit, kode: str, nama: str | None = None, skema: str | None = None, **lain):
    layanan = services.layanan_daftarkan(
        pelaku=pelaku,
        kode=kode,
        nama=nama or f"Layanan {kode}",
        unit=unit,
        komponen=komponen_lengkap(),
        skema=SkemaSurvei.objects.get(kode=skema) if skema else None,
        **lain,
    )
    services.versi_terbitkan(pelaku=pelaku, layanan=layanan)
    layanan.refresh_from_db()
    return layanan


@pytest.fixture
def lay(struktur, admin_organisasi):
    """`konsultasi`: the Bagian Organisasi's published consultation service (Setda); `lab`: the health lab's
    (Dinas Kesehatan), published; `draf`: a draft of the Bidang Pelayanan Kesehatan."""
    s = struktur
    ns = SimpleNamespace(s=s, admin=admin_organisasi)
    ns.konsultasi = layanan_terbit(admin_organisasi, s.bag_org, "konsultasi-org", "Konsultasi Kelembagaan")
    ns.lab = layanan_terbit(admin_organisasi, s.upt5, "uji-lab", "Uji Laboratorium Kesehatan", tenggat_pengaduan_hari=5)
    ns.draf = services.layanan_daftarkan(
        pelaku=admin_organisasi, kode="izin-praktik", nama="Rekomendasi Izin Praktik", unit=s.bidang, komponen={}
    )
    return ns


@pytest.fixture
def bo(lay):
    """`lay` with the instansi naming its Bagian Organisasi, and the consultation service taking ratings."""
    lay.s.instansi.bagian_organisasi = lay.s.bag_org
    lay.s.instansi.save()
    type(lay.konsultasi).objects.filter(pk=lay.konsultasi.pk).update(menerima_konsultasi=True)
    lay.kepala_bo = lay.s.kepala_bag_org
    lay.penangan = lay.s.analis
    lay.pemohon = lay.s.staf_upt5
    return lay
