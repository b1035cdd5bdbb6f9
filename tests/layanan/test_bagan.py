"""The SOP flowchart renderer (`layanan.bagan`), pure: the SVG parsed with xml.etree. SOPs with a decision, a
loop back, on-page connectors and off-page connectors: one symbol per activity, of the right kind, inside its
actor's column; arrows between consecutive steps, the decision's branches and the loop; connectors in pairs
with matching labels; no arrow through a symbol; hostile text escaped and wrapped; 1 and 8 actors."""

import re
import xml.etree.ElementTree as ET

import pytest

from layanan import bagan
from layanan.bagan import Langkah as L

NS = {"s": "http://www.w3.org/2000/svg"}
PELAKSANA = ["Pemohon (SKPD)", "Kepala Bagian Organisasi", "Kepala Subbagian", "Staf Pelaksana"]


def konsultasi() -> list[L]:
    """Twelve steps; "Berkas lengkap?" (4) loops back to 2, "Hasil disetujui?" (8) loops back to 6."""
    return [
        L(1, "Menyampaikan surat permohonan", "mulai", 1),
        L(2, "Mendisposisikan surat", "kegiatan", 2, waktu="1 hari", output="Disposisi"),
        L(3, "Memeriksa kelengkapan berkas", "kegiatan", 3, kelengkapan="Surat, data dukung"),
        L(4, "Berkas lengkap?", "keputusan", 3, ke_tidak=2),
        L(5, "Menjadwalkan konsultasi", "kegiatan", 4),
        L(6, "Memfasilitasi konsultasi", "kegiatan", 3),
        L(7, "Menyusun notulen", "kegiatan", 4),
        L(8, "Hasil disetujui?", "keputusan", 2, ke_tidak=6),
        L(9, "Menyampaikan hasil", "kegiatan", 3),
        L(10, "Mengarsipkan", "kegiatan", 4),
        L(11, "Menerima hasil", "kegiatan", 1),
        L(12, "Selesai", "selesai", 1),
    ]


class Gambar:
    """One page of the drawing, read back."""

    def __init__(self, teks: str):
        self.teks = teks
        self.akar = ET.fromstring(teks)
        self.simbol = {
            int(g.get("data-langkah")): g for g in self.akar.iter(f"{{{NS['s']}}}g") if g.get("class") == "simbol"
        }
        self.kolom = {
            int(r.get("data-kolom")): (float(r.get("x")), float(r.get("x")) + float(r.get("width")))
            for r in self.akar.iter(f"{{{NS['s']}}}rect")
            if r.get("class") == "kolom-pelaksana"
        }
        self.panah = [p for p in self.akar.iter(f"{{{NS['s']}}}path") if p.get("class") == "panah"]

    def kelas(self, kelas: str, tag: str = "g"):
        return [e for e in self.akar.iter(f"{{{NS['s']}}}{tag}") if e.get("class") == kelas]

    def tepi(self) -> set[tuple[int, int]]:
        return {(int(p.get("data-dari")), int(p.get("data-ke"))) for p in self.panah}

    def kotak(self, n: int) -> tuple[float, float, float, float]:
        """The bounding box of step n's shape."""
        bentuk = next(e for e in self.simbol[n] if e.get("class") == "bentuk")
        if bentuk.tag.endswith("polygon"):
            titik = [tuple(map(float, p.split(","))) for p in bentuk.get("points").split()]
            xs, ys = [x for x, _ in titik], [y for _, y in titik]
            return min(xs), min(ys), max(xs), max(ys)
        x, y = float(bentuk.get("x")), float(bentuk.get("y"))
        return x, y, x + float(bentuk.get("width")), y + float(bentuk.get("height"))


def titik_jalan(p) -> list[tuple[float, float]]:
    return [tuple(map(float, m)) for m in re.findall(r"([-0-9.]+),([-0-9.]+)", p.get("d"))]


def di_tepi(pt, kotak) -> bool:
    x, y = pt
    x0, y0, x1, y1 = kotak
    dalam = x0 - 0.6 <= x <= x1 + 0.6 and y0 - 0.6 <= y <= y1 + 0.6
    return dalam and min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) < 0.6


def memotong(a, b, kotak) -> bool:
    """Whether the axis-parallel segment a–b runs through the box's inside."""
    x0, y0, x1, y1 = kotak[0] + 1, kotak[1] + 1, kotak[2] - 1, kotak[3] - 1
    if abs(a[1] - b[1]) < 0.01:  # horizontal
        return y0 < a[1] < y1 and min(a[0], b[0]) < x1 and max(a[0], b[0]) > x0
    return x0 < a[0] < x1 and min(a[1], b[1]) < y1 and max(a[1], b[1]) > y0


def periksa_simbol(g: Gambar, langkah: list[L]) -> None:
    """One symbol per activity on the page, of its kind, centred inside its actor's column."""
    assert sorted(g.simbol) == sorted(s.urutan for s in langkah)
    for s in langkah:
        grup = g.simbol[s.urutan]
        assert grup.get("data-jenis") == s.jenis and int(grup.get("data-kolom")) == s.pelaksana
        bentuk = [e for e in grup if e.get("class") == "bentuk"]
        assert len(bentuk) == 1
        tag = bentuk[0].tag.rsplit("}", 1)[1]
        if s.jenis == "keputusan":
            assert tag == "polygon" and len(bentuk[0].get("points").split()) == 4
        else:
            assert tag == "rect"
            rx = float(bentuk[0].get("rx") or 0)
            assert (rx > 0) == (s.jenis in ("mulai", "selesai"))  # a capsule for a terminator
        x0, _, x1, _ = g.kotak(s.urutan)
        k0, k1 = g.kolom[s.pelaksana]
        assert k0 < x0 < x1 < k1
        assert abs(float(grup.get("data-cx")) - (k0 + k1) / 2) < 0.6


def periksa_jalan(g: Gambar) -> None:
    """Every arrow orthogonal, and through no symbol's inside."""
    for p in g.panah:
        titik = titik_jalan(p)
        assert len(titik) >= 2
        for a, b in zip(titik, titik[1:], strict=False):
            assert abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01, p.get("d")
            for n in g.simbol:
                assert not memotong(a, b, g.kotak(n)), (p.get("data-dari"), p.get("data-ke"), n)


@pytest.mark.parametrize("lengkap", [False, True])
def test_simbol_panah_cabang_dan_putaran_balik(lengkap):
    langkah = konsultasi()
    g = Gambar(bagan.svg(PELAKSANA, langkah, lengkap=lengkap, judul="Fasilitasi Konsultasi"))
    periksa_simbol(g, langkah)
    periksa_jalan(g)
    alur = {(t.dari, t.ke) for t in bagan.alur(langkah)}
    berurutan = {(i, i + 1) for i in range(1, 12)}
    assert berurutan <= alur and {(4, 2), (8, 6)} <= alur  # the two loops back
    assert g.tepi() == alur  # an arrow for every step of the flow, and no other
    for p in g.panah:
        dari, ke = int(p.get("data-dari")), int(p.get("data-ke"))
        titik = titik_jalan(p)
        if p.get("data-bagian") in (None, "keluar"):
            assert di_tepi(titik[0], g.kotak(dari))
        if p.get("data-bagian") in (None, "masuk"):
            assert di_tepi(titik[-1], g.kotak(ke))
        if ke == dari + 1 and p.get("data-cabang") != "tidak":  # down into the next step's top
            assert abs(titik[-1][1] - g.kotak(ke)[1]) < 0.6 and titik[-1][1] > titik[0][1]
    # the loop back leaves the decision by a side and enters its target by a side, going up
    for dari, ke in ((4, 2), (8, 6)):
        (p,) = [p for p in g.panah if (p.get("data-dari"), p.get("data-ke")) == (str(dari), str(ke))]
        titik = titik_jalan(p)
        assert p.get("data-cabang") == "tidak"
        assert abs(titik[0][1] - float(g.simbol[dari].get("data-cy"))) < 0.6  # out of a side vertex
        assert abs(titik[-1][1] - float(g.simbol[ke].get("data-cy"))) < 0.6  # into a side
        assert titik[-1][1] < titik[0][1]
    label = {(t.get("data-dari"), t.get("data-ke")): t.text for t in g.kelas("label-cabang", "text")}
    assert label == {("4", "5"): "Ya", ("4", "2"): "Tidak", ("8", "9"): "Ya", ("8", "6"): "Tidak"}
    assert not g.kelas("penghubung") and not g.kelas("penghubung-halaman")
    # accessible, and marked as one page
    assert g.akar.get("role") == "img" and "Fasilitasi Konsultasi" in g.akar.get("aria-label")
    assert g.akar[0].tag == f"{{{NS['s']}}}title" and g.akar.get("data-jumlah-halaman") == "1"


def test_putaran_yang_akan_memotong_memakai_penghubung_berhuruf():
    """6 loops back to 2 in the same column, but the arrows 3→4 and 4→5 cross that column both ways: a pair
    of on-page connectors with one letter instead of a line across them."""
    langkah = [
        L(1, "Mulai", "mulai", 2),
        L(2, "Menerima", "kegiatan", 2),
        L(3, "Mencatat", "kegiatan", 1),
        L(4, "Memeriksa", "kegiatan", 3),
        L(5, "Memverifikasi", "kegiatan", 1),
        L(6, "Sesuai?", "keputusan", 2, ke_tidak=2),
        L(7, "Selesai", "selesai", 2),
    ]
    g = Gambar(bagan.svg(["A", "B", "C"], langkah))
    periksa_simbol(g, langkah)
    periksa_jalan(g)
    pasangan = g.kelas("penghubung")
    assert [(p.get("data-arah"), p.get("data-langkah"), p.get("data-label")) for p in pasangan] == [
        ("keluar", "6", "A"),
        ("masuk", "2", "A"),
    ]
    assert all(p.get("data-jenis") == "penghubung" and p.get("data-dari") == "6" for p in pasangan)
    bagian = {p.get("data-bagian") for p in g.panah if (p.get("data-dari"), p.get("data-ke")) == ("6", "2")}
    assert bagian == {"keluar", "masuk"}
    # each circle sits beside its symbol, in the same row
    for p in pasangan:
        lingkaran = p.find("s:circle", NS)
        assert abs(float(lingkaran.get("cy")) - float(g.simbol[int(p.get("data-langkah"))].get("data-cy"))) < 0.6


def test_halaman_bersambung_dengan_penghubung_antarhalaman():
    langkah = [*konsultasi()[:10], L(11, "Hasil diterima?", "keputusan", 1, ke_tidak=3), L(12, "Selesai", "selesai", 1)]
    halaman = [Gambar(h) for h in bagan.halaman(PELAKSANA, langkah, baris_per_halaman=5)]
    assert len(halaman) == 3
    per_halaman = [[s for s in langkah if s.urutan in g.simbol] for g in halaman]
    assert [[s.urutan for s in isi] for isi in per_halaman] == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]
    di = {s.urutan: i for i, isi in enumerate(per_halaman) for s in isi}
    for g, isi in zip(halaman, per_halaman, strict=True):
        periksa_simbol(g, isi)
        periksa_jalan(g)
        assert g.akar.get("data-jumlah-halaman") == "3"
    lintas = [t for t in bagan.alur(langkah) if di[t.dari] != di[t.ke]]
    assert {(t.dari, t.ke) for t in lintas} == {(5, 6), (10, 11), (11, 3)}  # two breaks and a loop to page 1
    for t in lintas:
        asal, tujuan = halaman[di[t.dari]], halaman[di[t.ke]]
        (keluar,) = [
            p
            for p in asal.kelas("penghubung-halaman")
            if p.get("data-arah") == "keluar" and p.get("data-dari") == str(t.dari)
        ]
        (masuk,) = [
            p
            for p in tujuan.kelas("penghubung-halaman")
            if p.get("data-arah") == "masuk" and p.get("data-dari") == str(t.dari)
        ]
        assert keluar.get("data-ke") == masuk.get("data-ke") == str(t.ke)
        assert keluar.get("data-label") == masuk.get("data-label") == str(t.ke)  # the pair's matching labels
        assert keluar.get("data-halaman-tujuan") == str(di[t.ke] + 1)
        assert masuk.get("data-halaman-tujuan") == str(di[t.dari] + 1)
        for penghubung in (keluar, masuk):  # the label drawn in the pentagon
            assert "".join(penghubung.find("s:text[@class='label-penghubung']", NS).itertext()) == str(t.ke)
        assert len(keluar.find("s:polygon", NS).get("points").split()) == 5  # the home plate
        # at the foot of one page (below every symbol), at the head of the other (above every symbol)
        y_keluar = [
            y for _, y in (tuple(map(float, q.split(","))) for q in keluar.find("s:polygon", NS).get("points").split())
        ]
        y_masuk = [
            y for _, y in (tuple(map(float, q.split(","))) for q in masuk.find("s:polygon", NS).get("points").split())
        ]
        assert min(y_keluar) > max(asal.kotak(n)[3] for n in asal.simbol)
        assert max(y_masuk) < min(tujuan.kotak(n)[1] for n in tujuan.simbol)
        # the arrow to it on one page, from it on the other
        assert {
            p.get("data-bagian")
            for p in asal.panah
            if p.get("data-dari") == str(t.dari) and p.get("data-ke") == str(t.ke)
        } == {"keluar"}
        assert {
            p.get("data-bagian")
            for p in tujuan.panah
            if p.get("data-dari") == str(t.dari) and p.get("data-ke") == str(t.ke)
        } == {"masuk"}
    # the rows of a page are drawn once: no page holds another page's symbol
    assert sum(len(g.simbol) for g in halaman) == 12


def test_teks_berbahaya_tetap_teks_dan_terbungkus():
    jahat = "<script>alert('x')</script> & \"kutip\" ]]> \x00\x1b" + "Panjang" * 40
    langkah = [
        L(1, jahat, "mulai", 1, kelengkapan=jahat, output="a & b < c"),
        L(2, jahat, "kegiatan", 2, keterangan=jahat),
        L(3, jahat, "keputusan", 2, ke_tidak=2),
        L(4, "Selesai", "selesai", 1),
    ]
    for lengkap in (False, True):
        teks = bagan.svg([jahat, "Kedua"], langkah, lengkap=lengkap, judul=jahat)
        assert "<script" not in teks and "\x00" not in teks and "\x1b" not in teks
        g = Gambar(teks)  # well-formed XML
        assert not list(g.akar.iter(f"{{{NS['s']}}}script"))
        periksa_simbol(g, langkah)
        semua = "".join(g.akar.itertext())
        assert "<script>alert('x')</script>" in semua and '& "kutip" ]]>' in semua
        # every line of text fits its box (the symbol, the Kegiatan column): the long word is broken
        for n, grup in g.simbol.items():
            x0, _, x1, _ = g.kotak(n)
            for t in grup.findall("s:text", NS):
                for baris in t.findall("s:tspan", NS):
                    assert bagan.lebar_teks(baris.text, float(t.get("font-size"))) <= x1 - x0, baris.text
        for t in g.kelas("isi-uraian", "text"):
            for baris in t.findall("s:tspan", NS):
                assert bagan.lebar_teks(baris.text, float(t.get("font-size"))) <= 190 - 8
        tspan = [b.text for b in g.akar.iter(f"{{{NS['s']}}}tspan")]
        assert any(b.startswith("Panjang") for b in tspan) and max(map(len, tspan)) < 60


@pytest.mark.parametrize("jumlah", [1, 8])
def test_satu_dan_delapan_pelaksana(jumlah):
    pelaksana = [f"Pelaksana {i}" for i in range(1, jumlah + 1)]
    kolom = lambda i: (i % jumlah) + 1  # noqa: E731
    langkah = [L(1, "Mulai", "mulai", 1)]
    langkah += [L(i, f"Kegiatan {i}", "kegiatan", kolom(i)) for i in range(2, 6)]
    langkah += [L(6, "Sesuai?", "keputusan", kolom(6), ke_tidak=3), L(7, "Selesai", "selesai", kolom(7))]
    for lengkap in (False, True):
        g = Gambar(bagan.svg(pelaksana, langkah, lengkap=lengkap))
        assert sorted(g.kolom) == list(range(1, jumlah + 1))
        periksa_simbol(g, langkah)
        periksa_jalan(g)
        assert {(6, 3), (6, 7)} <= g.tepi() and {(i, i + 1) for i in range(1, 6)} <= g.tepi()
        lebar = [b - a for a, b in g.kolom.values()]
        assert len(set(lebar)) == 1  # equal columns
        judul = [t for t in g.kelas("judul-pelaksana", "text")]
        assert len(judul) == jumlah


def test_masukan_tidak_rapi_tidak_merusak_gambar():
    """Actors out of range fall in the nearest column, branches to rows that do not exist are left out, no
    actors at all gives one column, no rows gives the bare table."""
    langkah = [
        L(1, "Mulai", "mulai", 0),
        L(2, "x", "keputusan", 9, ke_ya=99, ke_tidak=2),
        L(3, "Selesai", "selesai", 1),
    ]
    g = Gambar(bagan.svg(["Satu", "Dua"], langkah))
    assert g.simbol[1].get("data-kolom") == "1" and g.simbol[2].get("data-kolom") == "2"
    assert g.tepi() == {(1, 2)}  # 99 does not exist, 2 is itself
    g = Gambar(bagan.svg([], [L(1, "Mulai", "mulai", 1), L(2, "Selesai", "selesai", 1)]))
    assert list(g.kolom) == [1] and g.tepi() == {(1, 2)}
    g = Gambar(bagan.svg(["A"], []))
    assert not g.simbol and not g.panah
    assert bagan.bungkus("a\u200bb", 50, 10) == ["a\u200bb"] and bagan.bersih("a\ud800b\ufffe") == "ab"
