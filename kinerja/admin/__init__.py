"""Kinerja in the Bagian Organisasi's admin: everything readable, with history; the transitions own every
state (PK, targets, plans, results, reports), so those records are read-only here. Only the settings per
instansi (`PengaturanKinerja`) are kept in the admin. Nothing is deleted."""

from . import evaluasi, pelaksanaan, perencanaan

__all__ = ["evaluasi", "pelaksanaan", "perencanaan"]
