"""The personal-data access log written in batches, off the request (`settings.AKSES_LOG_ANTRE`).

A read appends its row to this process's queue; a thread of the process writes whatever is queued in
one transaction every `AKSES_LOG_ANTRE_DETIK` (or at once past `BATAS_SEKALI` rows), and once more as
the process exits. The request waits for no database round trip: under load, on a shared machine, that
round trip was the largest part of a staff read.

What the log still promises:
- every read that answered 200 queues its row before the answer leaves;
- a batch is one transaction: written whole or not at all, and retried until written (never twice);
- when a batch cannot be written (PostgreSQL down, the disk full), reads are refused (503) until one is:
  the answers may come from caches, but none leaves unlogged for longer than one interval;
- what is lost if a process is killed outright (SIGKILL, out of memory) is at most its last interval's
  rows, as with PostgreSQL's own `synchronous_commit` off (AKSES_LOG_TUNGGU_DISK=true waits for both).
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import deque

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction

BATAS_SEKALI = 1000  # rows that wake the writer before its interval ends
logger = logging.getLogger(__name__)


class AntreanAkses:
    def __init__(self):
        self._baris: deque = deque()
        self._bangun = threading.Event()
        self._kunci_kirim = threading.Lock()
        self._pid: int | None = None
        self.galat: BaseException | None = None  # the last batch's failure, until one is written

    def tambah(self, nilai: list) -> None:
        """Queue one row (values in `_KOLOM_CATAT` order), or refuse while batches cannot be written."""
        if self._pid != os.getpid():  # first use in this process (gunicorn forks after import)
            self._mulai()
        if self.galat is not None:
            raise OperationalError(f"log akses data pribadi tidak dapat ditulis: {self.galat}")
        self._baris.append(nilai)
        if len(self._baris) >= BATAS_SEKALI:
            self._bangun.set()

    def _mulai(self) -> None:
        self._baris, self._bangun, self._kunci_kirim = deque(), threading.Event(), threading.Lock()
        self._pid, self.galat = os.getpid(), None
        threading.Thread(target=self._jalan, name="log-akses", daemon=True).start()
        atexit.register(self._akhir)

    def _jalan(self) -> None:
        while True:
            self._bangun.wait(settings.AKSES_LOG_ANTRE_DETIK)
            self._bangun.clear()
            try:
                self.kirim()
            except DatabaseError:
                pass  # kept in `galat`; the rows stay queued for the next round

    def _akhir(self) -> None:
        """The process exits: write what is queued, or say what could not be."""
        try:
            self.kirim()
        except DatabaseError as e:
            logger.error("log akses data pribadi: %d baris tidak tertulis saat proses berhenti: %s",
                         len(self._baris), e)

    def kirim(self) -> int:
        """Write everything queued in one transaction; the rows return to the queue if it fails."""
        from .akses import _sql_catat

        with self._kunci_kirim:
            baris = []
            while self._baris:
                baris.append(self._baris.popleft())
            if not baris:
                return 0
            try:
                with transaction.atomic():
                    with connection.cursor() as kursor:
                        if connection.vendor == "postgresql" and not settings.AKSES_LOG_TUNGGU_DISK:
                            kursor.execute("SET LOCAL synchronous_commit TO off")
                        kursor.executemany(_sql_catat(connection.vendor, False), baris)
            except DatabaseError as e:
                self._baris.extendleft(reversed(baris))
                self.galat = e
                connection.close()  # a broken connection is opened afresh next round
                raise
            self.galat = None
            return len(baris)


antrean = AntreanAkses()
