"""Shared by layanan's services: the actor's checks, the history row, input checks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from kinerja.services._dasar import beri_tahu, catat, gagal_bila, kunci  # noqa: F401  (shared plumbing)
from organisasi.models import Pegawai, Unit
from organisasi.permissions import pegawai_dari_user
from sistemkerja.errors import BukanWewenang
from sistemkerja.masukan import PERIODE_MIN, bilangan_bulat, periksa_teks

from .. import selectors as sel
from ..models import RiwayatLayanan

KOMPONEN_MAKS = 10_000  # characters of one component (a long list of legal bases fits)


def pelaku_pegawai(pelaku) -> Pegawai | None:
    """The actor's staff record (None for an admin account without one: the Bagian Organisasi's admins may
    act through the admin without being staff)."""
    diri = pegawai_dari_user(pelaku)
    return diri if diri is not None and diri.aktif else None


def harus_penetap(pelaku, unit: Unit, pesan: str) -> tuple[Pegawai | None, str]:
    """(actor's staff record, role) for someone who may register and publish standards of `unit`."""
    if not getattr(pelaku, "is_authenticated", False) or not sel.boleh_tetapkan(pelaku, unit):
        raise BukanWewenang(pesan)
    return pelaku_pegawai(pelaku), _peran(pelaku)


def harus_pengelola(pelaku, unit: Unit | None, pesan: str) -> tuple[Pegawai | None, str]:
    """(actor's staff record, role) for someone who runs the counter of `unit`'s services; a complaint
    with no unit yet is the Bagian Organisasi's."""
    if not getattr(pelaku, "is_authenticated", False):
        raise BukanWewenang(pesan)
    if unit is None:
        if not sel.adalah_bagian_organisasi(pelaku):
            raise BukanWewenang(pesan)
    elif not sel.boleh_kelola(pelaku, unit):
        raise BukanWewenang(pesan)
    return pelaku_pegawai(pelaku), _peran(pelaku, unit)


def _peran(pelaku, unit: Unit | None = None) -> str:
    if sel.adalah_bagian_organisasi(pelaku):
        return "bagian_organisasi"
    if unit is None or sel.boleh_tetapkan(pelaku, unit):
        return "penetap"
    return "pengelola"


def catat_layanan(aksi: str, **kw) -> RiwayatLayanan:
    return catat(aksi, model=RiwayatLayanan, **kw)


def teks(galat: dict, kolom: str, nilai, *, maks: int, wajib: bool = True) -> str:
    if nilai is None:
        nilai = ""
    if not isinstance(nilai, str):
        galat[kolom] = ["Harus berupa teks."]
        return ""
    try:
        return periksa_teks(nilai, maks=maks, wajib=wajib)
    except ValidationError as e:
        galat[kolom] = e.messages
        return ""


def tanggal(galat: dict, kolom: str, nilai, *, wajib: bool = True, akhir: dt.date | None = None) -> dt.date | None:
    """A date (or its ISO text) from 2000 to `akhir` (today by default: a questionnaire is never filled in the
    future), or None with the refusal on `kolom`; an empty value is refused only when `wajib`."""
    if nilai in (None, "") and not wajib:
        return None
    akhir = akhir or timezone.localdate()
    if isinstance(nilai, dt.datetime):
        nilai = nilai.date()
    if isinstance(nilai, str):
        try:
            nilai = dt.date.fromisoformat(nilai) if nilai.isascii() and len(nilai) == 10 else None
        except ValueError:
            nilai = None
    if not isinstance(nilai, dt.date):
        galat[kolom] = [
            "Wajib diisi dengan tanggal, mis. 2027-03-15." if wajib else "Isi tanggal yang sah, mis. 2027-03-15."
        ]
        return None
    if not PERIODE_MIN <= nilai <= akhir:
        batas = "hari ini" if akhir == timezone.localdate() else f"{akhir:%d-%m-%Y}"
        galat[kolom] = [f"Tanggal harus antara 1 Januari 2000 dan {batas}."]
        return None
    return nilai


def bulat(galat: dict, kolom: str, nilai, *, minimum: int, maksimum: int, pesan: str) -> int | None:
    """`bilangan_bulat` for the services: a whole number in range from JSON (4 or 4.0) or a form (" 4 "),
    or None with `pesan` on `kolom`."""
    if isinstance(nilai, str):
        nilai = nilai.strip()
        if len(nilai) > 6:
            galat[kolom] = [pesan]
            return None
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    try:
        return bilangan_bulat(nilai, minimum=minimum, maksimum=maksimum)
    except ValidationError:
        galat[kolom] = [pesan]
        return None
