"""What the flowchart (`layanan.bagan`) draws with: user text made safe for XML, measured and wrapped to a
box, and the SVG elements written with every attribute escaped."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

HITAM, GARIS_TIPIS, LATAR_JUDUL = "#000", "#9aa5ab", "#e6e6e6"

_SEMPIT = set("iljft.,;:'|!()[]{} \u00a0")
_LEBAR = set("mwMWQOGDHNU@%&")


def bersih(teks) -> str:
    """Text XML 1.0 can hold: control characters (but tab and newline), surrogates and U+FFFE/U+FFFF out."""
    keluar = []
    for c in str(teks or ""):
        o = ord(c)
        if c in "\t\n":
            keluar.append(c)
        elif o < 0x20 or 0x7F <= o < 0xA0 or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            continue
        else:
            keluar.append(c)
    return "".join(keluar)


def lebar_teks(teks: str, ukuran: float) -> float:
    """An estimate of the width of `teks` at font size `ukuran` (generous, so text stays inside its box)."""
    w = 0.0
    for c in teks:
        if c in _SEMPIT:
            w += 0.32
        elif c in _LEBAR or c.isupper():
            w += 0.74
        elif ord(c) > 0x2E80:  # CJK and other wide scripts
            w += 1.0
        else:
            w += 0.56
    return w * ukuran


def bungkus(teks, lebar: float, ukuran: float, maks_baris: int | None = None) -> list[str]:
    """`teks` in lines at most `lebar` wide: words kept whole where they fit, a word longer than a line broken;
    past `maks_baris`, the last line ends with "…"."""
    baris: list[str] = []
    lebar = max(lebar, ukuran * 1.2)
    for paragraf in bersih(teks).split("\n"):
        kini = ""
        for kata in paragraf.split():
            calon = f"{kini} {kata}" if kini else kata
            if lebar_teks(calon, ukuran) <= lebar:
                kini = calon
                continue
            if kini:
                baris.append(kini)
                kini = ""
            while lebar_teks(kata, ukuran) > lebar and len(kata) > 1:
                n = 1
                while n < len(kata) and lebar_teks(kata[: n + 1], ukuran) <= lebar:
                    n += 1
                baris.append(kata[:n])
                kata = kata[n:]
            kini = kata
        if kini:
            baris.append(kini)
    if maks_baris is not None and len(baris) > maks_baris:
        baris = baris[:maks_baris]
        akhir = baris[-1]
        while akhir and lebar_teks(akhir + "…", ukuran) > lebar:
            akhir = akhir[:-1]
        baris[-1] = akhir.rstrip() + "…"
    return baris


def nilai_atribut(nilai) -> str:
    if isinstance(nilai, float):
        nilai = round(nilai, 1)
        if nilai == int(nilai):
            nilai = int(nilai)
    return quoteattr(bersih(str(nilai)))


def atribut(**kw) -> str:
    return " ".join(f"{k.rstrip('_').replace('_', '-')}={nilai_atribut(v)}" for k, v in kw.items() if v is not None)


def teks_svg(
    baris: list[str], x: float, y_atas: float, ukuran: float, *, tengah: bool = False, kelas: str = "", tebal=False
) -> str:
    """A <text> of lines, the first line's top at `y_atas` (each line `ukuran`×1.25 apart)."""
    if not baris:
        return ""
    tinggi = ukuran * 1.25
    isi = "".join(
        f"<tspan {atribut(x=x, y=y_atas + ukuran * 0.95 + i * tinggi)}>{escape(b)}</tspan>" for i, b in enumerate(baris)
    )
    atr = atribut(
        class_=kelas or None,
        font_size=ukuran,
        text_anchor="middle" if tengah else None,
        font_weight="bold" if tebal else None,
    )
    return f"<text {atr}>{isi}</text>"


def angka(x: float) -> str:
    x = round(x, 1)
    return str(int(x)) if x == int(x) else str(x)


def titik_svg(*titik: tuple[float, float]) -> str:
    return " ".join(f"{angka(x)},{angka(y)}" for x, y in titik)


def garis(x0, y0, x1, y1, warna: str = HITAM) -> str:
    tebal = 0.6 if warna == HITAM else 0.5
    return f"<line {atribut(x1=x0, y1=y0, x2=x1, y2=y1, stroke=warna, stroke_width=tebal)}/>"


def rapikan(titik: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points of a route without repeats or points in the middle of a straight run."""
    hasil: list[tuple[float, float]] = []
    for p in titik:
        if hasil and math.dist(hasil[-1], p) < 0.01:
            continue
        if len(hasil) >= 2:
            (x0, y0), (x1, y1) = hasil[-2], hasil[-1]
            if (abs(x0 - x1) < 0.01 and abs(x1 - p[0]) < 0.01) or (abs(y0 - y1) < 0.01 and abs(y1 - p[1]) < 0.01):
                hasil[-1] = p
                continue
        hasil.append(p)
    return hasil
