"""Penugasan: teams, the five assignment flows, their letters and the competencies people are picked by.

Writes go through `services`; `save()` stays plain. Decided records are never edited in place: a
request moves by transitions recorded in `RiwayatPenugasan`, and an issued letter is revoked, never
deleted.
"""

from .kompetensi import Kompetensi, KompetensiPegawai
from .penugasan import PegawaiPenugasan, Penugasan, RiwayatPenugasan, Tembusan
from .surat import NomorSurat, PejabatBerwenang, PenerimaSurat, PolaNomorSurat, Surat
from .tim import AnggotaTim, TimKerja

__all__ = [
    "AnggotaTim",
    "Kompetensi",
    "KompetensiPegawai",
    "NomorSurat",
    "PegawaiPenugasan",
    "PejabatBerwenang",
    "PenerimaSurat",
    "Penugasan",
    "PolaNomorSurat",
    "RiwayatPenugasan",
    "Surat",
    "Tembusan",
    "TimKerja",
]
