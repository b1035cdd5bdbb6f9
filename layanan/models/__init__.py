from .konsultasi import TENGGAT_KONSULTASI_BAWAAN, Konsultasi, LampiranKonsultasi
from .pengaduan import Pengaduan, PengingatPengaduan, RiwayatLayanan, Tanggapan
from .peta import PetaProses, Reviu, Temuan, VersiPeta
from .rumpun import Rumpun
from .sop import LangkahSop, Sop, VersiSop
from .standar import TENGGAT_PENGADUAN_BAWAAN, Layanan, VersiLayanan
from .survei import Jawaban, KodeSurvei, MutuSurvei, RencanaTindakLanjut, Responden, SkemaSurvei, UnsurSurvei

__all__ = [
    "TENGGAT_KONSULTASI_BAWAAN",
    "Konsultasi",
    "LampiranKonsultasi",
    "LangkahSop",
    "PetaProses",
    "Reviu",
    "Rumpun",
    "Sop",
    "Temuan",
    "VersiPeta",
    "VersiSop",
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
