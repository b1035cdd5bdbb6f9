"""Penugasan's identifiers, on top of sistemkerja.masukan: NIPs and unit codes are checked for shape before
any lookup, and NIPs are looked up only within what the caller may reach. A malformed identifier, an
unknown one and one out of reach all get the same "not found" message, so nothing can be learned from it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from organisasi.models import Pegawai, Unit
from sistemkerja import masukan
from sistemkerja.masukan import PANJANG, bentuk_kode, bentuk_nip, periksa_teks

PESAN_NIP = "Pegawai dengan NIP {nip} tidak ditemukan atau tidak aktif."
PESAN_KODE = "Unit dengan kode {kode} tidak ditemukan."


def tampil(nilai, maks: int = 40) -> str:
    """An identifier as it was sent, safe to echo in a message: without control characters, cut short."""
    return masukan.tampil(nilai, maks, buang_kendali=True)


def cari_pegawai(daftar_nip: list, terjangkau) -> list[Pegawai]:
    """The active people of `terjangkau` with these NIPs (spaces allowed), in the order given. Every NIP
    that is malformed, unknown, inactive or outside `terjangkau` is named in one ValidationError, alike."""
    bentuk = [(n, bentuk_nip(n)) for n in daftar_nip]
    sah = [b for _, b in bentuk if b is not None]
    ada = (
        {p.nip: p for p in terjangkau.filter(nip__in=sah, aktif=True).select_related("jabatan", "unit")} if sah else {}
    )
    if hilang := [b or n for n, b in bentuk if b not in ada]:
        raise ValidationError([PESAN_NIP.format(nip=tampil(n)) for n in hilang], code="tidak_ada")
    return [ada[b] for _, b in bentuk]


def cari_unit(kode) -> Unit:
    """An active unit by its code (units are public: anyone may name one); ValidationError otherwise."""
    sah = bentuk_kode(kode)
    unit = Unit.objects.filter(kode=sah, aktif=True).select_related("instansi").first() if sah else None
    if unit is None:
        raise ValidationError(PESAN_KODE.format(kode=tampil(kode, 64)), code="tidak_ada")
    return unit


def teks_isian(galat: dict, kolom: str, nilai, *, jenis: str = "sedang", wajib: bool = True, baris: bool = True) -> str:
    """`periksa_teks` for the services: the text cleaned, or "" with the refusal put in `galat[kolom]`."""
    try:
        return periksa_teks(nilai if isinstance(nilai, str) else "", maks=PANJANG[jenis], baris=baris, wajib=wajib)
    except ValidationError as e:
        galat[kolom] = e.messages
        return ""
