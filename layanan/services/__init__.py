"""Every write of layanan: one function per transition, `<entitas>_<aksi>(*, pelaku, ...)`."""

from .konsultasi import (
    konsultasi_ajukan,
    konsultasi_disposisi,
    konsultasi_jadwalkan,
    konsultasi_jawab,
    konsultasi_tutup,
    layanan_konsultasi,
)
from .pengaduan import (
    alamat_bersihkan,
    normal_lacak,
    pengaduan_ajukan,
    pengaduan_proses,
    pengaduan_tugaskan,
    pengaduan_tutup,
    tampil_lacak,
    tanggapan_terbitkan,
    tanggapan_tulis,
)
from .standar import layanan_daftarkan, layanan_ubah, versi_buat, versi_terbitkan, versi_ubah
from .survei import (
    kode_survei_buat,
    normal_kode,
    responden_catat,
    survei_isi,
    tampil_kode,
    tindak_lanjut_catat,
)

__all__ = [
    "alamat_bersihkan",
    "kode_survei_buat",
    "konsultasi_ajukan",
    "konsultasi_disposisi",
    "konsultasi_jadwalkan",
    "konsultasi_jawab",
    "konsultasi_tutup",
    "layanan_daftarkan",
    "layanan_konsultasi",
    "layanan_ubah",
    "normal_kode",
    "normal_lacak",
    "pengaduan_ajukan",
    "pengaduan_proses",
    "pengaduan_tugaskan",
    "pengaduan_tutup",
    "responden_catat",
    "survei_isi",
    "tampil_kode",
    "tampil_lacak",
    "tanggapan_terbitkan",
    "tanggapan_tulis",
    "tindak_lanjut_catat",
    "versi_buat",
    "versi_terbitkan",
    "versi_ubah",
]
