"""Reading a structure file's bytes into data, for the command and the admin upload alike.

`baca_unggahan` takes what the admin uploaded (one JSON or XLSX file, or CSV files) and returns the same data
`baca_json` would (see `lembar` for the spreadsheet forms), with each record's sheet row for messages.

Python's JSON decoder raises RecursionError on JSON nested thousands deep and ValueError on an integer of
thousands of digits; here both are a `ValidationError` in Indonesian like any other unreadable file, and so
are `NaN`/`Infinity` (not JSON) and integers longer than the format can use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError

from sistemkerja.masukan import tampil

from . import lembar

BATAS_UNGGAHAN = 10 * 1024 * 1024  # one upload, all its files together
BATAS_DIGIT = 40  # the longest integer the format could hold is a NIP typed as a number (18 digits)


class _AngkaTerlaluPanjang(ValueError):
    pass


class _BukanJson(ValueError):
    pass


def _bilangan_bulat(teks: str) -> int:
    if len(teks) > BATAS_DIGIT:
        raise _AngkaTerlaluPanjang(teks[:20])
    return int(teks)


def _konstanta(teks: str):
    raise _BukanJson(teks)


def baca_json(isi: bytes | str):
    """The file's data (UTF-8, a byte order mark allowed), or a ValidationError saying why it cannot be read."""
    if isinstance(isi, bytes):
        try:
            isi = isi.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ValidationError(
                f"Berkas bukan teks UTF-8 (bita ke-{e.start + 1} tidak sah).", code="bukan_utf8"
            ) from None
    else:
        isi = isi.removeprefix("\ufeff")
    try:
        return json.loads(isi, parse_int=_bilangan_bulat, parse_constant=_konstanta)
    except RecursionError:
        pesan = "Berkas tidak dapat dibaca: JSON-nya bersarang terlalu dalam."
    except _AngkaTerlaluPanjang:
        pesan = f"Berkas tidak dapat dibaca: memuat angka terlalu panjang (lebih dari {BATAS_DIGIT} digit)."
    except _BukanJson as e:
        pesan = f"Berkas bukan JSON yang sah: {str(e)[:20]} bukan nilai JSON."
    except json.JSONDecodeError as e:
        pesan = f"Berkas bukan JSON yang sah: galat pada baris {e.lineno}, kolom {e.colno}" + _arti(e.msg) + "."
    except ValueError:  # any other limit of the decoder
        pesan = "Berkas tidak dapat dibaca: isinya melampaui batas pembaca JSON."
    raise ValidationError(pesan, code="json_tak_terbaca")


# json's messages, in Indonesian (the decoder's own wording is never shown)
_ARTI_JSON = (
    ("Expecting value", "nilai diharapkan di sini (mungkin koma berlebih, atau teks tanpa tanda petik ganda)"),
    ("Expecting ',' delimiter", "tanda koma (,) atau kurung penutup diharapkan"),
    ("Expecting ':' delimiter", "tanda titik dua (:) diharapkan setelah nama kunci"),
    ("Expecting property name", "nama kunci dalam tanda petik ganda diharapkan (mungkin koma berlebih sebelum })"),
    ("Unterminated string", "teks tidak ditutup dengan tanda petik ganda"),
    ("Invalid control character", "karakter kendali (mis. ganti baris) di dalam teks; tulis sebagai \\n"),
    ("Invalid \\escape", "garis miring terbalik (\\) tidak sah; tulis sebagai \\\\"),
    ("Invalid \\u", "kode \\u tidak sah"),
    ("Extra data", "ada isi lain setelah akhir data"),
)


def _arti(msg: str) -> str:
    return next((": " + arti for awal, arti in _ARTI_JSON if msg.startswith(awal)), "")


@dataclass
class Unggahan:
    """What an upload holds: the exchange data, its form, and each record's sheet row (a spreadsheet's)."""

    data: object
    bentuk: str  # "JSON", "XLSX" or "CSV"
    baris: dict[str, list[int]] = field(default_factory=dict)


_AKHIRAN_LAIN = {
    ".xls": "format Excel lama (.xls); simpan ulang sebagai .xlsx",
    ".xlsm": "buku kerja bermakro; simpan ulang sebagai .xlsx biasa",
    ".ods": "format LibreOffice (.ods); simpan ulang sebagai .xlsx",
    ".numbers": "format Numbers; ekspor sebagai .xlsx",
    ".zip": "arsip ZIP; unggah berkas CSV di dalamnya (pilih semuanya sekaligus)",
}


def _bentuk(nama: str, isi: bytes) -> str:
    akhiran = PurePath(nama).suffix.lower()
    if akhiran in (".json", ".xlsx", ".csv"):
        return akhiran[1:].upper()
    if akhiran in _AKHIRAN_LAIN:
        raise ValidationError(f"Berkas {tampil(nama)}: {_AKHIRAN_LAIN[akhiran]}.", code="bentuk_lain")
    awal = isi[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if isi.startswith(b"PK\x03\x04"):
        return "XLSX"
    if awal[:1] in (b"{", b"["):
        return "JSON"
    raise ValidationError(
        f"Berkas {tampil(nama)} tidak dikenali; unggah satu berkas .json atau .xlsx, atau berkas-berkas .csv.",
        code="bentuk_lain",
    )


def baca_unggahan(berkas: list[tuple[str, bytes]]) -> Unggahan:
    """One JSON or XLSX file, or one or more CSV files, as (name, bytes); a ValidationError says why not."""
    if not berkas:
        raise ValidationError("Pilih berkas untuk diunggah.", code="kosong")
    bentuk = [_bentuk(nama, isi) for nama, isi in berkas]
    if len(berkas) > 1 and set(bentuk) != {"CSV"}:
        raise ValidationError(
            "Unggah satu berkas JSON atau satu buku kerja XLSX; hanya berkas CSV yang boleh lebih dari satu "
            "(satu per lembar).",
            code="campuran",
        )
    if bentuk[0] == "JSON":
        return Unggahan(baca_json(berkas[0][1]), "JSON")
    if bentuk[0] == "XLSX":
        hasil = lembar.baca_xlsx(*berkas[0])
        return Unggahan(hasil.data, "XLSX", hasil.baris)
    hasil = lembar.baca_csv(berkas)
    return Unggahan(hasil.data, "CSV", hasil.baris)
