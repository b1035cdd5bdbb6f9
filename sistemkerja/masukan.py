"""Input rules, in one place: serializers, forms, the structure import and the services all use these.

- Free text has a maximum length (`PANJANG`), refuses NUL and other control characters (line breaks
  and tabs excepted where a field takes several lines), and text that is empty once invisible characters
  (zero-width spaces, joiners, soft hyphens, the BOM, every kind of space) are removed: `teks()`.
- Identifiers are checked for shape before any lookup, so a NUL or a 5,000-character "NIP" never reaches
  the database: `bentuk_nip()`, `bentuk_kode()`, `bentuk_id()`.
- Dates lie in a plausible window: births after `LAHIR_MIN`; periods (assignments, teams, roles,
  placements) inside `PERIODE_MIN`..`PERIODE_MAKS`, and a period ends on or after its start: `periode()`.
- Integers are integers: `bilangan_bulat()` refuses 1.5, "1.5", true, "²" and 20-digit numbers.

Every refusal is a `ValidationError` with an Indonesian message (keyed by field where a field is named).
DRF and form fields built on these rules: `TeksField`, `TeksFormField`, `IdField`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# Maximum lengths of free text, by kind. A letter's fields (maksud, kompetensi, target, reasons, notes)
# are `sedang`: three of them at the limit still fit the letter's first page.
PANJANG = {"pendek": 200, "sedang": 1000, "panjang": 4000}

PANJANG_USERNAME = 150  # Django's username column: no account has a longer name
LAHIR_MIN = dt.date(1940, 1, 1)
PERIODE_MIN = dt.date(2000, 1, 1)
PERIODE_MAKS = dt.date(2099, 12, 31)
BILANGAN_MAKS = 2**31 - 1  # the database's integer

_NIP = re.compile(r"[0-9]{18}")
_KODE = re.compile(r"[-a-zA-Z0-9_]{1,64}")
_BARIS = {"\n", "\r", "\t"}
# Characters that show nothing: format characters (zero-width spaces and joiners, the BOM, soft hyphen,
# bidi marks), separators (every kind of space), and the Hangul and Braille blanks.
_KOSONG_TAMBAHAN = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f"}


def tak_terlihat(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) in ("Cf", "Zs", "Zl", "Zp") or c in _KOSONG_TAMBAHAN


def periksa_teks(nilai: str, *, maks: int, baris: bool = True, wajib: bool = True) -> str:
    """The text, stripped; refused when it holds a control character, is empty once invisible
    characters are removed (when `wajib`) or is longer than `maks`."""
    if any(unicodedata.category(c) == "Cc" and not (baris and c in _BARIS) for c in nilai):
        raise ValidationError("Teks tidak boleh memuat karakter kendali (mis. NUL).", code="kendali")
    nilai = nilai.strip()
    if len(nilai) > maks:
        raise ValidationError(f"Paling banyak {maks} karakter (sekarang {len(nilai)}).", code="terlalu_panjang")
    if all(tak_terlihat(c) for c in nilai):
        if wajib:
            raise ValidationError("Wajib diisi dengan teks yang terbaca.", code="kosong")
        return ""
    return nilai


def tampil(nilai, maks: int = 40, *, buang_kendali: bool = False) -> str:
    """A value as it was sent, safe to echo in a label or message, at most `maks` characters then `…`:
    characters that do not print escaped (`\\x00`), or with `buang_kendali` control characters dropped
    (so that an identifier holding a NUL reads exactly like an unknown one)."""
    if buang_kendali:
        teks = "".join(c for c in str(nilai) if unicodedata.category(c) != "Cc")
    else:
        teks = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(nilai)[: maks + 1])
    return teks if len(teks) <= maks else teks[:maks] + "…"


def bentuk_nip(nilai) -> str | None:
    """The 18 digits of a NIP typed with or without spaces, or None when it cannot be one."""
    if not isinstance(nilai, str) or len(nilai) > 40:
        return None
    bersih = re.sub(r"[ .\-]", "", nilai)
    return bersih if _NIP.fullmatch(bersih) else None


def bentuk_kode(nilai) -> str | None:
    """A unit code (letters, digits, `-` and `_`, up to 64), or None."""
    return nilai if isinstance(nilai, str) and _KODE.fullmatch(nilai) else None


def bilangan_bulat(nilai, *, minimum: int = 0, maksimum: int = BILANGAN_MAKS) -> int:
    """An integer given as a JSON number or ASCII digits, within bounds; nothing else."""
    if isinstance(nilai, bool):
        raise ValidationError("Harus bilangan bulat.", code="bukan_bilangan")
    if isinstance(nilai, str):
        if not (nilai.isascii() and nilai.isdigit() and len(nilai) <= 12):
            raise ValidationError("Harus bilangan bulat.", code="bukan_bilangan")
        nilai = int(nilai)
    if not isinstance(nilai, int):
        raise ValidationError("Harus bilangan bulat.", code="bukan_bilangan")
    if not minimum <= nilai <= maksimum:
        raise ValidationError(f"Harus antara {minimum} dan {maksimum}.", code="di_luar_batas")
    return nilai


def bentuk_id(nilai) -> int | None:
    """A database id (1 ..`BILANGAN_MAKS`), or None when it cannot be one."""
    try:
        return bilangan_bulat(nilai, minimum=1)
    except ValidationError:
        return None


def periksa_tanggal(tanggal: dt.date | None, *, awal: dt.date = PERIODE_MIN, akhir: dt.date = PERIODE_MAKS):
    if tanggal is not None and not awal <= tanggal <= akhir:
        raise ValidationError(f"Tanggal harus antara {awal:%d-%m-%Y} dan {akhir:%d-%m-%Y}.", code="di_luar_rentang")
    return tanggal


def periode(mulai: dt.date | None, selesai: dt.date | None, *, kolom_mulai="mulai", kolom_selesai="selesai"):
    """Both dates in the plausible window and the end on or after the start; errors keyed by field."""
    galat = {}
    for kolom, tanggal in ((kolom_mulai, mulai), (kolom_selesai, selesai)):
        try:
            periksa_tanggal(tanggal)
        except ValidationError as e:
            galat[kolom] = e.messages
    if not galat and mulai and selesai and selesai < mulai:
        galat[kolom_selesai] = ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    if galat:
        raise ValidationError(galat)


def teks_isian(galat: dict, kolom: str, nilai, *, jenis: str = "sedang", wajib: bool = True, baris: bool = True) -> str:
    """`periksa_teks` for the services: the text cleaned, or "" with the refusal put in `galat[kolom]`."""
    try:
        return periksa_teks(nilai if isinstance(nilai, str) else "", maks=PANJANG[jenis], baris=baris, wajib=wajib)
    except ValidationError as e:
        galat[kolom] = e.messages
        return ""


# --- fields ---------------------------------------------------------------------------------------


class TeksField(serializers.CharField):
    """Free text of one kind of `PANJANG`: bounded, no control characters, not invisibly empty."""

    def __init__(self, *, jenis: str = "sedang", baris: bool = True, **kwargs):
        self.maks, self.baris = PANJANG[jenis], baris
        kwargs.setdefault("max_length", self.maks)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return periksa_teks(data, maks=self.maks, baris=self.baris, wajib=not self.allow_blank)
        except ValidationError as e:
            raise serializers.ValidationError(e.messages) from None


class TeksFormField(forms.CharField):
    """`TeksField` for Django forms."""

    def __init__(self, *, jenis: str = "sedang", baris: bool = True, **kwargs):
        self.maks, self.baris = PANJANG[jenis], baris
        kwargs.setdefault("max_length", self.maks)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return periksa_teks(value, maks=self.maks, baris=self.baris, wajib=self.required)


@extend_schema_field(OpenApiTypes.INT)
class IdField(serializers.Field):
    """A database id: a JSON integer or ASCII digits, never 1.5 or true."""

    default_error_messages = {"invalid": "Harus bilangan bulat positif."}

    def to_internal_value(self, data):
        nilai = bentuk_id(data)
        if nilai is None:
            self.fail("invalid")
        return nilai

    def to_representation(self, value):
        return value
