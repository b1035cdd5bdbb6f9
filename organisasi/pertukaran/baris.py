"""Reading one row of a structure file: its fields, their types, and readable errors.

Each message names the record and the field, e.g.
`pegawai[3] NIP 199001012015032001: nip: Tanggal lahir pada NIP …` (indexes count from 0,
as in the JSON list).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_slug

from sistemkerja.errors import GalatDomain

from ..choices import Tingkat

JENIS_HASIL = ("instansi", "unit", "jabatan", "pegawai", "plt", "delegasi")
# (required, optional) fields per kind of row
KOLOM = {
    "instansi": ({"kode", "nama"}, {"kode_wilayah", "tempat", "alamat"}),
    "unit": ({"kode", "nama", "jenis", "induk", "tingkat"}, {"mandiri", "aktif"}),
    "pegawai": (
        {"nip", "nama", "jabatan", "jenis_jabatan", "unit"},
        {"jenis_asn", "jenjang", "tingkat_jabatan", "memimpin", "golongan", "email", "mulai", "nomor_sk", "aktif"},
    ),
    "plt": ({"unit", "nip", "jenis", "mulai", "selesai"}, {"nomor_sk", "keterangan"}),
    "delegasi": ({"dari_unit", "kepada_nip", "mulai", "selesai"}, {"nomor_sk", "keterangan"}),
}
TINGKAT_STRUKTURAL = [Tingkat.JPT_PRATAMA, Tingkat.ADMINISTRATOR, Tingkat.PENGAWAS]


def dalam_potongan(urutan, ukuran: int = 500):
    """Slices small enough for an `IN (…)` on any database."""
    urutan = list(urutan)
    for i in range(0, len(urutan), ukuran):
        yield urutan[i : i + ukuran]


class Galat:
    """Readable messages, each naming the record and the field."""

    def __init__(self):
        self.pesan: list[str] = []

    def tambah(self, label: str, kolom: str | None, pesan) -> None:
        for p in pesan if isinstance(pesan, (list, tuple)) else [pesan]:
            self.pesan.append(f"{label}: {kolom}: {p}" if kolom else f"{label}: {p}")

    def dari(self, label: str, e: Exception, peta_kolom: dict | None = None) -> None:
        """Record a service's error; `peta_kolom` renames its fields to the file's columns."""
        peta_kolom = peta_kolom or {}
        if isinstance(e, GalatDomain):
            self.tambah(label, None, e.pesan)
        elif hasattr(e, "error_dict"):
            for kolom, pesan in e.message_dict.items():
                self.tambah(label, None if kolom == NON_FIELD_ERRORS else peta_kolom.get(kolom, kolom), pesan)
        else:
            self.tambah(label, None, e.messages)

    def periksa(self) -> None:
        if self.pesan:
            raise ValidationError(list(self.pesan), code="impor_struktur")


def mentah(baris, kolom: str) -> str:
    """A field as typed, for a record's label (before it is checked)."""
    v = baris.get(kolom, "") if isinstance(baris, dict) else ""
    return str(v if v is not None else "")


class Pembaca:
    """Reads one row's fields, recording each problem under the row's label."""

    def __init__(self, baris, label: str, galat: Galat, jenis: str):
        self.label, self.galat = label, galat
        self.wajib, pilihan = KOLOM[jenis]
        if not isinstance(baris, dict):
            galat.tambah(label, None, "Setiap baris harus berupa objek JSON.")
            baris = {}
        self.baris = baris
        for k in sorted(set(baris) - self.wajib - pilihan):
            galat.tambah(label, k, "Kolom tidak dikenal.")

    def salah(self, kolom: str, pesan) -> None:
        self.galat.tambah(self.label, kolom, pesan)

    def teks(self, kolom: str, maks: int = 200) -> str | None:
        """The stripped text, or None when absent (an error if the field is required)."""
        v = self.baris.get(kolom)
        if v is None or (isinstance(v, str) and not v.strip()):
            if kolom in self.wajib:
                self.salah(kolom, "Wajib diisi.")
            return None
        if not isinstance(v, str):
            self.salah(kolom, "Harus berupa teks.")
            return None
        v = v.strip()
        if len(v) > maks:
            self.salah(kolom, f"Paling banyak {maks} karakter (diterima {len(v)}).")
            return None
        return v

    def kode(self, kolom: str) -> str | None:
        v = self.teks(kolom, 64)
        try:
            if v is not None:
                validate_slug(v)
        except ValidationError:
            self.salah(kolom, f"Kode {v!r} hanya boleh berisi huruf, angka, tanda hubung dan garis bawah.")
        return v

    def pilihan(self, kolom: str, choices, boleh=None) -> str | None:
        v = self.teks(kolom, 32)
        sah = [str(x) for x in (boleh or choices.values)]
        if v is not None and v not in sah:
            self.salah(kolom, f"Nilai {v!r} tidak dikenal; pilihan: {', '.join(sah)}.")
            return None
        return v

    def benar_salah(self, kolom: str, bawaan: bool) -> bool:
        v = self.baris.get(kolom)
        if v is None:
            return bawaan
        if not isinstance(v, bool):
            self.salah(kolom, "Harus true atau false.")
            return bawaan
        return v

    def tanggal(self, kolom: str) -> dt.date | None:
        v = self.teks(kolom, 10)
        if v is None:
            return None
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            self.salah(kolom, f"Tanggal {v!r} tidak sah; gunakan format YYYY-MM-DD.")
            return None
