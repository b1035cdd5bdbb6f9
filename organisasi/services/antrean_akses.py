"""The personal-data access log written in batches, off the request (`settings.AKSES_LOG_ANTRE`).

A read appends its row to this process's queue; a thread of the process writes whatever is queued in
one transaction every `AKSES_LOG_ANTRE_DETIK` (or at once past `BATAS_SEKALI` rows), and once more as
the process exits. The request waits for no database round trip: under load, on a shared machine, that
round trip was the largest part of a staff read.

What the log still promises:
- every read that answered 200 queues its row before the answer leaves;
- a batch is one transaction: written whole or not at all, and retried until written (at least once;
  twice only should a COMMIT succeed and its reply be lost);
- when a batch cannot be written (PostgreSQL down or hanging, the disk full, the writer gone), reads
  are refused (503) until one is: the answers may come from caches, but none leaves while the log is
  more than `BATAS_TUNDA_DETIK` behind;
- writes (POST) log their row directly, before the answer, as before (`akses.py`);
- what is lost if a process is killed outright (SIGKILL, out of memory) is at most its last interval's
  rows, as with PostgreSQL's own `synchronous_commit` off (AKSES_LOG_TUNGGU_DISK=true waits for both).
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import deque

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction

BATAS_SEKALI = 1000  # rows that wake the writer before its interval ends
BATAS_TUNDA_DETIK = 2.0  # a row queued longer than this: reads are refused until it is written
logger = logging.getLogger(__name__)


class AntreanAkses:
    def __init__(self):
        self._baris: deque = deque()
        self._bangun = threading.Event()
        self._kunci_kirim = threading.Lock()
        self._kunci_mulai = threading.Lock()
        self._pid: int | None = None
        self._penulis: threading.Thread | None = None
        self._sejak: float | None = None  # when the oldest row still queued was queued
        self.galat: BaseException | None = None  # the last batch's failure, until one is written

    def tambah(self, nilai: list) -> None:
        """Queue one row (values in `_KOLOM_CATAT` order), or refuse while rows cannot be written: the
        last batch failed, the oldest row has waited past `BATAS_TUNDA_DETIK` (a database that hangs), or
        the writer is gone."""
        if self._pid != os.getpid():  # first use in this process (gunicorn forks after import)
            self._mulai()
        tertunda = self._sejak is not None and time.monotonic() - self._sejak > BATAS_TUNDA_DETIK
        if self.galat is not None or tertunda or not self._penulis.is_alive():
            sebab = self.galat or ("tertunda" if tertunda else "penulis berhenti")
            raise OperationalError(f"log akses data pribadi tidak dapat ditulis: {sebab}")
        if self._sejak is None:
            self._sejak = time.monotonic()
        self._baris.append(nilai)
        if len(self._baris) >= BATAS_SEKALI:
            self._bangun.set()

    def _mulai(self) -> None:
        with self._kunci_mulai:
            if self._pid == os.getpid():
                return
            self._baris, self._bangun, self._kunci_kirim = deque(), threading.Event(), threading.Lock()
            self._sejak, self.galat = None, None
            self._penulis = threading.Thread(target=self._jalan, name="log-akses", daemon=True)
            self._penulis.start()
            self._pid = os.getpid()
            atexit.register(self._akhir)

    def _jalan(self) -> None:
        while True:
            self._bangun.wait(settings.AKSES_LOG_ANTRE_DETIK)
            self._bangun.clear()
            try:
                self.kirim()
            except Exception:  # kept in `galat`; the rows stay queued for the next round
                logger.exception("log akses data pribadi: batch tidak tertulis, diulang")

    def _akhir(self) -> None:
        """The process exits: write what is queued, or say what could not be (a forked child that never
        logged holds only its parent's rows, which the parent writes)."""
        if self._pid != os.getpid():
            return
        try:
            self.kirim()
        except Exception:
            logger.exception("log akses data pribadi: baris tidak tertulis saat proses berhenti: %r",
                             list(self._baris))

    def kirim(self) -> int:
        """Write everything queued in one transaction; the rows return to the queue if it fails. Once
        more on a fresh connection first: one the server closed while idle fails only its first use."""
        from .akses import _sql_catat

        with self._kunci_kirim:
            baris = []
            while self._baris:
                baris.append(self._baris.popleft())
            if not baris:
                return 0
            try:
                for coba in (1, 2):
                    try:
                        with transaction.atomic():
                            with connection.cursor() as kursor:
                                if connection.vendor == "postgresql" and not settings.AKSES_LOG_TUNGGU_DISK:
                                    kursor.execute("SET LOCAL synchronous_commit TO off")
                                kursor.executemany(_sql_catat(connection.vendor, False), baris)
                        break
                    except (OperationalError, InterfaceError):
                        connection.close()
                        if coba == 2:
                            raise
            except BaseException as e:
                self._baris.extendleft(reversed(baris))
                self.galat = e
                connection.close()  # opened afresh next round
                raise
            self.galat = None
            self._sejak = time.monotonic() if self._baris else None
            return len(baris)


antrean = AntreanAkses()
