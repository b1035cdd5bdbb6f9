"""Structure exchange (API.md "Structure exchange format"): impor and ekspor.

    baca_json(isi: bytes | str) -> data         # the file's JSON; ValidationError when it cannot be read
    baca_unggahan([(nama, isi), …]) -> Unggahan # an admin's upload: JSON, an XLSX workbook or CSV files,
                                                # as the same data (see `lembar`), with sheet rows for messages
    impor(data: dict, *, pelaku=None, baris_lembar=None) -> dict
                                                # summary counts; raises ValidationError naming record+field
    ekspor(*, instansi=None) -> dict            # same shape as the import file
    ekspor_xlsx(*, instansi=None) -> bytes      # the same as a workbook; templat_xlsx() the empty template

impor() first reads the whole file and collects every problem it can see without
writing (unknown fields and codes, duplicates, NIPs, dates, levels, cycles): see
`baca` and `baris`. Only a clean file is written (`tulis`): in one transaction, parents first,
every write through the services. An error a service raises while writing is
collected too, and any error rolls everything back. Records match by kode
(instansi, unit) and NIP (pegawai), so a second identical import changes nothing.

The summary is `{jenis: {"dibuat": n, "diubah": n, "tetap": n}}` for instansi, unit,
jabatan, pegawai, plt and delegasi.
"""

from django.db import transaction

from .baris import JENIS_HASIL
from .berkas import BATAS_UNGGAHAN, Unggahan, baca_json, baca_unggahan
from .keluaran import ekspor
from .lembar import contoh_templat, tulis_xlsx
from .tulis import Penulis


def impor(data: dict, *, pelaku=None, baris_lembar: dict | None = None) -> dict:
    """Load a structure file; all or nothing. `baris_lembar`: each record's sheet row, for messages."""
    with transaction.atomic():
        return Penulis(data, pelaku, baris_lembar).jalankan()


def pratinjau(data: dict, *, pelaku=None, baris_lembar: dict | None = None) -> dict:
    """Dry run: the summary impor() would return (or its ValidationError); nothing is kept."""
    with transaction.atomic():
        hasil = Penulis(data, pelaku, baris_lembar).jalankan()
        transaction.set_rollback(True)
    return hasil


def ekspor_xlsx(*, instansi=None) -> bytes:
    """The current structure as a workbook the import reads back (one sheet per list, and "petunjuk")."""
    return tulis_xlsx(ekspor(instansi=instansi), judul_petunjuk="Struktur organisasi: ekspor")


def templat_xlsx() -> bytes:
    """The empty workbook to fill in: headers, one example row per sheet, and "petunjuk"."""
    return tulis_xlsx(contoh_templat(), judul_petunjuk="Templat impor struktur organisasi")


def ringkasan_teks(hasil: dict) -> list[str]:
    """One line per kind: `pegawai: 2 dibuat, 0 diubah, 5 tetap`."""
    return [
        f"{jenis}: {h['dibuat']} dibuat, {h['diubah']} diubah, {h['tetap']} tetap"
        for jenis, h in ((j, hasil[j]) for j in JENIS_HASIL)
    ]


__all__ = [
    "BATAS_UNGGAHAN",
    "Unggahan",
    "baca_json",
    "baca_unggahan",
    "impor",
    "pratinjau",
    "ekspor",
    "ekspor_xlsx",
    "templat_xlsx",
    "ringkasan_teks",
]
