"""Every write to the organisation structure, one function per transition.

Each checks the actor's right and the current state inside a transaction (rows
locked with select_for_update where it matters), changes, and leaves a history
record naming the actor and the transition (django-simple-history).
"""

from ..selectors import hari_ini
from ._dasar import _catat, _simpan, akun_pelaku, pastikan_wewenang
from .akses import akses_data_pribadi_catat, token_buat, token_cabut, token_cabut_sandi_lama, token_cabut_semua
from .pegawai import (
    GOLONGAN_PPPK,
    BarisMutasi,
    akun_siapkan,
    jabatan_dapatkan,
    mutasi_kolektif,
    mutasi_lampirkan_sk,
    pegawai_berhentikan,
    pegawai_daftarkan,
    pegawai_pindahkan,
    pegawai_ubah,
    sinkron_penempatan,
)
from .pejabat import pejabat_akhiri, pejabat_tetapkan
from .struktur import instansi_buat, instansi_ubah, pola_hitung_ulang, unit_buat, unit_pindahkan, unit_ubah

__all__ = [
    "GOLONGAN_PPPK",
    "BarisMutasi",
    "_catat",
    "_simpan",
    "akses_data_pribadi_catat",
    "akun_pelaku",
    "akun_siapkan",
    "hari_ini",
    "instansi_buat",
    "instansi_ubah",
    "jabatan_dapatkan",
    "mutasi_kolektif",
    "mutasi_lampirkan_sk",
    "pastikan_wewenang",
    "pegawai_berhentikan",
    "pegawai_daftarkan",
    "pegawai_pindahkan",
    "pegawai_ubah",
    "pejabat_akhiri",
    "pejabat_tetapkan",
    "pola_hitung_ulang",
    "sinkron_penempatan",
    "token_buat",
    "token_cabut",
    "token_cabut_sandi_lama",
    "token_cabut_semua",
    "unit_buat",
    "unit_pindahkan",
    "unit_ubah",
]
