"""The appraisal's rules, pure (no database): predikat matrix, distribution, angka kredit, periods.

- Predikat: PermenPANRB 6/2022, rating of results (rows) × rating of behaviour (columns); SPEC §6.
- Distribution (pola distribusi): the organisation's own predikat bounds how its staff's predikat may be
  spread; API.md *Kinerja* fixes the five rules. Shares are compared as exact fractions of the evaluated
  staff, never rounded: "at least 10%" in a unit of 4 means at least one person (1/4 ≥ 1/10), "at most
  10%" in a unit of 9 means nobody (1/9 > 1/10). A unit with nobody evaluated breaks no rule.
- Angka kredit: PermenPANRB 1/2023, koefisien per year of the jenjang × the predikat's percentage.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .choices import JenisPeriode, Predikat, PredikatOrganisasi, Rating

P = Predikat
R = Rating

MATRIKS: dict[tuple[str, str], str] = {
    (R.DI_ATAS, R.DI_BAWAH): P.KURANG,
    (R.DI_ATAS, R.SESUAI): P.BAIK,
    (R.DI_ATAS, R.DI_ATAS): P.SANGAT_BAIK,
    (R.SESUAI, R.DI_BAWAH): P.KURANG,
    (R.SESUAI, R.SESUAI): P.BAIK,
    (R.SESUAI, R.DI_ATAS): P.BAIK,
    (R.DI_BAWAH, R.DI_BAWAH): P.SANGAT_KURANG,
    (R.DI_BAWAH, R.SESUAI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.DI_ATAS): P.BUTUH_PERBAIKAN,
}


def predikat(rating_hasil: str, rating_perilaku: str) -> str:
    return MATRIKS[(rating_hasil, rating_perilaku)]


# --- distribution ---


@dataclass(frozen=True)
class Aturan:
    uraian: str
    predikat: tuple[str, ...]  # whose share the rule counts
    paling_sedikit: Fraction | None = None  # a share (0..1); Fraction(0) with `ada` means "at least one"
    paling_banyak: Fraction | None = None
    ada: bool = False  # at least one person

    def terpenuhi(self, jumlah: dict[str, int]) -> bool:
        n = sum(jumlah.values())
        if n == 0:
            return True
        k = sum(jumlah.get(p, 0) for p in self.predikat)
        if self.ada and k == 0:
            return False
        if self.paling_sedikit is not None and Fraction(k, n) < self.paling_sedikit:
            return False
        if self.paling_banyak is not None and Fraction(k, n) > self.paling_banyak:
            return False
        return True


PO = PredikatOrganisasi
_70, _60, _10 = Fraction(7, 10), Fraction(6, 10), Fraction(1, 10)

ATURAN_DISTRIBUSI: dict[str, tuple[Aturan, ...]] = {
    PO.ISTIMEWA: (Aturan("Paling banyak 70% pegawai berpredikat Sangat Baik", (P.SANGAT_BAIK,), paling_banyak=_70),),
    PO.BAIK: (
        Aturan("Paling banyak 70% pegawai berpredikat Baik", (P.BAIK,), paling_banyak=_70),
        Aturan(
            "Harus ada pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct",
            (P.BUTUH_PERBAIKAN, P.KURANG),
            ada=True,
        ),
    ),
    PO.BUTUH_PERBAIKAN: (
        Aturan("Paling sedikit 60% pegawai berpredikat Butuh Perbaikan", (P.BUTUH_PERBAIKAN,), paling_sedikit=_60),
        Aturan("Paling banyak 10% pegawai berpredikat Sangat Baik", (P.SANGAT_BAIK,), paling_banyak=_10),
    ),
    PO.KURANG: (
        Aturan("Paling sedikit 60% pegawai berpredikat Kurang/Misconduct", (P.KURANG,), paling_sedikit=_60),
        Aturan("Paling sedikit 10% pegawai berpredikat Butuh Perbaikan", (P.BUTUH_PERBAIKAN,), paling_sedikit=_10),
        Aturan("Paling banyak 10% pegawai berpredikat Sangat Baik", (P.SANGAT_BAIK,), paling_banyak=_10),
    ),
    PO.SANGAT_KURANG: (
        Aturan("Paling sedikit 60% pegawai berpredikat Sangat Kurang", (P.SANGAT_KURANG,), paling_sedikit=_60),
        Aturan(
            "Paling sedikit 10% pegawai berpredikat Kurang/Misconduct atau Butuh Perbaikan",
            (P.KURANG, P.BUTUH_PERBAIKAN),
            paling_sedikit=_10,
        ),
        Aturan("Tidak ada pegawai berpredikat Sangat Baik", (P.SANGAT_BAIK,), paling_banyak=Fraction(0)),
    ),
}


def cek_distribusi(predikat_organisasi: str | None, jumlah: dict[str, int]) -> list[dict]:
    """[{uraian, terpenuhi}] for the organisation's predikat; [] when it has none for the year."""
    if not predikat_organisasi:
        return []
    return [{"uraian": a.uraian, "terpenuhi": a.terpenuhi(jumlah)} for a in ATURAN_DISTRIBUSI[predikat_organisasi]]


def batas_distribusi(predikat_organisasi: str | None, n: int) -> dict[str, tuple[int, int]]:
    """Per staff predikat, the (least, most) head count the rules allow in a unit of `n` evaluated staff
    (for the chart: the unit's spread against what its predikat allows)."""
    batas = {p: (0, n) for p in P.values}
    for a in ATURAN_DISTRIBUSI.get(predikat_organisasi or "", ()):
        if len(a.predikat) != 1:
            continue
        lo, hi = batas[a.predikat[0]]
        if a.paling_sedikit is not None:
            lo = max(lo, -(-a.paling_sedikit.numerator * n // a.paling_sedikit.denominator))
        if a.paling_banyak is not None:
            hi = min(hi, a.paling_banyak.numerator * n // a.paling_banyak.denominator)
        if a.ada:
            lo = max(lo, 1 if n else 0)
        batas[a.predikat[0]] = (lo, hi)
    return batas


# --- angka kredit (PermenPANRB 1/2023) ---

KOEFISIEN: dict[str, Decimal] = {
    "pemula": Decimal("3.75"),
    "terampil": Decimal("5"),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal("25"),
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal("25"),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal("50"),
}
PERSEN_PREDIKAT: dict[str, Decimal] = {
    P.SANGAT_BAIK: Decimal("1.50"),
    P.BAIK: Decimal("1.00"),
    P.BUTUH_PERBAIKAN: Decimal("0.75"),
    P.KURANG: Decimal("0.50"),
    P.SANGAT_KURANG: Decimal("0.25"),
}
TIGA_DESIMAL = Decimal("0.001")


def angka_kredit(jenjang: str, predikat_tahunan: str, bulan: int = 12) -> Decimal:
    """The year's angka kredit; a year served in part (a new placement, a new appointment) counts its
    months: bulan/12 × percentage × koefisien (PermenPANRB 1/2023 as BKN applies it: 2 months Baik as
    Ahli Pertama = 2/12 × 100% × 12.5 = 2.083)."""
    nilai = KOEFISIEN[jenjang] * PERSEN_PREDIKAT[predikat_tahunan] * bulan / 12
    return nilai.quantize(TIGA_DESIMAL, ROUND_HALF_UP)


def bulan_dalam(mulai: dt.date, selesai: dt.date) -> int:
    """The months a period holds, each counted by its first day: a move on 15 June gives the old placement
    January–June and the new one July–December, twelve in all."""
    return sum(1 for b in range(1, 13) if mulai <= dt.date(mulai.year, b, 1) <= selesai) if mulai <= selesai else 0


# The angka kredit needed to move up, per jenjang and golongan (PermenPANRB 1/2023, Lampiran; BKN's table
# of AK kumulatif): (golongan now) -> (what comes next, AK needed). Counted within the jenjang: a kenaikan
# pangkat keeps the total, a kenaikan jenjang starts it again at zero; so IV/b → IV/c needs 300 (150 + 150).
KEBUTUHAN_AK: dict[str, dict[str, tuple[str, int]]] = {
    "ahli_pertama": {"III/a": ("III/b", 50), "III/b": ("Ahli Muda (III/c)", 100)},
    "ahli_muda": {"III/c": ("III/d", 100), "III/d": ("Ahli Madya (IV/a)", 200)},
    "ahli_madya": {"IV/a": ("IV/b", 150), "IV/b": ("IV/c", 300), "IV/c": ("Ahli Utama (IV/d)", 450)},
    "ahli_utama": {"IV/d": ("IV/e", 200)},
    "pemula": {"II/a": ("Terampil (II/b)", 15)},
    "terampil": {"II/b": ("II/c", 20), "II/c": ("II/d", 40), "II/d": ("Mahir (III/a)", 60)},
    "mahir": {"III/a": ("III/b", 50), "III/b": ("Penyelia (III/c)", 100)},
    "penyelia": {"III/c": ("III/d", 100)},
}


def kebutuhan_ak(jenjang: str, golongan: str) -> tuple[str, int] | None:
    """(the next pangkat or jenjang, the angka kredit it needs) for a pejabat fungsional, or None."""
    return KEBUTUHAN_AK.get(jenjang, {}).get(golongan)


# --- periods ---

POLA_PERIODE = re.compile(r"(20[0-9]{2})(?:-(0[1-9]|1[0-2])|-T([1-4]))?")


@dataclass(frozen=True)
class Periode:
    kode: str  # 2027, 2027-03, 2027-T1
    jenis: str
    tahun: int
    mulai: dt.date
    selesai: dt.date

    @property
    def label(self) -> str:
        if self.jenis == JenisPeriode.TAHUNAN:
            return f"Tahun {self.tahun}"
        if self.jenis == JenisPeriode.TRIWULANAN:
            return f"Triwulan {self.kode[-1]} {self.tahun}"
        return f"{BULAN[self.mulai.month - 1]} {self.tahun}"


BULAN = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()  # noqa: SIM905
)


def periode(kode: str) -> Periode | None:
    """The period a code names (`2027`, `2027-01`…`2027-12`, `2027-T1`…`2027-T4`), or None."""
    m = POLA_PERIODE.fullmatch(kode) if isinstance(kode, str) else None
    if not m:
        return None
    tahun = int(m.group(1))
    if m.group(2):
        b = int(m.group(2))
        return Periode(kode, JenisPeriode.BULANAN, tahun, dt.date(tahun, b, 1), _akhir_bulan(tahun, b))
    if m.group(3):
        t = int(m.group(3))
        return Periode(kode, JenisPeriode.TRIWULANAN, tahun, dt.date(tahun, 3 * t - 2, 1), _akhir_bulan(tahun, 3 * t))
    return Periode(kode, JenisPeriode.TAHUNAN, tahun, dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))


def _akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def periode_tahun(tahun: int, jenis: str) -> list[Periode]:
    """The periodic evaluations of a year for the instansi's choice, then the year itself."""
    if jenis == JenisPeriode.BULANAN:
        kode = [f"{tahun}-{b:02d}" for b in range(1, 13)]
    elif jenis == JenisPeriode.TRIWULANAN:
        kode = [f"{tahun}-T{t}" for t in range(1, 5)]
    else:
        kode = []
    return [periode(k) for k in [*kode, str(tahun)]]
