"""Reading one row of a structure file: its fields, their types, and readable errors.

Each message names the record and the field, e.g.
`pegawai[3] NIP 199001012015032001: nip: Tanggal lahir pada NIP …` (indexes count from 0,
as in the JSON list). A value quoted in a label or message is shown with control and invisible characters
escaped and cut short (`tampil`), so a hostile file cannot garble or flood the report.

The input rules are `sistemkerja.masukan`'s: free text bounded by `masukan.PANJANG` or its column, whichever is
smaller (`PANJANG_KOLOM`), without control characters and not invisibly empty; a NIP is 18 ASCII digits and a
unit code a `bentuk_kode` before anything looks it up; dates are `YYYY-MM-DD` inside masukan's period window.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sistemkerja import masukan
from sistemkerja.errors import GalatDomain
from sistemkerja.masukan import tampil

from .. import nip as nip_mod
from ..choices import Tingkat

JENIS_HASIL = ("instansi", "unit", "jabatan", "pegawai", "plt", "delegasi")
# (required, optional) fields per kind of row
KOLOM = {
    "instansi": ({"kode", "nama"}, {"kode_wilayah", "tempat", "alamat", "bagian_organisasi"}),
    "unit": ({"kode", "nama", "jenis", "induk", "tingkat"}, {"mandiri", "aktif"}),
    "pegawai": (
        {"nip", "nama", "jabatan", "jenis_jabatan", "unit"},
        {"jenis_asn", "jenjang", "tingkat_jabatan", "memimpin", "golongan", "email", "mulai", "nomor_sk", "aktif"},
    ),
    "plt": ({"unit", "nip", "jenis", "mulai", "selesai"}, {"nomor_sk", "keterangan"}),
    "delegasi": ({"dari_unit", "kepada_nip", "mulai", "selesai"}, {"nomor_sk", "keterangan"}),
}
TINGKAT_STRUKTURAL = [Tingkat.JPT_PRATAMA, Tingkat.ADMINISTRATOR, Tingkat.PENGAWAS]

_PENDEK, _SEDANG = masukan.PANJANG["pendek"], masukan.PANJANG["sedang"]
# Longest text per field: masukan.PANJANG or the model's column, whichever is smaller. Fields not listed
# (names of people, units and positions: columns of 200) are `pendek`.
PANJANG_KOLOM = {
    "kode_wilayah": 16,  # Instansi.kode_wilayah
    "tempat": 100,  # Instansi.tempat
    "alamat": _SEDANG,  # Instansi.alamat: a TextField, printed in letter heads
    "golongan": 8,  # Pegawai.golongan
    "email": 254,  # Pegawai.email (EmailField); also checked by validate_email
    "nomor_sk": 120,  # Penempatan / PejabatUnit.nomor_sk
    "keterangan": 300,  # PejabatUnit.keterangan
}
BERBARIS = {"alamat"}  # fields that may span lines (line breaks and tabs allowed)
PANJANG_NIP_DIKETIK = 40  # a NIP as typed, with spaces between its groups
_NIP_ANGKA_MIN = 10**17  # a NIP given as a JSON number has 18 digits
_TANGGAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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


def mentah(baris, kolom: str, *, nip: bool = False) -> str:
    """A field as typed, for a record's label (before it is checked); a NIP without its spaces."""
    v = baris.get(kolom) if isinstance(baris, dict) else None
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        return ""
    if isinstance(v, int) and abs(v) >= 10**40:  # a number no field takes; str() of a huge one may fail
        return "…"
    teks = str(v)
    return tampil(nip_mod.bersihkan(teks) if nip else teks)


def bentuk_nip(nilai) -> str | None:
    """The 18 digits of a NIP given as text (spaces allowed between groups) or as a JSON number, else None."""
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        nilai = str(nilai) if _NIP_ANGKA_MIN <= nilai < 10 * _NIP_ANGKA_MIN else None
    return masukan.bentuk_nip(nilai)


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
            galat.tambah(label, tampil(k), "Kolom tidak dikenal.")

    def salah(self, kolom: str, pesan) -> None:
        self.galat.tambah(self.label, kolom, pesan)

    def teks(self, kolom: str, maks: int | None = None) -> str | None:
        """The stripped text, or None when absent or invisibly empty (an error if the field is required).

        Refused (None, with the error recorded): not a string, a control character, longer than `maks`
        (by default the field's `PANJANG_KOLOM`, else masukan's `pendek`)."""
        v = self.baris.get(kolom)
        if v is None or v == "":
            if kolom in self.wajib:
                self.salah(kolom, "Wajib diisi.")
            return None
        if not isinstance(v, str):
            self.salah(kolom, "Harus berupa teks.")
            return None
        maks = maks or PANJANG_KOLOM.get(kolom, _PENDEK)
        try:
            v = masukan.periksa_teks(v, maks=maks, baris=kolom in BERBARIS, wajib=kolom in self.wajib)
        except ValidationError as e:
            self.salah(kolom, e.messages)
            return None
        return v or None

    def kode(self, kolom: str) -> str | None:
        """The code a row introduces (instansi, unit): a `masukan.bentuk_kode`. A code of the wrong shape is
        reported and still returned (without control characters), so rows naming it are not reported twice."""
        v = self.teks(kolom, 64)
        if v is not None and masukan.bentuk_kode(v) is None:
            self.salah(kolom, f"Kode {v!r} hanya boleh berisi huruf, angka, tanda hubung dan garis bawah.")
        return v

    def rujukan(self, kolom: str) -> str | None:
        """A unit code a row refers to (induk, unit, memimpin, dari_unit), checked for shape before any lookup."""
        v = self.teks(kolom, 64)
        if v is not None and masukan.bentuk_kode(v) is None:
            self.salah(kolom, f"Kode unit {v!r} tidak sah: hanya huruf, angka, tanda hubung dan garis bawah.")
            return None
        return v

    def nip(self, kolom: str) -> str | None:
        """A NIP's 18 ASCII digits (text with spaces between groups, or a JSON number), checked for shape only;
        None when absent or refused."""
        v = self.baris.get(kolom)
        if v is None or v == "":
            if kolom in self.wajib:
                self.salah(kolom, "Wajib diisi.")
            return None
        if isinstance(v, bool) or not isinstance(v, (str, int)):
            self.salah(kolom, "Harus berupa teks 18 digit.")
            return None
        if isinstance(v, int) and bentuk_nip(v) is None:
            self.salah(kolom, "NIP harus 18 digit angka.")
            return None
        teks = str(v)
        try:
            masukan.periksa_teks(teks, maks=PANJANG_NIP_DIKETIK, baris=False)
        except ValidationError as e:
            self.salah(kolom, e.messages)
            return None
        nip = bentuk_nip(teks)
        if nip is None:
            pesan = ["NIP hanya boleh berisi angka 0–9 (spasi diperbolehkan di antara kelompok)."]
            if teks.isascii():  # printable ASCII: nip.urai says what is wrong (not digits, or how many)
                try:
                    nip_mod.urai(teks)
                except ValidationError as e:
                    pesan = e.messages
            self.salah(kolom, pesan)
        return nip

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
        """A `YYYY-MM-DD` date inside masukan's period window (placements and roles)."""
        v = self.teks(kolom, 10)
        if v is None:
            return None
        try:
            if not _TANGGAL.fullmatch(v):
                raise ValueError(v)
            tanggal = dt.date.fromisoformat(v)
        except ValueError:
            self.salah(kolom, f"Tanggal {v!r} tidak sah; gunakan format YYYY-MM-DD.")
            return None
        try:
            return masukan.periksa_tanggal(tanggal)
        except ValidationError as e:
            self.salah(kolom, e.messages)
            return None
