"""Version numbers that say when a cached answer went stale, and this process's own copy of answers.

Four numbers live in the shared cache (Redis in production), each moved on by the writes it covers:

- `STRUKTUR`: units, heads, Plt/Plh, delegations, staff, placements, collective transfer decrees,
  positions, instansi (`cache.py`);
- `IZIN`: groups, model permissions, guardian grants on units (`permissions.py`);
- `AKUN`: accounts and API tokens: an account saved or deleted, a token made, changed or revoked
  (`api/auth.py`);
- `PENUGASAN`: requests, teams, letters, copies and who may act on them (`penugasan/signals.py`), for
  the pages that show a person's inbox counts (`halaman`).

A request reads the four the first time it needs one, and keeps them until it ends (`request_started` /
`request_finished`); a write in the same request moves the number and forgets the request's copy.
With Redis the read is no round trip unless a number moved: Redis pushes an invalidation to the
reading connection the moment one does (client-side caching, `sistemkerja.cache_redis`), so another
process sees a move within microseconds of it; the writing thread forgets its copy at once. Outside a
request (Celery, shell) every read asks the cache the same way.

An entry keyed by a version is valid for as long as the number has not moved, so a process may keep it
in its own memory (`lokal_*`: an LRU bounded in bytes) and answer without any round trip for the entry.
That holds only when every process reads and writes the same numbers: `settings.STRUKTUR_CACHE` says so
(Redis in production, the one process of the development server).

A number never moves back: a missing one (a fresh Redis, an eviction) starts at the clock in
nanoseconds, above any number an older entry can carry.
"""
from __future__ import annotations

import threading
import time

from cachetools import TTLCache
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, transaction

STRUKTUR = "organisasi:struktur:versi"
IZIN = "organisasi:izin:versi"
AKUN = "organisasi:akun:versi"
PENUGASAN = "penugasan:versi"
SEMUA = (STRUKTUR, IZIN, AKUN, PENUGASAN)

_utas = threading.local()


def _mulai(**kwargs) -> None:
    _utas.dalam_permintaan, _utas.nilai = True, None


def _selesai(**kwargs) -> None:
    _utas.dalam_permintaan, _utas.nilai = False, None


request_started.connect(_mulai, dispatch_uid="organisasi-versi-mulai")
request_finished.connect(_selesai, dispatch_uid="organisasi-versi-selesai")


def _baca() -> dict[str, int]:
    nilai = getattr(_utas, "nilai", None)
    if nilai is not None:
        return nilai
    # Redis in production: one MGET without redis-py's command machinery (sistemkerja.cache_redis).
    nilai = cache.ambil_bilangan(SEMUA) if hasattr(cache, "ambil_bilangan") else cache.get_many(SEMUA)
    for kunci in SEMUA:
        if kunci not in nilai:
            cache.add(kunci, time.time_ns(), None)
            nilai[kunci] = cache.get(kunci)
            _lupakan_salinan_redis()
    if getattr(_utas, "dalam_permintaan", False):
        _utas.nilai = nilai
    return nilai


def versi(kunci: str) -> int:
    return _baca()[kunci]


def nilai(kunci: tuple[str, ...]) -> tuple[int, ...]:
    """The numbers of `kunci`, in that order: what an answer showing all of those is keyed by."""
    semua = _baca()
    return tuple(semua[k] for k in kunci)


def naikkan(kunci: str) -> None:
    try:
        cache.incr(kunci)
    except ValueError:  # missing: a number above any used before
        cache.add(kunci, time.time_ns(), None)
    _utas.nilai = None
    _lupakan_salinan_redis()


def _lupakan_salinan_redis() -> None:
    """This thread wrote a number: the copy Redis's client keeps for it is read afresh next time."""
    if hasattr(cache, "lupakan_bilangan"):
        cache.lupakan_bilangan()


def naikkan_dan_saat_commit(kunci: str) -> None:
    """Move the number now and again when the writing transaction commits: a reader in another process
    between the two reads the rows as they were before the commit, and what it keeps goes stale at the
    second move (at once outside a transaction: `on_commit` runs it immediately)."""
    naikkan(kunci)
    transaction.on_commit(lambda: naikkan(kunci))


# --- this process's copy ----------------------------------------------------------------------------

_kunci_lokal = threading.Lock()
_lokal: LRUCache | None = None


def _tempat() -> LRUCache:
    global _lokal
    if _lokal is None:
        # least recently used out first; and nothing older than CACHE_LOKAL_DETIK, a backstop should the
        # shared numbers ever go back (a Redis that lost its last writes)
        _lokal = TTLCache(maxsize=settings.CACHE_LOKAL_MB * 1024 * 1024, ttl=settings.CACHE_LOKAL_DETIK,
                          timer=lambda: time.monotonic(), getsizeof=lambda e: e[1])
    return _lokal


def lokal_ambil(kunci):
    """The value kept under `kunci` in this process, or None."""
    if not settings.STRUKTUR_CACHE:
        return None
    with _kunci_lokal:
        entri = _tempat().get(kunci)
    return None if entri is None else entri[0]


def lokal_simpan(kunci, nilai, ukuran: int) -> None:
    """Keep `nilai` (about `ukuran` bytes) in this process; the least recently used go first."""
    if not settings.STRUKTUR_CACHE:
        return
    with _kunci_lokal:
        tempat = _tempat()
        if ukuran <= tempat.maxsize:
            tempat[kunci] = (nilai, ukuran)


def lokal_atau_hitung(kunci, hitung, ukuran):
    """The value kept in this process under `kunci`, else `hitung()`, kept (`ukuran(nilai)` bytes) unless
    it is None."""
    nilai = lokal_ambil(kunci)
    if nilai is None:
        nilai = hitung()
        if nilai is not None:
            lokal_simpan(kunci, nilai, ukuran(nilai))
    return nilai


def salinan(obj) -> tuple[tuple[str, ...], tuple]:
    """A model instance's column values, to keep in place of the instance (see `dari_salinan`)."""
    nama = tuple(f.attname for f in obj._meta.concrete_fields)
    return nama, tuple(getattr(obj, n) for n in nama)


def dari_salinan(model, salinan_: tuple):
    """A new instance from `salinan`: what one request caches on it never reaches the next. Lists (JSON
    columns) are copied too."""
    nama, nilai = salinan_
    return model.from_db(DEFAULT_DB_ALIAS, nama, tuple(list(v) if isinstance(v, list) else v for v in nilai))


def lokal_kosongkan() -> None:
    global _lokal
    with _kunci_lokal:
        _lokal = None
