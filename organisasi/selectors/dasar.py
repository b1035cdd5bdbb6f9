"""What every read shares: who acts in a head's role, a person's kedudukan, the role holders on a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from ..choices import POLA_MENURUT_RANTAI, JenisPeran
from ..models import Pegawai, PejabatUnit, Penempatan, Unit


@dataclass(frozen=True)
class Pejabat:
    """A person acting in a unit head's role, and in which capacity (API.md `sebagai`)."""

    pegawai: Pegawai
    sebagai: str
    unit: Unit


@dataclass(frozen=True)
class Kedudukan:
    pegawai: Pegawai
    tanggal: dt.date
    unit: Unit | None
    jabatan: object | None
    unit_organisasi: Unit | None
    ppk: Pejabat | None
    pimpinan: Pejabat | None
    rantai: tuple[Pejabat, ...]
    pola: int | None


class PetaPejabat:
    """The role holders in force on one date, per unit id."""

    def __init__(self, baris: Iterable[PejabatUnit]):
        self._per_unit: dict[int, dict[str, PejabatUnit]] = defaultdict(dict)
        for b in sorted(baris, key=lambda b: b.mulai):  # the latest start wins a (prevented) overlap
            self._per_unit[b.unit_id][b.jenis] = b

    @classmethod
    def muat(cls, unit_ids: Iterable[int], tanggal: dt.date) -> PetaPejabat:
        # order_by(): the model's default ordering joins Unit only to sort rows we re-sort anyway
        return cls(
            PejabatUnit.objects.pada(tanggal)
            .filter(unit_id__in=list(unit_ids))
            .select_related("pegawai", "pegawai__jabatan")
            .order_by()
        )

    def _pertama(self, unit_id: int, urutan: tuple[str, ...]) -> PejabatUnit | None:
        peran = self._per_unit.get(unit_id, {})
        for jenis in urutan:
            if jenis in peran:
                return peran[jenis]
        return None

    def definitif(self, unit_id: int) -> PejabatUnit | None:
        return self._pertama(unit_id, (JenisPeran.DEFINITIF,))

    def pimpinan(self, unit_id: int) -> PejabatUnit | None:
        """Who leads the unit: a Plt/Plh in force, else the definitive head."""
        return self._pertama(unit_id, (JenisPeran.PLH, JenisPeran.PLT, JenisPeran.DEFINITIF))

    def ppk(self, unit_id: int) -> PejabatUnit | None:
        """Who holds the head's PPK authority: a delegate, else a Plt/Plh, else the definitive head."""
        return self._pertama(unit_id, (JenisPeran.DELEGASI, JenisPeran.PLH, JenisPeran.PLT, JenisPeran.DEFINITIF))

    def semua(self, unit_id: int) -> dict[str, PejabatUnit]:
        return self._per_unit.get(unit_id, {})


# The instansi is the root of the tree; the units right under it are its Perangkat Daerah.
KEDALAMAN_PERANGKAT_DAERAH = 2


def jalur_perangkat_daerah(unit: Unit) -> str:
    """The tree path of the Perangkat Daerah a unit belongs to (a prefix of its own path)."""
    return unit.path[: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH]


def perangkat_daerah(unit: Unit) -> Unit:
    """The Perangkat Daerah a unit belongs to (itself at the top of the tree)."""
    if unit.depth <= KEDALAMAN_PERANGKAT_DAERAH:
        return unit
    return Unit.objects.get(path=jalur_perangkat_daerah(unit))


def hari_ini() -> dt.date:
    return timezone.localdate()


def pola_rantai(tingkat: Iterable[str]) -> int | None:
    return POLA_MENURUT_RANTAI.get(tuple(tingkat))


def penempatan_pada(tanggal: dt.date, *q, **saring) -> Penempatan | None:
    """The placement in force on a date for the person matched by `q`/`saring` (e.g. pegawai__nip=)."""
    return (
        Penempatan.objects.pada(tanggal)
        .filter(*q, **saring)
        .select_related("pegawai", "unit", "jabatan")
        .order_by("-mulai")
        .first()
    )
