"""Rendered views of the structure, cached until the structure changes.

One version number (in the shared cache) covers the whole structure: any save or delete of a unit,
head, Plt/Plh, delegation, staff record, placement, position or instansi moves it on (signals, the
one thing they are for here), and `pola_hitung_ulang`, which writes in bulk, moves it itself. The
number moves at the write and again when its transaction commits, so an answer built from rows read
before the commit is never kept under the version that follows it. An entry is keyed by that version
and by what else decides its content (date, the reader's scope); the TTL only frees memory.

The cache must be shared by every process that writes or reads (Redis: REDIS_CACHE_URL), which
`STRUKTUR_CACHE` says: on by default for the single-process development server, in production only
with Redis. Without it every answer is built afresh.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal

from . import versi as versi_mod
from .permissions import cakupan_jalur, pegawai_dari_user
from .selectors import hari_ini

KUNCI_VERSI = versi_mod.STRUKTUR
UMUR = 60 * 60


def versi() -> int:
    return versi_mod.versi(KUNCI_VERSI)


# Sent once after each transaction that changed the structure commits (and at once outside one), for
# other apps whose derived state follows the structure (penugasan: who acts on waiting steps).
struktur_berubah = Signal()


def _kabarkan() -> None:
    struktur_berubah.send(sender=None)


def naikkan_versi(**kwargs) -> None:
    versi_mod.naikkan_dan_saat_commit(KUNCI_VERSI)
    # once per transaction, however many rows it wrote (a rollback drops the callback with the rest)
    if not any(f is _kabarkan for _, f, _ in connection.run_on_commit):
        transaction.on_commit(_kabarkan, robust=True)


def _ukuran_bawaan(nilai) -> int | None:
    return len(nilai) if isinstance(nilai, str | bytes) else None


def ambil_atau_hitung(user, bagian: tuple, hitung: Callable[[], object], *, per_orang: bool = False,
                      ukuran: Callable[[object], int | None] = _ukuran_bawaan):
    """What `hitung()` gives `user` for `bagian` (anything with a stable repr), from a cache when it was
    built before at this version, on this date, for a reader of the same scope (`per_orang`: and, for a
    reader whose scope is limited, the same person, for answers that include the reader themselves).

    This process's memory first (values `ukuran` can size: rendered text), then the shared cache."""
    if not settings.STRUKTUR_CACHE:
        return hitung()
    jalur = cakupan_jalur(user, "view")
    kunci_isi = (bagian, hari_ini(), jalur)
    if per_orang and jalur is not None:
        diri = pegawai_dari_user(user)
        kunci_isi += (diri.pk if diri is not None else None,)
    sidik = hashlib.sha256(repr(kunci_isi).encode()).hexdigest()[:32]
    kunci = f"organisasi:struktur:{versi()}:{sidik}"
    nilai = versi_mod.lokal_ambil(kunci)
    if nilai is not None:
        return nilai
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = hitung()
        cache.set(kunci, nilai, UMUR)
    besar = ukuran(nilai)
    if besar is not None:
        versi_mod.lokal_simpan(kunci, nilai, besar)
    return nilai


def sambungkan_sinyal() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Instansi, Jabatan, MutasiKolektif, Pegawai, PejabatUnit, Penempatan, Unit

    for model in (Instansi, Unit, Jabatan, Pegawai, Penempatan, PejabatUnit, MutasiKolektif):
        post_save.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-simpan-{model.__name__}")
        post_delete.connect(naikkan_versi, sender=model, dispatch_uid=f"struktur-hapus-{model.__name__}")

