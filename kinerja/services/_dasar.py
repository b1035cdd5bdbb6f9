"""Shared by kinerja's services: the actor, locking, the history row, input checks, notices."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction

from organisasi.models import Pegawai
from organisasi.permissions import diri_pelaku  # noqa: F401  (the services take it from here)
from organisasi.selectors import Pejabat
from organisasi.services import akun_pelaku
from sistemkerja.errors import BukanWewenang
from sistemkerja.masukan import teks_isian

from ..models import Riwayat

ANGKA_MAKS = Decimal("99999999999999.99")
RUPIAH_MAKS = 10**15  # a thousand trillion rupiah: more than any kabupaten's budget


def kunci(model, pk):
    """The row, locked for the transaction (`select_for_update` where the database has it)."""
    qs = model.objects.all()
    if connection.features.has_select_for_update:
        qs = (
            qs.select_for_update(of=("self",))
            if connection.features.has_select_for_update_of
            else qs.select_for_update()
        )
    return qs.get(pk=pk)


def harus(pj: Pejabat | None, diri: Pegawai, pesan: str) -> Pejabat:
    if pj is None or pj.pegawai.pk != diri.pk:
        raise BukanWewenang(pesan)
    return pj


def catat(
    aksi: str,
    *,
    oleh: Pegawai | None,
    pelaku=None,
    sebagai: str = "",
    status_dari: str = "",
    status_ke: str = "",
    catatan: str = "",
    model=Riwayat,
    **objek,
):
    """A history row: `Riwayat` by default, or another model of the same columns (`RiwayatSkp`)."""
    return model.objects.create(
        aksi=aksi,
        oleh=oleh,
        akun=akun_pelaku(pelaku),
        sebagai=sebagai,
        status_dari=status_dari,
        status_ke=status_ke,
        catatan=catatan,
        **objek,
    )


def opsional(galat: dict, kolom: str, nilai, baca, pesan: str):
    """`baca(nilai)` for a value given, None for one left empty or refused (then `pesan` on `kolom`)."""
    if nilai in (None, ""):
        return None
    try:
        return baca(nilai)
    except (ValueError, ValidationError):
        galat[kolom] = [pesan]
        return None


def angka(galat: dict, kolom: str, nilai) -> Decimal:
    """A non-negative number with at most two decimals (a target or an achievement)."""
    if isinstance(nilai, bool) or nilai is None or nilai == "":
        galat[kolom] = ["Wajib diisi dengan angka."]
        return Decimal(0)
    if isinstance(nilai, str) and not nilai.isascii():
        galat[kolom] = ["Harus angka, mis. 12 atau 12.5."]
        return Decimal(0)
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        galat[kolom] = ["Harus angka, mis. 12 atau 12.5."]
        return Decimal(0)
    if not d.is_finite() or d < 0 or d > ANGKA_MAKS:
        galat[kolom] = [f"Harus angka 0 sampai {ANGKA_MAKS:,.0f}.".replace(",", ".")]
        return Decimal(0)
    if d != d.quantize(Decimal("0.01")):
        galat[kolom] = ["Paling banyak dua angka di belakang koma."]
        return Decimal(0)
    return d


def rupiah(galat: dict, kolom: str, nilai, *, positif: bool = False) -> int:
    """Whole rupiah (no cents, no separators in the number)."""
    if isinstance(nilai, bool) or not isinstance(nilai, int | str | Decimal | float):
        galat[kolom] = ["Wajib diisi dengan rupiah utuh, mis. 1500000."]
        return 0
    if isinstance(nilai, str):
        nilai = nilai.strip()
        if not (nilai.isascii() and nilai.isdigit() and len(nilai) <= 16):
            galat[kolom] = ["Rupiah utuh tanpa titik atau koma, mis. 1500000."]
            return 0
        nilai = int(nilai)
    if isinstance(nilai, float | Decimal):
        if nilai != int(nilai):
            galat[kolom] = ["Rupiah utuh, tanpa sen."]
            return 0
        nilai = int(nilai)
    if nilai < (1 if positif else 0) or nilai > RUPIAH_MAKS:
        galat[kolom] = [f"Harus {'1' if positif else '0'} sampai {RUPIAH_MAKS:,} rupiah.".replace(",", ".")]
        return 0
    return nilai


def daftar(galat: dict, kolom: str, nilai, *, maks: int, wajib: bool = True) -> list:
    if not isinstance(nilai, list):
        galat[kolom] = ["Harus berupa daftar."]
        return []
    if wajib and not nilai:
        galat[kolom] = ["Isi paling sedikit satu."]
    if len(nilai) > maks:
        galat[kolom] = [f"Paling banyak {maks} butir."]
        return []
    return nilai


def tautan_bukti(galat: dict, nilai, kolom: str = "bukti") -> str:
    """An optional evidence link: bounded text, an http(s) address."""
    url = teks_isian(galat, kolom, nilai or "", jenis="pendek", wajib=False)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            galat[kolom] = ["Tautan bukti harus alamat http(s) yang sah."]
    return url


def gagal_bila(galat: dict) -> None:
    if galat:
        raise ValidationError(galat)


def beri_tahu(penerima: list[Pegawai], subjek: str, pesan: str) -> None:
    """An email to each person with an address, sent by a task once the transaction commits."""
    from penugasan.tasks import kirim_surel

    alamat = sorted({p.email for p in penerima if p and p.email})
    if alamat:
        transaction.on_commit(lambda: kirim_surel.delay(alamat, subjek, pesan), robust=True)
