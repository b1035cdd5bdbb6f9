"""Actors of the penugasan tests, on the six-pattern instansi of tests/conftest.py.

A second bidang in the Dinas makes flow B (across units of one Perangkat Daerah) possible.
"""

import datetime as dt

import pytest

from organisasi.choices import JenisUnit as J
from organisasi.choices import Tingkat as T
from penugasan import services
from tests import factories as f

MULAI = dt.date(2027, 1, 4)
SELESAI = dt.date(2027, 6, 30)


@pytest.fixture
def s(struktur):
    struktur.bidang2 = f.unit(struktur.dinas, "dinkes-p2p", J.BIDANG, T.ADMINISTRATOR, nama="Bidang P2P")
    struktur.kepala_bidang2 = f.kepala(struktur.bidang2, nama="Kepala Bidang P2P")
    struktur.staf_bidang2 = f.pegawai(struktur.bidang2, nama="Staf P2P")
    struktur.staf_bidang_b = f.pegawai(struktur.bidang, nama="Staf Bidang Kedua")
    return struktur


def ajukan(pemohon, alur, unit_tujuan, pegawai=(), **lain):
    isi = {
        "maksud": "Menyusun peta proses bisnis layanan kesehatan",
        "kompetensi": "Analisis proses bisnis",
        "target": "Peta proses level 1 dan 2 selesai",
        "mulai": MULAI,
        "selesai": SELESAI,
        **lain,
    }
    return services.penugasan_ajukan(
        pelaku=pemohon.akun, alur=alur, unit_tujuan=unit_tujuan, pegawai=list(pegawai), **isi
    )


def lanjut(p, oleh, **lain):
    return services.penugasan_lanjut(pelaku=oleh.akun, penugasan=p, **lain)
