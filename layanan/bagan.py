"""An SOP's activity table drawn as the flowchart of PermenPANRB 35/2012, as SVG text. Pure: no database,
no JavaScript; the pages inline it, `bagan.svg` serves it, the PDF lays one SVG per page.

The layout is the regulation's table: a header, one row band per activity, one column per actor (pelaksana);
each activity's symbol sits in its actor's column: a terminator (capsule) for `mulai`/`selesai`, a rectangle
for `kegiatan`, a diamond for `keputusan`. Consecutive steps are joined by orthogonal arrows (bottom of one
symbol, down to the band boundary, across, down into the next). A decision's branch to the next row leaves
from the bottom; a branch elsewhere (a jump ahead, a loop back) leaves from a side, runs up or down in a
gutter beside the symbols (the strip of each column no symbol uses, so the route never crosses a symbol) and
enters its target from the side. When every such route would cross another arrow, the branch is drawn as a
pair of on-page connectors (small circles with the same letter). `baris_per_halaman` (and `rasio_maks`)
split the rows into pages; a flow crossing a page break ends on an off-page connector (pentagon) at the foot
of one page and resumes from one at the head of the other, both labelled with the step they lead to.

Two kinds of drawing: `lengkap` (the PDF) draws the whole table, No | Kegiatan | actors | Kelengkapan |
Waktu | Output | Keterangan, so the text columns and the symbols align exactly; otherwise (the browser) the
columns are No | actors and each symbol carries its activity's text.

Everything a test needs is in attributes: `g.simbol[data-langkah][data-jenis][data-kolom][data-cx][data-cy]`,
`rect.kolom-pelaksana[data-kolom]` (x, width), `path.panah[data-dari][data-ke]` (`data-cabang` ya/tidak,
`data-bagian` keluar/masuk when a connector splits it), `g.penghubung[data-jenis=penghubung]` and
`g.penghubung-halaman[data-jenis=penghubung-halaman]` with `data-label`, `data-arah`, `data-dari`, `data-ke`.
User text is cleaned of what XML cannot hold, escaped, and wrapped (long words broken) to its cell or shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .bagan_rute import Ruas, Rute
from .bagan_teks import (  # noqa: F401  (bersih, bungkus and lebar_teks are part of this module's interface)
    GARIS_TIPIS,
    HITAM,
    LATAR_JUDUL,
    angka,
    atribut,
    bersih,
    bungkus,
    garis,
    lebar_teks,
    teks_svg,
    titik_svg,
)

MULAI, KEGIATAN, KEPUTUSAN, SELESAI = "mulai", "kegiatan", "keputusan", "selesai"
NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Langkah:
    """One row of the activity table. `pelaksana` counts from 1; a decision's empty branch is the next row."""

    urutan: int
    uraian: str
    jenis: str = KEGIATAN
    pelaksana: int = 1
    ke_ya: int | None = None
    ke_tidak: int | None = None
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""


@dataclass(frozen=True)
class Tepi:
    """One arrow of the flow: from a step to a step, a decision's branch named."""

    dari: int
    ke: int
    cabang: str = ""  # "ya", "tidak" or ""


def alur(langkah: list[Langkah]) -> list[Tepi]:
    """The arrows the flow follows: each step to the next, a decision to its two branches (an empty one: the
    next row), nothing out of `selesai` or the last row. Branches to rows that do not exist are left out."""
    ada = {s.urutan for s in langkah}
    urut = sorted(langkah, key=lambda s: s.urutan)
    hasil: list[Tepi] = []
    for i, s in enumerate(urut):
        berikut = urut[i + 1].urutan if i + 1 < len(urut) else None
        if s.jenis == SELESAI:
            continue
        if s.jenis == KEPUTUSAN:
            for cabang, ke in (("ya", s.ke_ya), ("tidak", s.ke_tidak)):
                ke = ke or berikut
                if ke is not None and ke in ada and ke != s.urutan:
                    hasil.append(Tepi(s.urutan, ke, cabang))
        elif berikut is not None:
            hasil.append(Tepi(s.urutan, berikut))
    return hasil


# --- geometry -----------------------------------------------------------------------------------------------


@dataclass
class Kolom:
    kunci: str
    judul: str
    x0: float
    x1: float
    pelaksana: int = 0  # 1.. for an actor's column

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Simbol:
    langkah: Langkah
    kolom: Kolom
    cx: float
    cy: float
    w: float
    h: float
    teks: list[str]

    def titik(self, sisi: str) -> tuple[float, float]:
        return {
            "bawah": (self.cx, self.cy + self.h / 2),
            "atas": (self.cx, self.cy - self.h / 2),
            "kanan": (self.cx + self.w / 2, self.cy),
            "kiri": (self.cx - self.w / 2, self.cy),
        }[sisi]


@dataclass
class Ukuran:
    """The measures of one kind of drawing (units of the SVG's viewBox; one unit = one CSS pixel)."""

    huruf: float = 10.0
    huruf_simbol: float = 9.0
    huruf_label: float = 8.0
    pad: float = 4.0
    jarak: float = 15.0  # above and below a symbol inside its band
    teks_simbol: bool = False
    baris_teks_maks: int = 40
    baris_simbol_maks: int = 4
    kolom_teks: tuple = ()
    lebar_pelaksana: tuple = (90.0, 140.0)
    lebar_sasaran: float = 1120.0
    pita: float = 48.0  # the band of off-page connectors


LENGKAP = Ukuran(
    kolom_teks=(
        ("no", "No", 28.0),
        ("uraian", "Kegiatan", 190.0),
        None,  # the actors
        ("kelengkapan", "Kelengkapan", 110.0),
        ("waktu", "Waktu", 64.0),
        ("output", "Output", 100.0),
        ("keterangan", "Keterangan", 96.0),
    ),
)
BAGAN = Ukuran(
    teks_simbol=True,
    kolom_teks=(("no", "No", 30.0), None),
    lebar_pelaksana=(170.0, 170.0),
    lebar_sasaran=0.0,
    jarak=17.0,
)
MUTU_BAKU = ("kelengkapan", "waktu", "output")


@dataclass
class _Halaman:
    nomor: int
    langkah: list[Langkah]
    simbol: dict[int, Simbol] = field(default_factory=dict)
    ruas: list[Ruas] = field(default_factory=list)
    rintang: list[tuple[float, float, float, float]] = field(default_factory=list)  # boxes lanes avoid
    keluar: dict[int, set[str]] = field(default_factory=dict)  # sides of a symbol an arrow leaves from
    masuk: dict[int, set[str]] = field(default_factory=dict)  # sides of a symbol an arrow enters
    panah: list[str] = field(default_factory=list)
    penghubung: list[str] = field(default_factory=list)
    label: list[str] = field(default_factory=list)
    pita_atas: list[tuple[float, float]] = field(default_factory=list)
    pita_bawah: list[tuple[float, float]] = field(default_factory=list)


class _Tata(Rute):
    def __init__(self, pelaksana: list[str], langkah: list[Langkah], ukuran: Ukuran, awalan: str):
        self.u = ukuran
        self.awalan = awalan
        self.pelaksana = [bersih(p).strip() or f"Pelaksana {i}" for i, p in enumerate(pelaksana, 1)] or ["Pelaksana"]
        n = len(self.pelaksana)
        self.langkah = [
            Langkah(**{**s.__dict__, "pelaksana": min(max(int(s.pelaksana or 1), 1), n)})
            for s in sorted(langkah, key=lambda s: s.urutan)
        ]
        self.tepi = alur(self.langkah)
        self._kolom()
        self.huruf_penghubung: dict[tuple[int, int], str] = {}
        self.huruf_tergambar: set[str] = set()
        self.fon = "sans-serif"

    # columns, header, row heights

    def _kolom(self) -> None:
        u, n = self.u, len(self.pelaksana)
        tetap = sum(k[2] for k in u.kolom_teks if k)
        lo, hi = u.lebar_pelaksana
        lebar = min(max((u.lebar_sasaran - tetap) / n, lo), hi) if u.lebar_sasaran else lo
        self.lebar_pelaksana = lebar
        self.celah = max(13.0, round(lebar * 0.16))  # the gutter each side of a symbol
        self.kolom: list[Kolom] = []
        x = 0.0
        for k in u.kolom_teks:
            if k is None:
                for i, nama in enumerate(self.pelaksana, 1):
                    self.kolom.append(Kolom(f"pelaksana{i}", nama, x, x + lebar, i))
                    x += lebar
            else:
                self.kolom.append(Kolom(k[0], k[1], x, x + k[2]))
                x += k[2]
        self.lebar = x
        self.per_pelaksana = {k.pelaksana: k for k in self.kolom if k.pelaksana}
        self.per_kunci = {k.kunci: k for k in self.kolom}
        # the header: a first row of group titles, a second of actor names (and Mutu Baku's three)
        self.judul_pelaksana = {
            k.pelaksana: bungkus(k.judul, k.x1 - k.x0 - 2 * u.pad, u.huruf_label + 0.5, 4)
            for k in self.kolom
            if k.pelaksana
        }
        baris_judul = max(len(b) for b in self.judul_pelaksana.values())
        self.tinggi_judul1 = u.huruf * 1.25 + 2 * u.pad + 2
        self.tinggi_judul2 = max(baris_judul * (u.huruf_label + 0.5) * 1.25, u.huruf * 1.25) + 2 * u.pad + 2
        self.tinggi_judul = self.tinggi_judul1 + self.tinggi_judul2
        self.lebar_simbol = self.lebar_pelaksana - 2 * self.celah
        self.ukur = {s.urutan: self._ukur(s) for s in self.langkah}

    def _ukur(self, s: Langkah) -> tuple[float, float, list[str], float]:
        """(symbol width, height, its lines of text, the row band's height)."""
        u, w = self.u, self.lebar_simbol
        teks: list[str] = []
        lh = u.huruf_simbol * 1.25
        if u.teks_simbol:
            if s.jenis == KEPUTUSAN:
                teks = bungkus(s.uraian, w * 0.62, u.huruf_simbol, 3)
                h = max(46.0, 2 * len(teks) * lh + 10)
            elif s.jenis in (MULAI, SELESAI):
                teks = bungkus(s.uraian, w - 18, u.huruf_simbol, 3)
                h = max(28.0, len(teks) * lh + 10)
            else:
                teks = bungkus(s.uraian, w - 10, u.huruf_simbol, u.baris_simbol_maks)
                h = max(30.0, len(teks) * lh + 10)
        else:
            if s.jenis in (MULAI, SELESAI):
                teks = ["Mulai" if s.jenis == MULAI else "Selesai"]
            h = {KEPUTUSAN: 38.0, MULAI: 22.0, SELESAI: 22.0}.get(s.jenis, 26.0)
        band = h + 2 * u.jarak
        for k in self.kolom:
            if k.pelaksana or k.kunci == "no":
                continue
            baris = bungkus(getattr(s, k.kunci), k.x1 - k.x0 - 2 * u.pad, u.huruf, u.baris_teks_maks)
            band = max(band, len(baris) * u.huruf * 1.25 + 2 * u.pad + 2)
        return w, h, teks, band

    def bagi(self, baris_per_halaman: int | None, tinggi_maks: float | None) -> list[_Halaman]:
        """The rows split into pages: at most `baris_per_halaman` rows, and (when given) no taller than
        `tinggi_maks` with the header and both connector bands; at least one row on a page."""
        n = max(int(baris_per_halaman or 0), 0) or max(len(self.langkah), 1)
        halaman: list[list[Langkah]] = [[]]
        cadangan = self.tinggi_judul + 2 * self.u.pita
        tinggi = cadangan
        for s in self.langkah:
            band = self.ukur[s.urutan][3]
            kini = halaman[-1]
            if kini and (len(kini) >= n or (tinggi_maks and tinggi + band > tinggi_maks)):
                halaman.append([])
                tinggi = cadangan
            halaman[-1].append(s)
            tinggi += band
        return [_Halaman(i, isi) for i, isi in enumerate(halaman, 1)]

    # drawing a page

    def gambar(self, hal: _Halaman, semua: list[_Halaman], judul: str) -> str:
        u = self.u
        di = {s.urutan: h.nomor for h in semua for s in h.langkah}
        pada_hal = {s.urutan for s in hal.langkah}
        keluar = [t for t in self.tepi if t.dari in pada_hal and di.get(t.ke) != hal.nomor]
        masuk = [t for t in self.tepi if t.ke in pada_hal and di.get(t.dari) != hal.nomor]
        y = self.tinggi_judul
        self.y_pita_atas = y if masuk else None
        if masuk:
            y += u.pita
        bands: list[tuple[Langkah, float, float]] = []
        for s in hal.langkah:
            w, h, teks, band = self.ukur[s.urutan]
            kol = self.per_pelaksana[s.pelaksana]
            # symbols sit at the top of their band, level with the first line of the row's text
            hal.simbol[s.urutan] = Simbol(s, kol, kol.cx, y + u.jarak + h / 2, w, h, teks)
            bands.append((s, y, band))
            y += band
        self.y_pita_bawah = y if keluar else None
        if keluar:
            y += u.pita
        tinggi = y
        hal.keluar = {s.urutan: set() for s in hal.langkah}
        hal.masuk = {s.urutan: set() for s in hal.langkah}

        dalam = [t for t in self.tepi if t.dari in pada_hal and t.ke in pada_hal]
        urutan_ke = {s.urutan: i for i, s in enumerate(self.langkah)}

        def berikut(t: Tepi) -> bool:
            return urutan_ke.get(t.ke) == urutan_ke.get(t.dari, -2) + 1

        for t in dalam:
            if berikut(t):
                self._turun(hal, t)
        for t in keluar:
            self._keluar_halaman(hal, t, berikut(t), di[t.ke])
        for t in masuk:
            self._masuk_halaman(hal, t, berikut(t), di[t.dari])
        for t in sorted((t for t in dalam if not berikut(t)), key=lambda t: abs(t.ke - t.dari)):
            self._lompat(hal, t)

        bagian = [self._tabel(hal, bands, tinggi), *hal.panah]
        bagian += [self._simbol(sb) for sb in hal.simbol.values()]
        bagian += hal.penghubung + hal.label
        label = f"Bagan alir{': ' + judul if judul else ''}" + (
            f", halaman {hal.nomor} dari {len(semua)}" if len(semua) > 1 else ""
        )
        ringkas = (
            f"{len(self.langkah)} langkah, {len(self.pelaksana)} pelaksana: {', '.join(self.pelaksana)}. "
            f"Langkah pada halaman ini: {hal.langkah[0].urutan if hal.langkah else 0}"
            f"–{hal.langkah[-1].urutan if hal.langkah else 0}."
        )
        kepala = atribut(
            xmlns=NS,
            class_="bagan-sop",
            role="img",
            aria_label=label,
            viewBox=f"0 0 {round(self.lebar + 1, 1)} {round(tinggi + 1, 1)}",
            width=round(self.lebar + 1, 1),
            height=round(tinggi + 1, 1),
            font_family=self.fon,
            data_halaman=hal.nomor,
            data_jumlah_halaman=len(semua),
        )
        penanda = (
            f'<defs><marker id="{self.awalan}-panah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#000"/>'
            "</marker></defs>"
        )
        return (
            f"<svg {kepala}><title>{escape(bersih(label))}</title><desc>{escape(bersih(ringkas))}</desc>{penanda}"
            + "".join(bagian)
            + "</svg>"
        )

    # the table

    def _tabel(self, hal: _Halaman, bands, tinggi: float) -> str:
        u = self.u
        out = ['<g class="tabel">']
        j1, j2 = self.tinggi_judul1, self.tinggi_judul
        out.append(f'<rect x="0" y="0" width="{angka(self.lebar)}" height="{angka(j2)}" fill="{LATAR_JUDUL}"/>')
        for k in self.kolom:
            if k.pelaksana:
                atr = atribut(
                    class_="kolom-pelaksana",
                    data_kolom=k.pelaksana,
                    x=k.x0,
                    y=j2,
                    width=k.x1 - k.x0,
                    height=tinggi - j2,
                    fill="#fff",
                )
                out.append(f"<rect {atr}/>")
        # header titles: a column alone spans both header rows; the actors and Mutu Baku have a group title
        kelompok = {
            "pelaksana": [k for k in self.kolom if k.pelaksana],
            "mutu": [k for k in self.kolom if k.kunci in MUTU_BAKU],
        }
        for k in self.kolom:
            if k.pelaksana:
                baris = self.judul_pelaksana[k.pelaksana]
                tinggi_teks = len(baris) * (u.huruf_label + 0.5) * 1.25
                out.append(
                    teks_svg(
                        baris,
                        k.cx,
                        j1 + (j2 - j1 - tinggi_teks) / 2,
                        u.huruf_label + 0.5,
                        tengah=True,
                        kelas="judul-pelaksana",
                    )
                )
            elif k.kunci in MUTU_BAKU:
                out.append(
                    teks_svg([k.judul], k.cx, j1 + (j2 - j1 - u.huruf * 1.25) / 2, u.huruf, tengah=True, tebal=True)
                )
            else:
                out.append(teks_svg([k.judul], k.cx, (j2 - u.huruf * 1.25) / 2, u.huruf, tengah=True, tebal=True))
        for judul, anggota in (("Pelaksana", kelompok["pelaksana"]), ("Mutu Baku", kelompok["mutu"])):
            if anggota:
                x0, x1 = anggota[0].x0, anggota[-1].x1
                out.append(
                    teks_svg([judul], (x0 + x1) / 2, (j1 - u.huruf * 1.25) / 2, u.huruf, tengah=True, tebal=True)
                )
                out.append(garis(x0, j1, x1, j1))
        # the text of each row
        for s, y0, band in bands:
            for k in self.kolom:
                if k.pelaksana:
                    continue
                if k.kunci == "no":
                    out.append(teks_svg([f"{s.urutan}."], k.cx, y0 + u.pad, u.huruf, tengah=True, kelas="no"))
                    continue
                baris = bungkus(getattr(s, k.kunci), k.x1 - k.x0 - 2 * u.pad, u.huruf, u.baris_teks_maks)
                tengah = k.kunci == "waktu"
                x = k.cx if tengah else k.x0 + u.pad
                out.append(teks_svg(baris, x, y0 + u.pad, u.huruf, tengah=tengah, kelas=f"isi-{k.kunci}"))
        # the grid: row lines (light across the actors), column lines, the outer frame
        garis_baris = [j2] + [y0 for _, y0, _ in bands[1:]] + [y0 + band for _, y0, band in bands[-1:]]
        if self.y_pita_atas is not None:
            garis_baris.append(self.y_pita_atas + u.pita)
        pel = kelompok["pelaksana"]
        for y in garis_baris:
            out.append(garis(0, y, pel[0].x0, y))
            out.append(garis(pel[0].x0, y, pel[-1].x1, y, GARIS_TIPIS))
            if pel[-1].x1 < self.lebar:
                out.append(garis(pel[-1].x1, y, self.lebar, y))
        for k in self.kolom[1:]:
            atas = j1 if (k.pelaksana and k.pelaksana > 1) or (k.kunci in MUTU_BAKU and k.kunci != MUTU_BAKU[0]) else 0
            out.append(garis(k.x0, atas, k.x0, tinggi))
        out.append(
            f"<rect {atribut(x=0, y=0, width=self.lebar, height=tinggi, fill='none', stroke=HITAM, stroke_width=1.2)}/>"
        )
        out.append("</g>")
        return "".join(out)

    # symbols and connectors

    def _simbol(self, sb: Simbol) -> str:
        s, u = sb.langkah, self.u
        x0, y0 = sb.cx - sb.w / 2, sb.cy - sb.h / 2
        gaya = f'fill="#fff" stroke="{HITAM}" stroke-width="1.2"'
        if s.jenis == KEPUTUSAN:
            titik = titik_svg(*(sb.titik(sisi) for sisi in ("atas", "kanan", "bawah", "kiri")))
            bentuk = f'<polygon class="bentuk" points="{titik}" {gaya}/>'
        elif s.jenis in (MULAI, SELESAI):
            r = sb.h / 2
            bentuk = f"<rect {atribut(class_='bentuk', x=x0, y=y0, width=sb.w, height=sb.h, rx=r, ry=r)} {gaya}/>"
        else:
            bentuk = f"<rect {atribut(class_='bentuk', x=x0, y=y0, width=sb.w, height=sb.h)} {gaya}/>"
        ukuran = u.huruf_simbol if u.teks_simbol else u.huruf_label
        tinggi_teks = len(sb.teks) * ukuran * 1.25
        teks = teks_svg(sb.teks, sb.cx, sb.cy - tinggi_teks / 2, ukuran, tengah=True, kelas="teks-simbol")
        atr = atribut(
            class_="simbol",
            data_langkah=s.urutan,
            data_jenis=s.jenis,
            data_kolom=s.pelaksana,
            data_cx=sb.cx,
            data_cy=sb.cy,
        )
        return f"<g {atr}><title>{escape(f'{s.urutan}. ' + bersih(s.uraian))}</title>{bentuk}{teks}</g>"


def halaman(
    pelaksana: list[str],
    langkah: list[Langkah],
    *,
    lengkap: bool = True,
    baris_per_halaman: int | None = 10,
    rasio_maks: float | None = None,
    judul: str = "",
    fon: str = "sans-serif",
    awalan: str = "bagan",
) -> list[str]:
    """The flowchart as one SVG per page: at most `baris_per_halaman` rows (None or 0: one page) and, with
    `rasio_maks`, no taller than that many times its width (a page laid out to the paper's width then fits
    the paper). `awalan` makes the ids unique when several drawings share a document (each page adds its
    number)."""
    tata = _Tata(pelaksana, langkah, LENGKAP if lengkap else BAGAN, awalan)
    tata.fon = fon
    semua = tata.bagi(baris_per_halaman, rasio_maks * tata.lebar if rasio_maks else None)
    hasil = []
    for hal in semua:
        tata.awalan = f"{awalan}-{hal.nomor}"
        hasil.append(tata.gambar(hal, semua, judul))
    return hasil


def svg(pelaksana: list[str], langkah: list[Langkah], *, lengkap: bool = False, judul: str = "", **kw) -> str:
    """The whole flowchart on one page (the browser)."""
    return halaman(pelaksana, langkah, lengkap=lengkap, baris_per_halaman=None, judul=judul, **kw)[0]
