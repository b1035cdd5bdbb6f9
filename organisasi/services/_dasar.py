"""Shared by every service: the history note, validation before save, the actor's right."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q

from sistemkerja.errors import BukanWewenang

from ..models import Unit
from ..permissions import cakupan_jalur


def akun_pelaku(pelaku):
    """The actor as an account to record, or None for the system (jobs, commands, imports)."""
    return pelaku if getattr(pelaku, "is_authenticated", False) else None


def _catat(obj, pelaku, alasan: str) -> None:
    """Name the actor and the transition on the history row the next save writes."""
    obj._history_user = akun_pelaku(pelaku)
    obj._change_reason = alasan


def _simpan(obj, pelaku, alasan: str, **kwargs) -> None:
    _catat(obj, pelaku, alasan)
    # Related objects come in as instances the service already checked; re-querying each FK is waste.
    relasi = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    obj.full_clean(exclude=relasi, validate_unique=False, validate_constraints=False)
    obj.save(**kwargs)


def pastikan_wewenang(pelaku, unit: Unit) -> None:
    """The actor must manage the unit's subtree (Admin Organisasi or a unit admin of an ancestor)."""
    if pelaku is None:  # system jobs and management commands act as the system
        return
    jalur = cakupan_jalur(pelaku, "change")
    if jalur is not None and not any(unit.path.startswith(j) for j in jalur):
        raise BukanWewenang(f"Anda tidak berwenang mengelola {unit.nama}.")


def _rentang_bertumpang(qs, mulai: dt.date, selesai: dt.date | None):
    qs = qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
    return qs if selesai is None else qs.filter(mulai__lte=selesai)


def hanya_kolom(perubahan: dict, boleh: set[str]) -> None:
    """A change may touch only the fields its transition owns."""
    if asing := set(perubahan) - boleh:
        raise ValidationError({f: "Kolom ini tidak dapat diubah di sini." for f in asing})


def terapkan_perubahan(obj, perubahan: dict, *, pelaku, transisi: str) -> set[str]:
    """Set the fields that really change and save once with a history note naming them."""
    berubah = {k: v for k, v in perubahan.items() if getattr(obj, k) != v}
    if berubah:
        for k, v in berubah.items():
            setattr(obj, k, v)
        _simpan(obj, pelaku, f"{transisi}: " + ", ".join(sorted(berubah)))
    return set(berubah)
