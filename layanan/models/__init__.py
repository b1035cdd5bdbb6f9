from .pengaduan import Pengaduan, PengingatPengaduan, RiwayatLayanan, Tanggapan
from .standar import TENGGAT_PENGADUAN_BAWAAN, Layanan, VersiLayanan
from .survei import Jawaban, KodeSurvei, MutuSurvei, RencanaTindakLanjut, Responden, SkemaSurvei, UnsurSurvei

__all__ = [
    "TENGGAT_PENGADUAN_BAWAAN",
    "Jawaban",
    "KodeSurvei",
    "Layanan",
    "MutuSurvei",
    "Pengaduan",
    "PengingatPengaduan",
    "RencanaTindakLanjut",
    "Responden",
    "RiwayatLayanan",
    "SkemaSurvei",
    "Tanggapan",
    "UnsurSurvei",
    "VersiLayanan",
]
