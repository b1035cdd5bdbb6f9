"""Reading a structure file's bytes into data, for the command and the admin upload alike.

Python's JSON decoder raises RecursionError on JSON nested thousands deep and ValueError on an integer of
thousands of digits; here both are a `ValidationError` in Indonesian like any other unreadable file, and so
are `NaN`/`Infinity` (not JSON) and integers longer than the format can use.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError

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
        pesan = f"Berkas bukan JSON yang sah: galat pada baris {e.lineno}, kolom {e.colno}."
    except ValueError:  # any other limit of the decoder
        pesan = "Berkas tidak dapat dibaca: isinya melampaui batas pembaca JSON."
    raise ValidationError(pesan, code="json_tak_terbaca")
