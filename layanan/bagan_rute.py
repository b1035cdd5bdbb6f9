"""The arrows of the flowchart (`layanan.bagan`): consecutive steps joined bottom to top; a branch elsewhere out
a side, along a gutter (the strip of a column no symbol uses), into its target's side, unless every such
route would cross another arrow: then a pair of on-page connectors with one letter; a flow crossing a page
break ends on an off-page connector in the band at the page's foot and resumes from its pair in the band at
the next page's head. A mixin of `bagan._Tata`: it reads the layout (`kolom`, `celah`, `u`, the bands)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from .bagan_teks import HITAM, angka, atribut, lebar_teks, rapikan, teks_svg, titik_svg

if TYPE_CHECKING:
    from .bagan import Kolom, Simbol, Tepi, _Halaman


@dataclass
class Ruas:
    """An axis-parallel segment of a route, for the crossing checks."""

    datar: bool
    tetap: float  # y of a horizontal segment, x of a vertical one
    a: float
    b: float

    def __post_init__(self):
        self.a, self.b = min(self.a, self.b), max(self.a, self.b)


class Rute:
    """Routing and drawing the arrows and connectors of one page (`_Halaman`)."""

    def _panah(self, hal: _Halaman, t: Tepi, titik: list[tuple[float, float]], bagian: str = "", ujung=True) -> None:
        titik = rapikan(titik)
        for (xa, ya), (xb, yb) in zip(titik, titik[1:], strict=False):
            datar = abs(ya - yb) < 0.01
            hal.ruas.append(Ruas(True, ya, xa, xb) if datar else Ruas(False, xa, ya, yb))
        d = "M" + " L".join(f"{angka(x)},{angka(y)}" for x, y in titik)
        atr = atribut(
            class_="panah",
            data_dari=t.dari,
            data_ke=t.ke,
            data_cabang=t.cabang or None,
            data_bagian=bagian or None,
            d=d,
            fill="none",
            stroke=HITAM,
            stroke_width=1.2,
        )
        penanda = f' marker-end="url(#{self.awalan}-panah)"' if ujung else ""
        hal.panah.append(f"<path {atr}{penanda}/>")

    def _label_cabang(self, hal: _Halaman, t: Tepi, sb: Simbol, sisi: str, di_bawah: bool = False, jarak=0.0) -> None:
        """ "Ya"/"Tidak" beside where a branch leaves: right of the stub below a decision, or above (`di_bawah`:
        below) the line out of a side, `jarak` clear of the line (a connector's circle), kept inside the actors'
        columns."""
        if not t.cabang:
            return
        teks = "Ya" if t.cabang == "ya" else "Tidak"
        x, y = sb.titik(sisi)
        uk = self.u.huruf_label
        lebar = lebar_teks(teks, uk)
        pel = [k for k in self.kolom if k.pelaksana]
        jangkar = None
        if sisi == "bawah":
            x, dasar = x + 4, y + 2 + uk
        else:
            dasar = y + 2 + uk + jarak if di_bawah else y - 3 - jarak
            if sisi == "kanan":
                x = min(x + 2, pel[-1].x1 - lebar - 1)
            else:
                x, jangkar = max(x - 2, pel[0].x0 + lebar + 1), "end"
        atr = atribut(
            class_="label-cabang", data_dari=t.dari, data_ke=t.ke, x=x, y=dasar, font_size=uk, text_anchor=jangkar
        )
        hal.label.append(f"<text {atr}>{teks}</text>")

    def _turun(self, hal: _Halaman, t: Tepi) -> None:
        a, b = hal.simbol[t.dari], hal.simbol[t.ke]
        (xa, ya), (xb, yb) = a.titik("bawah"), b.titik("atas")
        batas = b.cy - b.h / 2 - self.u.jarak  # the boundary between the two bands
        self._panah(hal, t, [(xa, ya), (xa, batas), (xb, batas), (xb, yb)])
        hal.keluar[t.dari].add("bawah")
        hal.masuk[t.ke].add("atas")
        self._label_cabang(hal, t, a, "bawah")

    # routes beside the symbols

    def _jalur(self, kol: Kolom, sisi: str) -> list[float]:
        """The lanes of a column's gutter on one side, nearest the symbol first."""
        g = self.celah
        if sisi == "kanan":
            return [kol.x1 - g + g * f for f in (0.3, 0.55, 0.8)]
        return [kol.x0 + g - g * f for f in (0.3, 0.55, 0.8)]

    def _bebas(self, hal: _Halaman, ruas: list[Ruas]) -> bool:
        for r in ruas:
            for q in hal.ruas:
                if r.datar != q.datar:
                    if q.a + 0.5 < r.tetap < q.b - 0.5 and r.a + 0.5 < q.tetap < r.b - 0.5:
                        return False
                elif not r.datar and abs(r.tetap - q.tetap) < 2 and min(r.b, q.b) - max(r.a, q.a) > 0.5:
                    return False  # two lanes on one line
            for x0, y0, x1, y1 in hal.rintang:
                if r.datar and y0 <= r.tetap <= y1 and r.a < x1 and r.b > x0:
                    return False
                if not r.datar and x0 <= r.tetap <= x1 and r.a < y1 and r.b > y0:
                    return False
        return True

    def _calon(self, a: Simbol, kolom_lain: Kolom | None) -> list[tuple[str, float]]:
        """(exit side, lane x) to try, the source's own gutters first."""
        hasil = []
        for kol in [a.kolom] + ([kolom_lain] if kolom_lain and kolom_lain is not a.kolom else []):
            for sisi_gutter in ("kanan", "kiri"):
                for x in self._jalur(kol, sisi_gutter):
                    sisi = "kanan" if x > a.cx else "kiri"
                    hasil.append((sisi, x))
        return hasil

    def _lompat(self, hal: _Halaman, t: Tepi) -> None:
        """A branch to a row that is not the next: out a side, along a gutter, into the target's side; two
        on-page connectors when every such route would cross another arrow."""
        a, b = hal.simbol[t.dari], hal.simbol[t.ke]
        for sisi, x in self._calon(a, b.kolom):
            if sisi in hal.keluar[t.dari] | hal.masuk[t.dari]:
                continue
            masuk = "kanan" if x > b.cx else "kiri"
            if masuk in hal.keluar[t.ke]:
                continue
            (xa, ya), (xb, yb) = a.titik(sisi), b.titik(masuk)
            ruas = [Ruas(True, ya, xa, x), Ruas(False, x, ya, yb), Ruas(True, yb, x, xb)]
            if self._bebas(hal, ruas):
                self._panah(hal, t, [(xa, ya), (x, ya), (x, yb), (xb, yb)])
                hal.keluar[t.dari].add(sisi)
                hal.masuk[t.ke].add(masuk)
                self._label_cabang(hal, t, a, sisi, di_bawah=yb < ya)
                return
        self._dua_penghubung(hal, t)

    def _sisi_bebas(self, hal: _Halaman, urutan: int) -> str:
        """A side of the symbol no arrow uses, else one no arrow leaves from."""
        for terpakai in (hal.keluar[urutan] | hal.masuk[urutan], hal.keluar[urutan]):
            for sisi in ("kanan", "kiri"):
                if sisi not in terpakai:
                    return sisi
        return "kanan"

    def _lingkaran(
        self, hal: _Halaman, sb: Simbol, sisi: str, huruf: str, arah: str, t: Tepi
    ) -> tuple[float, float, float]:
        g = self.celah
        r = max(min(9.0, g * 0.38), 4.5)
        x_tepi = sb.titik(sisi)[0]
        kolom_tepi = sb.kolom.x1 if sisi == "kanan" else sb.kolom.x0
        cx = (x_tepi + kolom_tepi) / 2 + (r * 0.15 if sisi == "kanan" else -r * 0.15)
        cy = sb.cy
        hal.rintang.append((cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1))
        uk = max(min(self.u.huruf_label, r * 1.3), 5.0)
        atr = atribut(
            class_="penghubung",
            data_jenis="penghubung",
            data_label=huruf,
            data_arah=arah,
            data_dari=t.dari,
            data_ke=t.ke,
            data_langkah=sb.langkah.urutan,
        )
        hal.penghubung.append(
            f"<g {atr}><title>{'Lanjut ke' if arah == 'keluar' else 'Dari'} penghubung {huruf}</title>"
            f"<circle {atribut(cx=cx, cy=cy, r=r, fill='#fff', stroke=HITAM, stroke_width=1.1)}/>"
            f"{teks_svg([huruf], cx, cy - uk * 0.62, uk, tengah=True, kelas='label-penghubung')}</g>"
        )
        return cx, cy, r

    def _huruf(self, kunci: tuple[int, int]) -> str:
        if kunci not in self.huruf_penghubung:
            n = len(self.huruf_penghubung)
            huruf = ""
            n += 1
            while n:
                n, sisa = divmod(n - 1, 26)
                huruf = chr(65 + sisa) + huruf
            self.huruf_penghubung[kunci] = huruf
        return self.huruf_penghubung[kunci]

    def _dua_penghubung(self, hal: _Halaman, t: Tepi) -> None:
        """A pair of on-page connectors with one letter (per target on the page): one beside the source, one
        beside the target."""
        a, b = hal.simbol[t.dari], hal.simbol[t.ke]
        huruf = self._huruf((hal.nomor, t.ke))
        sisi = self._sisi_bebas(hal, t.dari)
        cx, cy, r = self._lingkaran(hal, a, sisi, huruf, "keluar", t)
        xa, ya = a.titik(sisi)
        self._panah(hal, t, [(xa, ya), (cx - r if sisi == "kanan" else cx + r, cy)], "keluar")
        hal.keluar[t.dari].add(sisi)
        self._label_cabang(hal, t, a, sisi, jarak=r - 2)
        if huruf in self.huruf_tergambar:
            return  # the target's connector with this letter is drawn already
        self.huruf_tergambar.add(huruf)
        masuk = self._sisi_bebas(hal, t.ke)
        cx, cy, r = self._lingkaran(hal, b, masuk, huruf, "masuk", t)
        xb, yb = b.titik(masuk)
        self._panah(hal, t, [(cx - r if masuk == "kanan" else cx + r, cy), (xb, yb)], "masuk")
        hal.masuk[t.ke].add(masuk)

    # across pages

    def _pentagon(
        self, hal: _Halaman, x: float, y: float, arah: str, t: Tepi, tujuan: int
    ) -> tuple[float, float, float]:
        """An off-page connector centred at `x` in a band from `y`, moved aside when another is there."""
        lebar, tinggi = 34.0, 30.0
        pita = hal.pita_bawah if arah == "keluar" else hal.pita_atas
        pel = [k for k in self.kolom if k.pelaksana]
        kiri, kanan = pel[0].x0 + lebar / 2 + 2, pel[-1].x1 - lebar / 2 - 2
        x = min(max(x, kiri), max(kanan, kiri))
        coba = 0
        while any(abs(x - p) < lebar + 4 for p, _ in pita) and coba < 40:
            coba += 1
            x = x + lebar + 4 if x + lebar + 4 <= kanan else kiri + (coba % 10) * (lebar + 4)
        pita.append((x, y))
        y0 = y + (self.u.pita - tinggi) / 2
        titik = titik_svg(
            (x - lebar / 2, y0),
            (x + lebar / 2, y0),
            (x + lebar / 2, y0 + tinggi * 0.62),
            (x, y0 + tinggi),
            (x - lebar / 2, y0 + tinggi * 0.62),
        )
        label = str(t.ke)
        uk = self.u.huruf_label
        atr = atribut(
            class_="penghubung-halaman",
            data_jenis="penghubung-halaman",
            data_label=label,
            data_arah=arah,
            data_dari=t.dari,
            data_ke=t.ke,
            data_halaman_tujuan=tujuan,
        )
        keterangan = (
            f"ke langkah {t.ke}, halaman {tujuan}" if arah == "keluar" else f"dari langkah {t.dari}, halaman {tujuan}"
        )
        hal.penghubung.append(
            f"<g {atr}><title>Penghubung antarhalaman: {escape(keterangan)}</title>"
            f'<polygon points="{titik}" fill="#fff" stroke="{HITAM}" stroke-width="1.1"/>'
            + teks_svg([label], x, y0 + 3, uk + 1, tengah=True, kelas="label-penghubung")
            + teks_svg(
                [f"hlm. {tujuan}"], x, y0 + 4 + (uk + 1) * 1.2, uk - 1.5, tengah=True, kelas="halaman-penghubung"
            )
            + "</g>"
        )
        return x, y0, y0 + tinggi

    def _lajur_tegak(self, hal: _Halaman, sb: Simbol, y_ujung: float, arah_sisi: tuple[str, ...]) -> tuple[str, float]:
        """The side and lane for a route from a symbol's side straight up or down to `y_ujung` (a band)."""
        u = sb.langkah.urutan
        calon = [(s, x) for s in arah_sisi for x in self._jalur(sb.kolom, s) if s not in hal.keluar[u] | hal.masuk[u]]
        for sisi, x in calon:
            xa, ya = sb.titik(sisi)
            if self._bebas(hal, [Ruas(True, ya, xa, x), Ruas(False, x, ya, y_ujung)]):
                return sisi, x
        if calon:
            return calon[0]
        return "kanan", self._jalur(sb.kolom, "kanan")[0]

    def _keluar_halaman(self, hal: _Halaman, t: Tepi, berikut: bool, tujuan: int) -> None:
        a = hal.simbol[t.dari]
        y_pita = self.y_pita_bawah
        if berikut and "bawah" not in hal.keluar[t.dari]:
            xa, ya = a.titik("bawah")
            x, y0, _ = self._pentagon(hal, xa, y_pita, "keluar", t, tujuan)
            jalan = [(xa, ya), (xa, y_pita + 4), (x, y_pita + 4), (x, y0)] if abs(x - xa) > 0.5 else [(xa, ya), (x, y0)]
            hal.keluar[t.dari].add("bawah")
            self._label_cabang(hal, t, a, "bawah")
        else:
            sisi, lajur = self._lajur_tegak(hal, a, y_pita, ("kanan", "kiri"))
            xa, ya = a.titik(sisi)
            x, y0, _ = self._pentagon(hal, lajur, y_pita, "keluar", t, tujuan)
            jalan = [(xa, ya), (lajur, ya), (lajur, y_pita + 4), (x, y_pita + 4), (x, y0)]
            hal.keluar[t.dari].add(sisi)
            self._label_cabang(hal, t, a, sisi)
        self._panah(hal, t, jalan, "keluar")

    def _masuk_halaman(self, hal: _Halaman, t: Tepi, berikut: bool, asal: int) -> None:
        b = hal.simbol[t.ke]
        y_pita = self.y_pita_atas
        if berikut and b.langkah.urutan == hal.langkah[0].urutan and "atas" not in hal.masuk[t.ke]:
            xb, yb = b.titik("atas")
            x, _, y1 = self._pentagon(hal, xb, y_pita, "masuk", t, asal)
            jalan = [(x, y1), (x, y1 + 4), (xb, y1 + 4), (xb, yb)] if abs(x - xb) > 0.5 else [(x, y1), (xb, yb)]
            hal.masuk[t.ke].add("atas")
        else:
            sisi, lajur = self._lajur_tegak(hal, b, y_pita + self.u.pita, ("kanan", "kiri"))
            xb, yb = b.titik(sisi)
            x, _, y1 = self._pentagon(hal, lajur, y_pita, "masuk", t, asal)
            jalan = [(x, y1), (x, y1 + 3), (lajur, y1 + 3), (lajur, yb), (xb, yb)]
            hal.masuk[t.ke].add(sisi)
        self._panah(hal, t, jalan, "masuk")
