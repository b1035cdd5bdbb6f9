"""Kinerja in the Bagian Organisasi's admin: everything readable, with history; the transitions own every
state (PK, targets, plans, results, reports, SKPs, evaluations, objections, documents), so those records are
read-only here. Kept in the admin: the settings per instansi (`PengaturanKinerja`), what a predikat brings
(`KonsekuensiPredikat`) and angka kredit brought in (`SaldoAngkaKredit`); an organisation's predikat is set
through its service from the admin form. Nothing is deleted."""

from . import evaluasi, pelaksanaan, perencanaan, skp

__all__ = ["evaluasi", "pelaksanaan", "perencanaan", "skp"]
