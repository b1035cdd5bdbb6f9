"""Rendered views of the structure that everyone sees alike, cached until the structure changes.

One version number in the shared cache covers the whole structure: any save or delete of a unit,
head, Plt/Plh, delegation, staff record, placement, position, instansi or collective transfer decree
moves it on (signals, the one thing they are for here); bulk writes, which send none, call
`naikkan_versi` themselves. The number moves at the write and again when its transaction commits,
so an answer built from rows read before the commit is never kept under the number that follows it.

An entry is keyed by that number, the date and the reader's scope (`cakupan_jalur`, computed afresh
on each request from the grants); the TTL only frees memory. What is cached: the rendered tree and
its htmx branches, and the `unit` and `pohon` JSON. Nothing personal, no page, no authentication.

The cache must be shared by every process that writes or reads (Redis: REDIS_CACHE_URL), which
`STRUKTUR_CACHE` says: on by default for the single-process development server, in production only
with Redis. Without it every answer is built afresh.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal

from .permissions import cakupan_jalur
from .selectors import hari_ini

KUNCI_VERSI = "organisasi:struktur:versi"
UMUR = 60 * 60

# Sent once after each transaction that changed the structure commits (and at once outside one), for
# other apps whose derived state follows the structure (they connect to it in their AppConfig).
struktur_berubah = Signal()


def versi() -> int:
    nilai = cache.get(KUNCI_VERSI)
    if nilai is None:  # a fresh or flushed cache: start above any number an older entry can carry
        cache.add(KUNCI_VERSI, time.time_ns(), None)
        nilai = cache.get(KUNCI_VERSI)
    return nilai


def _naikkan() -> None:
    try:
        cache.incr(KUNCI_VERSI)
    except ValueError:  # missing
        cache.add(KUNCI_VERSI, time.time_ns(), None)


def _setelah_commit() -> None:
    try:
        if settings.STRUKTUR_CACHE:
            _naikkan()
    finally:
        struktur_berubah.send(sender=None)


def naikkan_versi(**kwargs) -> None:
    """The structure changed: move the number now (with the cache in use), and once more when the
    transaction commits, then tell the listeners of `struktur_berubah`: once per transaction however
    many rows it wrote, and `robust`, so a cache that fails after the commit cannot turn a committed
    write into an error."""
    if settings.STRUKTUR_CACHE:
        _naikkan()
    if not any(f is _setelah_commit for _, f, _ in connection.run_on_commit):
        transaction.on_commit(_setelah_commit, robust=True)


def ambil_atau_hitung(user, bagian: tuple, hitung: Callable[[], object]):
    """What `hitung()` gives `user` for `bagian` (anything with a stable repr), from the shared cache
    when it was built before at this version, on this date, for a reader of the same scope."""
    if not settings.STRUKTUR_CACHE:
        return hitung()
    kunci_isi = (bagian, hari_ini(), cakupan_jalur(user, "view"))
    sidik = hashlib.sha256(repr(kunci_isi).encode()).hexdigest()[:32]
    kunci = f"organisasi:struktur:{versi()}:{sidik}"
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = hitung()
        cache.set(kunci, nilai, UMUR)
    return nilai


def sambungkan_sinyal() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Instansi, Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit

    for model in (Instansi, Unit, Jabatan, Pegawai, Penempatan, PejabatUnit, MutasiKolektif):
        post_save.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-simpan-{model.__name__}")
        post_delete.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-hapus-{model.__name__}")
