"""Uploaded files: checked for type by their content (not their name or the browser's claim) and for
size, stored under random names outside any public URL, and served only by views that check the
reader's right (`kirim_berkas`). Nothing under MEDIA_ROOT is ever served directly."""

from __future__ import annotations

import mimetypes
import uuid

from django.core.exceptions import ValidationError
from django.http import FileResponse

# The leading bytes of each accepted type; a short, fixed list is clearer than a detection library
# whose guesses would then need checking against it anyway.
TANDA = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
}
NAMA_JENIS = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG"}


def periksa_berkas(berkas, *, jenis: set[str], maks_mb: int) -> str:
    """The upload's real type (a key of TANDA), or a ValidationError in Indonesian saying what is wrong."""
    izin = " atau ".join(NAMA_JENIS[j] for j in sorted(jenis))
    if berkas is None or not berkas.size:
        raise ValidationError("Berkas kosong.", code="berkas_kosong")
    if berkas.size > maks_mb * 1024 * 1024:
        raise ValidationError(
            f"Berkas terlalu besar ({berkas.size / 1048576:.1f} MB); paling besar {maks_mb} MB.",
            code="berkas_terlalu_besar",
        )
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    cocok = next((j for j in sorted(jenis) if kepala.startswith(TANDA[j][0])), None)
    if cocok is None:
        raise ValidationError(
            f"Isi berkas bukan {izin} (jenis berkas dikenali dari isinya, bukan namanya).", code="berkas_jenis"
        )
    return cocok


def nama_acak(folder: str, jenis: str) -> str:
    """A storage name that says nothing about the person and cannot be guessed."""
    return f"{folder}/{uuid.uuid4().hex}.{jenis}"


def kirim_berkas(berkas_field, *, nama_unduh: str) -> FileResponse:
    """Send a stored file after the caller checked the right: fixed type, no sniffing, not cached."""
    jenis = berkas_field.name.rsplit(".", 1)[-1]
    tipe = TANDA.get(jenis, (None, mimetypes.guess_type(berkas_field.name)[0] or "application/octet-stream"))[1]
    respons = FileResponse(
        berkas_field.open("rb"), content_type=tipe, as_attachment=False, filename=f"{nama_unduh}.{jenis}"
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, no-store"
    respons["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return respons
