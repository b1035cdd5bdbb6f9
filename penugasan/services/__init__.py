"""Every write of penugasan, one function per transition (see organisasi.services for the conventions)."""

from ._dasar import izin_penugasan_selaraskan, izin_tim_selaraskan
from .alur import (
    pelaku_sinkronkan,
    penugasan_ajukan,
    penugasan_kedaluwarsakan,
    penugasan_lanjut,
    penugasan_tarik,
    penugasan_tolak,
)
from .surat import pejabat_berwenang_atur, pola_nomor_atur, surat_cabut, surat_terbitkan_ulang, validasi_pola
from .tim import (
    boleh_bentuk_tim,
    boleh_kelola_tim,
    kompetensi_catat,
    kompetensi_hapus,
    tim_anggota_akhiri,
    tim_anggota_tambah,
    tim_bentuk,
)

__all__ = [
    "boleh_bentuk_tim",
    "boleh_kelola_tim",
    "izin_penugasan_selaraskan",
    "izin_tim_selaraskan",
    "kompetensi_catat",
    "kompetensi_hapus",
    "pejabat_berwenang_atur",
    "pelaku_sinkronkan",
    "pola_nomor_atur",
    "penugasan_ajukan",
    "penugasan_kedaluwarsakan",
    "penugasan_lanjut",
    "penugasan_tarik",
    "penugasan_tolak",
    "surat_cabut",
    "surat_terbitkan_ulang",
    "tim_anggota_akhiri",
    "tim_anggota_tambah",
    "tim_bentuk",
    "validasi_pola",
]
