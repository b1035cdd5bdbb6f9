"""Uploaded files: checked for type by their content (not their name or the browser's claim) and for
size, stored under random names outside any public URL, and served only by views that check the
reader's right (`kirim_berkas`). Nothing under MEDIA_ROOT is ever served directly."""

from __future__ import annotations

import io
import mimetypes
import uuid
import zipfile
from collections.abc import Iterator

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


# --- an uploaded workbook read as rows (the imports of survey answers and of e-Kinerja predikat) ------------


def _tolak(pesan: str):
    raise ValidationError({"berkas": [pesan]})


def isi_unggahan(berkas, maks_bait: int) -> bytes:
    """The upload's bytes (an uploaded file, or bytes), reading no more than one past `maks_bait`; a
    ValidationError {"berkas": [...]} when it is larger or empty."""
    isi = berkas.read(maks_bait + 1) if hasattr(berkas, "read") else bytes(berkas)
    if len(isi) > maks_bait:
        _tolak(f"Berkas terlalu besar (paling besar {maks_bait // 1024 // 1024} MB).")
    if not isi:
        _tolak("Berkas kosong.")
    return isi


def baris_xlsx(
    isi: bytes,
    *,
    maks_isi: int,
    maks_kolom: int,
    bukan_xlsx: str,
    tak_terbaca: str,
    lembar: str | None = None,
    ketat: bool = False,
) -> Iterator[tuple]:
    """The rows, as values, of the sheet `lembar` (when the workbook has it; else the first sheet), at most
    `maks_kolom` columns. Read by openpyxl in read-only mode (which parses with defusedxml when it is installed),
    the sheet's own idea of its size ignored. A ValidationError {"berkas": [...]}: `bukan_xlsx` for what is not a
    workbook (with `ketat`, also what does not start as a ZIP or has no xl/workbook.xml), `tak_terbaca` for a
    sheet that breaks while read, and one for a workbook of more than 1000 parts or `maks_isi` bytes unpacked
    (a small ZIP may unpack into gigabytes)."""
    import openpyxl

    if ketat and not isi.startswith(b"PK\x03\x04"):
        _tolak(bukan_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as zf:
            anggota = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        _tolak(bukan_xlsx)
    if ketat and "xl/workbook.xml" not in {a.filename for a in anggota}:
        _tolak(bukan_xlsx)
    if len(anggota) > 1000 or sum(a.file_size for a in anggota) > maks_isi:
        _tolak("Buku kerja terlalu besar setelah dibuka; bagi datanya ke beberapa berkas.")
    try:
        buku = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  a hostile or broken file can fail the parser in many ways
        _tolak(bukan_xlsx)
    try:
        ws = buku[lembar] if lembar in buku.sheetnames else buku.worksheets[0]
        ws.reset_dimensions()  # the file's own idea of its size is not trusted
        yield from ws.iter_rows(max_col=maks_kolom, values_only=True)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001  a sheet's XML may be broken past the workbook's header
        _tolak(tak_terbaca)
    finally:
        buku.close()
