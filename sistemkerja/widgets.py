"""The search box every unit and person field of the pages uses: an ARIA combobox (WAI-ARIA APG pattern).

How it works, end to end:
- The page renders a plain text box (`Cari`). Without JavaScript the person types a name, a code or a NIP
  and the server resolves it (e.g. penugasan.masukan.cari_unit / cari_pegawai), asking to choose when a
  name is not unique.
- With JavaScript (static/js/cari.js) htmx asks `url` for suggestions as the person types (`?q=`); the
  answer is an HTML fragment of `<li role="option" data-nilai="…">` (templates/widgets/_saran.html).
  Arrow keys move through them, Enter or a click picks one, Escape closes the list.
- Picking puts the option's `data-nilai` into the box: the name followed by its key in brackets,
  "Bidang Sumber Daya Kesehatan (dinkes-sdk)" or "Ani Rahma (19850317 201003 1 001)". The server reads
  the key in brackets (`kunci_dalam_kurung`), so a picked value never needs a name lookup, and a person
  still reads a name in the box.

`CariBanyak` is the same box for several values (team members): each one picked becomes a ticked checkbox
(untick to remove) with an optional note beside it (the member's role); without JavaScript several values
are typed separated by ";".
"""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse

_KURUNG = re.compile(r"\(([^()]*)\)\s*$")


def kunci_dalam_kurung(teks: str) -> str | None:
    """The key a picked suggestion carries in brackets at its end ("Nama (kunci)" → "kunci"), or None."""
    m = _KURUNG.search(teks) if isinstance(teks, str) else None
    return m.group(1).strip() if m else None


class Cari(forms.TextInput):
    """A text box with suggestions from the URL named `url` (a GET endpoint answering `?q=` with options)."""

    template_name = "widgets/cari.html"

    def __init__(self, url: str, attrs: dict | None = None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.url = url

    def get_context(self, name, value, attrs):
        konteks = super().get_context(name, value, attrs)
        konteks["widget"]["url_saran"] = reverse(self.url)
        return konteks


class CariBanyak(Cari):
    """`Cari` for several values, each with an optional note (`keterangan`, e.g. "Peran").

    The form receives a list of strings "value" or "value: note"; a note typed in its own box beside a
    picked value is joined to it here, so the field parses one format only (`pisah_catatan`).
    """

    template_name = "widgets/cari_banyak.html"

    def __init__(self, url: str, *, keterangan: str = "", attrs: dict | None = None):
        super().__init__(url, attrs)
        self.keterangan = keterangan

    def value_from_datadict(self, data, files, name):
        hasil = []
        for v in data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]:
            for bagian in re.split(r"[;\n]", v):
                nilai, catatan = pisah_catatan(bagian)
                catatan = catatan or data.get(nama_keterangan(name, nilai), "").strip()
                if nilai or catatan:
                    hasil.append(f"{nilai}: {catatan}" if catatan else nilai)
        return hasil

    def format_value(self, value):
        return ""  # the box is for the next value; those chosen are listed beside it

    def get_context(self, name, value, attrs):
        konteks = super().get_context(name, value, attrs)
        terpilih = [pisah_catatan(v) for v in (value if isinstance(value, list | tuple) else [])]
        konteks["widget"].update(
            keterangan=self.keterangan,
            terpilih=[{"nilai": n, "catatan": c, "nama_ket": nama_keterangan(name, n)} for n, c in terpilih],
        )
        return konteks


def pisah_catatan(teks: str) -> tuple[str, str]:
    """Split "value: note" into (value, note); a value may end in a bracketed key: "Ani (1985…): analis"."""
    m = re.fullmatch(r"(.*\([^()]*\))\s*(?::(.*))?", teks, re.S)
    if m:
        return m.group(1).strip(), (m.group(2) or "").strip()
    nilai, _, catatan = teks.partition(":")
    return nilai.strip(), catatan.strip()


def nama_keterangan(name: str, nilai: str) -> str:
    """The name of the note box beside a picked value: by its key, so ticking others off keeps it paired."""
    return f"{name}-ket-{kunci_dalam_kurung(nilai) or nilai}"
