"""Survey periods as people name them: a year `2027`, a semester `2027-S1`, a quarter `2027-T3`, a month
`2027-05`, or two dates. Pure."""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

_POLA = re.compile(r"^(20[0-9]{2})(?:-(S[12]|T[1-4]|0[1-9]|1[0-2]))?$")
BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


@dataclass(frozen=True)
class Periode:
    mulai: dt.date
    selesai: dt.date
    label: str


def baca(teks: str) -> Periode | None:
    """The period a name gives, or None for one that is not a period name."""
    m = _POLA.match(teks) if isinstance(teks, str) and teks.isascii() else None
    if m is None:
        return None
    tahun, bagian = int(m.group(1)), m.group(2)
    if bagian is None:
        return Periode(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31), f"Tahun {tahun}")
    if bagian[0] == "S":
        s = int(bagian[1])
        awal = 1 if s == 1 else 7
        return Periode(dt.date(tahun, awal, 1), _akhir(tahun, awal + 5), f"Semester {'I' * s} {tahun}")
    if bagian[0] == "T":
        t = int(bagian[1])
        awal = 3 * t - 2
        return Periode(
            dt.date(tahun, awal, 1), _akhir(tahun, awal + 2), f"Triwulan {['I', 'II', 'III', 'IV'][t - 1]} {tahun}"
        )
    bulan = int(bagian)
    return Periode(dt.date(tahun, bulan, 1), _akhir(tahun, bulan), f"{BULAN[bulan - 1]} {tahun}")


def _akhir(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, monthrange(tahun, bulan)[1])


def antara(mulai: dt.date, selesai: dt.date) -> Periode:
    from sistemkerja.teks import tanggal_id

    return Periode(mulai, selesai, f"{tanggal_id(mulai)} – {tanggal_id(selesai)}")
