"""Every write of kinerja: one function per transition, `<entitas>_<aksi>(*, pelaku, ...)`."""

from .evaluasi import (
    hasil_ajukan,
    hasil_ajukan_ulang,
    hasil_kembalikan,
    hasil_terima,
    peninjau_sinkronkan,
    tinjauan_terlambat_beri_tahu,
)
from .laporan import jadwal_tetapkan, laporan_minta, laporan_sampaikan, pengingat_laporan
from .pelaksanaan import (
    progres_catat,
    realisasi_catat,
    rencana_setujui,
    rencana_susun,
    rincian_catat,
    umpan_balik_baca,
    umpan_balik_kirim,
)
from .perencanaan import (
    RUJUKAN,
    penugasan_terkait,
    perjanjian_susun,
    perjanjian_tetapkan,
    perjanjian_ubah,
    target_strategi,
    target_turunkan,
    usulan_penugasan,
)

__all__ = [
    "RUJUKAN",
    "hasil_ajukan",
    "hasil_ajukan_ulang",
    "hasil_kembalikan",
    "hasil_terima",
    "jadwal_tetapkan",
    "laporan_minta",
    "laporan_sampaikan",
    "pengingat_laporan",
    "penugasan_terkait",
    "peninjau_sinkronkan",
    "perjanjian_susun",
    "perjanjian_tetapkan",
    "perjanjian_ubah",
    "progres_catat",
    "realisasi_catat",
    "rencana_setujui",
    "rencana_susun",
    "rincian_catat",
    "target_strategi",
    "tinjauan_terlambat_beri_tahu",
    "target_turunkan",
    "umpan_balik_baca",
    "umpan_balik_kirim",
    "usulan_penugasan",
]
