from .evaluasi import (
    Hasil,
    JadwalLaporan,
    Laporan,
    PengaturanKinerja,
    PengingatLaporan,
    PermintaanLaporan,
    Riwayat,
)
from .pelaksanaan import Anggaran, Kegiatan, Progres, Realisasi, RencanaKegiatan, Rincian, UmpanBalik
from .perencanaan import Indikator, PerjanjianKinerja, Sasaran, Target

__all__ = [
    "Anggaran",
    "Hasil",
    "Indikator",
    "JadwalLaporan",
    "Kegiatan",
    "Laporan",
    "PengaturanKinerja",
    "PengingatLaporan",
    "PerjanjianKinerja",
    "PermintaanLaporan",
    "Progres",
    "Realisasi",
    "RencanaKegiatan",
    "Riwayat",
    "Rincian",
    "Sasaran",
    "Target",
    "UmpanBalik",
]
