"""Rendered views of the structure, cached until the structure changes.

One version number (in the shared cache) covers the whole structure: any save or delete of a unit,
head, Plt/Plh, delegation, staff record, placement, position or instansi moves it on (signals, the
one thing they are for here), and `pola_hitung_ulang`, which writes in bulk, moves it itself. An
entry is keyed by that version and by what else decides its content (date, the reader's scope), so
it is never stale; the TTL only frees memory. In production the cache is Redis (REDIS_CACHE_URL),
shared by every worker; the in-process default suits the single-process development server.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache

KUNCI_VERSI = "organisasi:struktur:versi"
UMUR = 60 * 60


def versi() -> int:
    return cache.get_or_set(KUNCI_VERSI, 1, None)


def naikkan_versi(**kwargs) -> None:
    try:
        cache.incr(KUNCI_VERSI)
    except ValueError:
        cache.set(KUNCI_VERSI, 2, None)


def ambil_atau_hitung(bagian: tuple, hitung: Callable[[], str]) -> str:
    """The cached value for `bagian` (anything with a stable repr) at the current version, else `hitung()`."""
    sidik = hashlib.sha256(repr(bagian).encode()).hexdigest()[:32]
    kunci = f"organisasi:struktur:{versi()}:{sidik}"
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = hitung()
        cache.set(kunci, nilai, UMUR)
    return nilai


def sambungkan_sinyal() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Instansi, Jabatan, Pegawai, PejabatUnit, Penempatan, Unit

    for model in (Instansi, Unit, Jabatan, Pegawai, Penempatan, PejabatUnit):
        post_save.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-simpan-{model.__name__}")
        post_delete.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-hapus-{model.__name__}")
