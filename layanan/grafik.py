"""The SKM charts as server-side SVG: the geometry is computed here, the templates only place numbers
(templates/layanan/skm/_grafik_*.html). No inline style anywhere (the CSP's style-src is 'self'): colours
are SVG presentation attributes (`fill="…"`), which the CSP does not govern and WeasyPrint draws the same
in the PDF report.

Three charts:
- `nrr_unsur`: a bar per element, its NRR on the scale of an answer (1 to 4), over the mutu bands read back
  onto that scale (an NRR × 25 in band B lies in band B);
- `indeks_mendatar`: a bar per row (respondent profile, service, Perangkat Daerah), the index on its scale
  (25 to 100) over the bands;
- `banding_periode`: a column per sub-period (quarters, months) with the index above it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from . import indeks

# Band colours, strong for bars and pale for the background stripes (mutu A best … D worst).
WARNA_MUTU = {"A": "#2e7d32", "B": "#5b8f22", "C": "#b26a00", "D": "#b3261e"}
LATAR_MUTU = {"A": "#e4f2e5", "B": "#eef5dc", "C": "#fcf0d9", "D": "#fbe4e2"}
WARNA_KOSONG = "#8a969c"
WARNA_TEKS = "#1c2428"
WARNA_GARIS = "#c5ced3"

LEBAR = 640
X0 = 250  # where the bars start (labels end to the left)
X1 = 570  # where the scale ends (values printed to the right)
ATAS = 30  # room for the band letters above the first row


def _pecahan(nilai) -> Fraction:
    return nilai if isinstance(nilai, Fraction) else Fraction(Decimal(str(nilai)))


def pita(skema: indeks.Skema, bagi: int = 1) -> list[tuple[str, Fraction, Fraction]]:
    """The bands as (mutu, from, to) on a scale (`bagi`: the multiplier, to read them as an answer's value),
    each band running to where the next begins so the stripes leave no gap."""
    urut = sorted(skema.mutu, key=lambda m: m.bawah)
    hasil = []
    for i, m in enumerate(urut):
        ujung = _pecahan(urut[i + 1].bawah) if i + 1 < len(urut) else _pecahan(m.atas)
        hasil.append((m.mutu, _pecahan(m.bawah) / bagi, ujung / bagi))
    return hasil


def _mutu_dari(skema: indeks.Skema, nilai_ikm: Fraction | None) -> str | None:
    if nilai_ikm is None:
        return None
    m = skema.mutu_dari(indeks.bulat(nilai_ikm, 2))
    return m.mutu if m else None


def _skala(rendah: Fraction, tinggi: Fraction, x0: int, x1: int):
    lebar = tinggi - rendah or Fraction(1)

    def x(nilai) -> int:
        v = min(max(_pecahan(nilai), rendah), tinggi)
        return x0 + round((v - rendah) * (x1 - x0) / lebar)

    return x


def _mendatar(baris: list[dict], skema: indeks.Skema, bagi: int, label_skala: list) -> dict:
    """Horizontal bars: `baris` = [{label, nilai (Fraction|None), teks, mutu, judul}] on the bands' scale."""
    stripe = pita(skema, bagi)
    rendah, tinggi = stripe[0][1], stripe[-1][2]
    x = _skala(rendah, tinggi, X0, X1)
    tinggi_baris = 24
    bawah = ATAS + len(baris) * tinggi_baris
    for i, b in enumerate(baris):
        y = ATAS + i * tinggi_baris
        ujung = x(b["nilai"]) if b["nilai"] is not None else X0
        b.update(
            y=y + 5,
            y_teks=y + 16,
            lebar=max(ujung - X0, 1) if b["nilai"] is not None else 0,
            x_nilai=(ujung if b["nilai"] is not None else X0) + 6,
            warna=WARNA_MUTU.get(b["mutu"], WARNA_KOSONG),
        )
    return {
        "lebar_svg": LEBAR,
        "tinggi": bawah + 22,
        "x0": X0,
        "x_label": X0 - 8,
        "lebar_area": X1 - X0,
        "y_pita": ATAS - 12,
        "tinggi_pita": bawah - ATAS + 12,
        "y_huruf": ATAS - 16,
        "y_bawah": bawah,
        "y_skala": bawah + 15,
        "pita": [
            {
                "mutu": m,
                "x": x(a),
                "lebar": max(x(b) - x(a), 1),
                "x_teks": (x(a) + x(b)) // 2,
                "warna": LATAR_MUTU.get(m, "#eeeeee"),
                "warna_teks": WARNA_MUTU.get(m, WARNA_TEKS),
            }
            for m, a, b in stripe
        ],
        "skala": [{"x": x(v), "teks": t} for v, t in label_skala],
        "baris": baris,
        "warna_teks": WARNA_TEKS,
        "warna_garis": WARNA_GARIS,
    }


def angka(nilai: Decimal | str | None, tempat: int | None = None) -> str:
    """A figure the Indonesian way (decimal comma): `3.2500` → `3,2500`; None → `—`."""
    if nilai is None:
        return "—"
    teks = str(nilai if tempat is None else Decimal(nilai).quantize(Decimal(1).scaleb(-tempat)))
    return teks.replace(".", ",")


def nrr_unsur(hasil: indeks.Hasil, nilai_maks: int = 4) -> dict:
    """A bar per element: its NRR (exact value drawn, four decimals printed), coloured by the band its
    NRR × pengali falls in; an element nobody answered drawn empty with "—"."""
    skema = hasil.skema
    baris = [
        {
            "label": f"{u.kode} {u.nama}",
            "kode": u.kode,
            "nilai": u.nrr,
            "teks": angka(u.nrr_teks),
            "mutu": _mutu_dari(skema, u.nrr * skema.pengali) if u.nrr is not None else None,
        }
        for u in hasil.unsur
    ]
    skala = [(Fraction(n), str(n)) for n in range(1, nilai_maks + 1)]
    return _mendatar(baris, skema, skema.pengali, skala)


def indeks_mendatar(skema: indeks.Skema, baris: list[tuple[str, indeks.Hasil]]) -> dict:
    """A bar per (label, result): the index on 25–100 over the bands."""
    isi = [
        {
            "label": label,
            "nilai": h.eksak,
            "teks": angka(h.ikm_teks),
            "mutu": h.mutu.mutu if h.mutu else None,
        }
        for label, h in baris
    ]
    stripe = pita(skema)
    rendah, tinggi = stripe[0][1], stripe[-1][2]
    skala = [(v, str(int(v))) for v in (rendah, (rendah + tinggi) / 2, tinggi) if v.denominator == 1]
    return _mendatar(isi, skema, 1, skala)


def banding_periode(skema: indeks.Skema, kolom: list[dict]) -> dict:
    """Columns [{label, hasil, aktif}] of sub-periods: the index of each on 25–100, the band lines behind."""
    stripe = pita(skema)
    rendah, tinggi = stripe[0][1], stripe[-1][2]
    y_atas, y_bawah = 22, 182
    x_area, lebar_area = 50, LEBAR - 80
    n = max(len(kolom), 1)
    langkah = lebar_area // n
    lebar_kolom = max(min(langkah - 12, 70), 8)

    def y(nilai) -> int:
        v = min(max(_pecahan(nilai), rendah), tinggi)
        return y_bawah - round((v - rendah) * (y_bawah - y_atas) / (tinggi - rendah))

    isi = []
    for i, k in enumerate(kolom):
        h = k["hasil"]
        x = x_area + i * langkah + (langkah - lebar_kolom) // 2
        atas = y(h.eksak) if h.eksak is not None else y_bawah
        isi.append(
            {
                **k,
                "x": x,
                "x_tengah": x + lebar_kolom // 2,
                "y": atas,
                "tinggi": max(y_bawah - atas, 1) if h.eksak is not None else 0,
                "y_nilai": atas - 5,
                "teks": angka(h.ikm_teks),
                "warna": WARNA_MUTU.get(h.mutu.mutu, WARNA_KOSONG) if h.mutu else WARNA_KOSONG,
            }
        )
    return {
        "lebar_svg": LEBAR,
        "tinggi": y_bawah + 24,
        "lebar_kolom": lebar_kolom,
        "y_bawah": y_bawah,
        "y_label": y_bawah + 16,
        "x_area": x_area,
        "lebar_area": lebar_area,
        "x_huruf": x_area + lebar_area + 14,
        "x_skala": x_area - 6,
        "pita": [
            {
                "mutu": m,
                "y": y(b),
                "tinggi": max(y(a) - y(b), 1),
                "y_teks": (y(a) + y(b)) // 2 + 4,
                "warna": LATAR_MUTU.get(m, "#eeeeee"),
                "warna_teks": WARNA_MUTU.get(m, WARNA_TEKS),
            }
            for m, a, b in stripe
        ],
        "skala": [{"y": y(v), "y_teks": y(v) + 4, "teks": str(int(v))} for v in (rendah, tinggi)],
        "kolom": isi,
        "warna_teks": WARNA_TEKS,
        "warna_garis": WARNA_GARIS,
    }
