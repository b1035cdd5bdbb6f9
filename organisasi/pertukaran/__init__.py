"""Structure exchange (API.md "Structure exchange format"): impor and ekspor.

    baca_json(isi: bytes | str) -> data         # the file's JSON; ValidationError when it cannot be read
    impor(data: dict, *, pelaku=None) -> dict   # summary counts; raises ValidationError naming record+field
    ekspor(*, instansi=None) -> dict            # same shape as the import file

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
from .berkas import baca_json
from .keluaran import ekspor
from .tulis import Penulis


def impor(data: dict, *, pelaku=None) -> dict:
    """Load a structure file; all or nothing."""
    with transaction.atomic():
        return Penulis(data, pelaku).jalankan()


def pratinjau(data: dict, *, pelaku=None) -> dict:
    """Dry run: the summary impor() would return (or its ValidationError); nothing is kept."""
    with transaction.atomic():
        hasil = Penulis(data, pelaku).jalankan()
        transaction.set_rollback(True)
    return hasil


def ringkasan_teks(hasil: dict) -> list[str]:
    """One line per kind: `pegawai: 2 dibuat, 0 diubah, 5 tetap`."""
    return [
        f"{jenis}: {h['dibuat']} dibuat, {h['diubah']} diubah, {h['tetap']} tetap"
        for jenis, h in ((j, hasil[j]) for j in JENIS_HASIL)
    ]


__all__ = ["baca_json", "impor", "pratinjau", "ekspor", "ringkasan_teks"]
