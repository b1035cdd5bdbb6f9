"""Actors and helpers of the kinerja tests, on the six-pattern instansi of tests/conftest.py.

`jalan(...)` walks a target the service way from the PK to a result under review; the API tests walk
the same through HTTP.
"""

import datetime as dt

import pytest

from kinerja import services
from organisasi.selectors import hari_ini

TAHUN = hari_ini().year


def sasaran(n_indikator: int = 1, target: int = 100):
    return [
        {
            "uraian": "Meningkatnya kualitas pelayanan",
            "indikator": [
                {"uraian": f"Indikator {i + 1}", "satuan": "dokumen", "target": target} for i in range(n_indikator)
            ],
        }
    ]


def pk_berlaku(kepala, unit, **lain):
    """A PK drafted and set by the unit's head; returns its first root target."""
    pk = services.perjanjian_susun(pelaku=kepala.akun, unit=unit, tahun=TAHUN, sasaran=sasaran(**lain))
    services.perjanjian_tetapkan(pelaku=kepala.akun, perjanjian=pk)
    return pk.target.order_by("id").first()


def kegiatan(*pelaksana, jumlah: int = 1_000_000):
    return [
        {
            "uraian": "Menyusun dokumen",
            "mulai": dt.date(TAHUN, 1, 2).isoformat(),
            "selesai": dt.date(TAHUN, 12, 30).isoformat(),
            "pelaksana": [p.nip for p in pelaksana],
            "anggaran": [{"uraian": "Rapat", "jumlah": jumlah}],
        }
    ]


def rencana_disetujui(target, pemilik, *pelaksana):
    r = services.rencana_susun(pelaku=pelaksana[0].akun, target=target, kegiatan=kegiatan(*pelaksana))
    return services.rencana_setujui(pelaku=pemilik.akun, rencana=r)


@pytest.fixture
def s(struktur):
    return struktur
