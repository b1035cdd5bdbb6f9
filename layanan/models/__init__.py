from .pengaduan import Pengaduan, RiwayatLayanan, Tanggapan
from .standar import TENGGAT_PENGADUAN_BAWAAN, Layanan, VersiLayanan
from .survei import Jawaban, KodeSurvei, MutuSurvei, RencanaTindakLanjut, Responden, SkemaSurvei, UnsurSurvei

__all__ = [
    "TENGGAT_PENGADUAN_BAWAAN",
    "Jawaban",
    "KodeSurvei",
    "Layanan",
    "MutuSurvei",
    "Pengaduan",
    "RencanaTindakLanjut",
    "Responden",
    "RiwayatLayanan",
    "SkemaSurvei",
    "Tanggapan",
    "UnsurSurvei",
    "VersiLayanan",
]
