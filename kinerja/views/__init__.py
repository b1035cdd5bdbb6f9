"""Pages of kinerja for staff. Thin: objects come through `restrict` (an outsider gets 404), every change
through `kinerja.services`, a refusal comes back as field errors (400) or a message (403/409)."""

from .berkas import bukti_hasil, bukti_progres
from .pelaksanaan import (
    hasil_ajukan_ulang,
    hasil_baru,
    hasil_detail,
    hasil_kembalikan,
    hasil_terima,
    kegiatan_detail,
    progres_catat,
    realisasi_catat,
    rencana_baru,
    rincian_catat,
)
from .perencanaan import kotak_masuk, pk_baru, pk_daftar, pk_detail, pk_tetapkan, pk_ubah
from .target import (
    jadwal_tetapkan,
    laporan_minta,
    laporan_sampaikan,
    rencana_setujui,
    target_detail,
    target_strategi,
    target_turunkan,
    umpan_balik_baca,
    umpan_balik_kirim,
)

__all__ = [
    "bukti_hasil",
    "bukti_progres",
    "hasil_ajukan_ulang",
    "hasil_baru",
    "hasil_detail",
    "hasil_kembalikan",
    "hasil_terima",
    "jadwal_tetapkan",
    "kegiatan_detail",
    "kotak_masuk",
    "laporan_minta",
    "laporan_sampaikan",
    "pk_baru",
    "pk_daftar",
    "pk_detail",
    "pk_tetapkan",
    "pk_ubah",
    "progres_catat",
    "realisasi_catat",
    "rencana_baru",
    "rencana_setujui",
    "rincian_catat",
    "target_detail",
    "target_strategi",
    "target_turunkan",
    "umpan_balik_baca",
    "umpan_balik_kirim",
]
