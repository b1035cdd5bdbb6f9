"""The satisfaction index, pure (API.md *Layanan*; PermenPANRB 14/2017, Kepmen PAN 25/2004).

Per element, NRR = the sum of its answers ÷ the number who answered it. Over the k elements that anyone
answered, index = Σ NRR × (1/k) × pengali. Everything is an exact fraction (1/9 is 1/9, not 0.111); the
index is rounded half up to two decimals only at the end, and mutu is read from the rounded index. The NRR
and weighted NRR shown in the working are rounded for display (four decimals) and never fed back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Unsur:
    kode: str
    nama: str


@dataclass(frozen=True)
class Mutu:
    mutu: str
    kinerja: str
    bawah: Decimal
    atas: Decimal


@dataclass(frozen=True)
class Skema:
    kode: str
    nama: str
    unsur: tuple[Unsur, ...]
    mutu: tuple[Mutu, ...]
    pengali: int = 25

    def mutu_dari(self, nilai: Decimal | None) -> Mutu | None:
        if nilai is None:
            return None
        return next((m for m in self.mutu if m.bawah <= nilai <= m.atas), None)


def bulat(nilai: Fraction, tempat: int) -> Decimal:
    """Half up (away from zero for the positive values here) to `tempat` decimals, from the exact value."""
    skala = 10**tempat
    n = nilai * skala
    bulat_n = (n.numerator * 2 + n.denominator) // (2 * n.denominator)  # floor(n + 1/2)
    return (Decimal(bulat_n) / Decimal(skala)).quantize(Decimal(1).scaleb(-tempat))


@dataclass(frozen=True)
class HasilUnsur:
    kode: str
    nama: str
    jumlah_nilai: int
    jumlah_jawaban: int
    nrr: Fraction | None  # None: nobody answered this element
    tertimbang: Fraction | None  # NRR × 1/k

    @property
    def nrr_teks(self) -> str | None:
        return None if self.nrr is None else str(bulat(self.nrr, 4))

    @property
    def tertimbang_teks(self) -> str | None:
        return None if self.tertimbang is None else str(bulat(self.tertimbang, 4))


@dataclass(frozen=True)
class Hasil:
    skema: Skema
    responden: int
    unsur: tuple[HasilUnsur, ...]
    k: int  # elements anyone answered
    jumlah_tertimbang: Fraction | None  # Σ NRR × 1/k
    eksak: Fraction | None  # × pengali, before rounding
    ikm: Decimal | None
    mutu: Mutu | None

    @property
    def bobot(self) -> Fraction | None:
        return Fraction(1, self.k) if self.k else None

    @property
    def ikm_teks(self) -> str | None:
        return None if self.ikm is None else str(self.ikm)

    def terlemah(self, n: int = 3) -> list[HasilUnsur]:
        """The elements with the lowest NRR (the follow-up plan's priorities), weakest first."""
        dijawab = [(u.nrr, i, u) for i, u in enumerate(self.unsur) if u.nrr is not None]
        return [u for _, _, u in sorted(dijawab, key=lambda x: x[:2])][:n]  # ties: the scheme's order

    def sebagai_api(self) -> dict:
        """API.md's shape of `GET /layanan/{kode}/ikm/`."""
        return {
            "skema": self.skema.kode,
            "responden": self.responden,
            "unsur": [
                {
                    "kode": u.kode,
                    "nama": u.nama,
                    "jumlah_nilai": u.jumlah_nilai,
                    "jumlah_jawaban": u.jumlah_jawaban,
                    "nrr": u.nrr_teks,
                }
                for u in self.unsur
            ],
            "ikm": self.ikm_teks,
            "mutu": self.mutu.mutu if self.mutu else None,
            "kinerja": self.mutu.kinerja if self.mutu else None,
        }


def hitung(skema: Skema, agregat: Mapping[str, tuple[int, int]], responden: int) -> Hasil:
    """The index from, per element code, (sum of answers, number of answers); `responden` is the number
    of questionnaires counted. Codes outside the scheme are ignored."""
    per_unsur: list[tuple[Unsur, int, int]] = []
    for u in skema.unsur:
        jumlah, n = agregat.get(u.kode, (0, 0))
        per_unsur.append((u, int(jumlah or 0), int(n or 0)))
    k = sum(1 for _, _, n in per_unsur if n)
    bobot = Fraction(1, k) if k else None
    hasil_unsur = []
    for u, jumlah, n in per_unsur:
        nrr = Fraction(jumlah, n) if n else None
        hasil_unsur.append(HasilUnsur(u.kode, u.nama, jumlah, n, nrr, nrr * bobot if nrr is not None else None))
    if not k:
        return Hasil(skema, responden, tuple(hasil_unsur), 0, None, None, None, None)
    jumlah_tertimbang = sum((h.tertimbang for h in hasil_unsur if h.tertimbang is not None), Fraction(0))
    eksak = jumlah_tertimbang * skema.pengali
    ikm = bulat(eksak, 2)
    return Hasil(skema, responden, tuple(hasil_unsur), k, jumlah_tertimbang, eksak, ikm, skema.mutu_dari(ikm))


def skema_dari(model) -> Skema:
    """A `SkemaSurvei` row with its `unsur` and `mutu` (prefetched or not) as the pure scheme."""
    return Skema(
        kode=model.kode,
        nama=model.nama,
        unsur=tuple(Unsur(u.kode, u.nama) for u in sorted(model.unsur.all(), key=lambda u: u.urutan)),
        mutu=tuple(Mutu(m.mutu, m.kinerja, m.bawah, m.atas) for m in sorted(model.mutu.all(), key=lambda m: m.bawah)),
        pengali=model.pengali,
    )


def dari_jawaban(skema: Skema, baris: Sequence[Mapping[str, int]]) -> Hasil:
    """The index of a handful of questionnaires given as {kode: nilai} (worked examples, tests)."""
    agregat: dict[str, tuple[int, int]] = {}
    for jawaban in baris:
        for kode, nilai in jawaban.items():
            s, n = agregat.get(kode, (0, 0))
            agregat[kode] = (s + nilai, n + 1)
    return hitung(skema, agregat, len(baris))
