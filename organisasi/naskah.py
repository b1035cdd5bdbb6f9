"""What an instansi's letters carry of it: its lambang (an image the admin uploads), the classification
code and each unit's short code in letter numbers (tata naskah dinas, Permendagri 1/2023).

The lambang is checked before it is kept: PNG or JPEG, at most `LAMBANG_MAKS_BYTE` bytes and
`LAMBANG_MAKS_PIKSEL` pixels a side, so a letter never embeds something a PDF renderer chokes on.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

LAMBANG_MAKS_BYTE = 1024 * 1024
LAMBANG_MAKS_PIKSEL = 2000
LAMBANG_FORMAT = {"PNG": "image/png", "JPEG": "image/jpeg"}

# Permendagri 83/2022 (kode klasifikasi arsip): 800 is kepegawaian/SDM; 800.1.11.1 is the code commonly
# used on surat tugas of regional staff. The Bagian Organisasi sets the instansi's own code.
KLASIFIKASI_BAWAAN = "800.1.11.1"

validasi_klasifikasi = RegexValidator(
    r"^\d{3}(\.\d{1,3}){0,4}$",
    "Kode klasifikasi berupa tiga angka, boleh diikuti bagian bertitik, mis. 800.1.11.1.",
)
validasi_kode_naskah = RegexValidator(
    r"^[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?$",
    "Kode naskah hanya berisi huruf, angka, titik dan tanda hubung, mis. Dinkes atau 35.07.302.",
)

# Words left out of a unit's initials ("Dinas Pemuda dan Olahraga" -> "DPO").
_KATA_SAMBUNG = {"dan", "serta", "di", "ke", "dari", "untuk", "pada", "atas"}


def singkatan(nama: str) -> str:
    """A readable stand-in for a unit's code in letter numbers when the admin has set none: the initials
    of its name's words ("Dinas Kesehatan" -> "DK"), or the one word itself."""
    kata = [k for k in re.split(r"[^0-9A-Za-z]+", nama) if k and k.lower() not in _KATA_SAMBUNG]
    if not kata:
        return "Unit"
    if len(kata) == 1:
        return kata[0][:30]
    return "".join(k[0].upper() for k in kata)[:30]


def validasi_lambang(berkas) -> None:
    """A newly uploaded lambang must be a PNG or JPEG of sensible size (a kept one is not read again)."""
    if berkas is None or getattr(berkas, "_committed", False):
        return
    ukuran = getattr(berkas, "size", None) or 0
    if ukuran > LAMBANG_MAKS_BYTE:
        raise ValidationError(
            f"Berkas lambang terlalu besar ({ukuran // 1024} KB); paling besar {LAMBANG_MAKS_BYTE // 1024} KB.",
            code="lambang_besar",
        )
    from PIL import Image

    isi = getattr(berkas, "file", berkas)
    try:
        isi.seek(0)
        with Image.open(isi) as gambar:
            format_, (lebar, tinggi) = gambar.format, gambar.size
            gambar.verify()
    except Exception:  # noqa: BLE001 - anything Pillow cannot read is not a lambang
        raise ValidationError(
            "Berkas lambang bukan gambar PNG atau JPEG yang dapat dibaca.", code="lambang_rusak"
        ) from None
    finally:
        isi.seek(0)
    if format_ not in LAMBANG_FORMAT:
        raise ValidationError(
            f"Lambang harus berupa gambar PNG atau JPEG, bukan {format_ or 'berkas ini'}.", code="lambang_format"
        )
    if max(lebar, tinggi) > LAMBANG_MAKS_PIKSEL or min(lebar, tinggi) < 16:
        raise ValidationError(
            f"Ukuran lambang {lebar}×{tinggi} piksel; sisi-sisinya harus antara 16 dan {LAMBANG_MAKS_PIKSEL} piksel.",
            code="lambang_ukuran",
        )


def lambang_contoh_png(ukuran: int = 240) -> bytes:
    """A plain placeholder lambang for the demo, drawn here: a shield with a star and a band (no real emblem)."""
    import io

    from PIL import Image, ImageDraw

    s = ukuran / 240
    gambar = Image.new("RGBA", (ukuran, ukuran), (255, 255, 255, 0))
    d = ImageDraw.Draw(gambar)
    perisai = [(30, 20), (210, 20), (210, 120), (185, 175), (120, 225), (55, 175), (30, 120)]
    d.polygon([(x * s, y * s) for x, y in perisai], fill=(20, 90, 60), outline=(180, 140, 20), width=max(1, int(8 * s)))
    d.rectangle([40 * s, 120 * s, 200 * s, 140 * s], fill=(180, 140, 20))
    bintang = [
        (120, 38),
        (131, 70),
        (165, 70),
        (138, 90),
        (148, 122),
        (120, 102),
        (92, 122),
        (102, 90),
        (75, 70),
        (109, 70),
    ]
    d.polygon([(x * s, y * s) for x, y in bintang], fill=(240, 200, 40))
    keluar = io.BytesIO()
    gambar.save(keluar, format="PNG", optimize=True)
    return keluar.getvalue()
