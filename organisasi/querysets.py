"""QuerySets every reachable read passes through: `restrict(user, aksi)` and date filters."""

import datetime as dt

from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet


def _q_subpohon(jalur: list[str], prefix: str = "") -> Q:
    """Q matching the nodes at or below any of the given tree paths."""
    q = Q(pk__in=[])
    for p in jalur:
        q |= Q(**{f"{prefix}path__startswith": p})
    return q


def berlaku_pada(tanggal: dt.date) -> Q:
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


class UnitQuerySet(MP_NodeQuerySet):
    def restrict(self, user, aksi: str = "view"):
        from .permissions import cakupan_jalur

        jalur = cakupan_jalur(user, aksi)
        return self if jalur is None else self.filter(_q_subpohon(jalur))

    def subpohon(self, unit):
        return self.filter(path__startswith=unit.path)

    def leluhur_dari(self, unit, *, termasuk_diri: bool = True):
        jalur = unit.jalur_leluhur()
        return self.filter(path__in=jalur if termasuk_diri else jalur[:-1])


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self):
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class PegawaiQuerySet(models.QuerySet):
    def restrict(self, user, aksi: str = "view"):
        q = q_cakupan_pegawai(user, aksi)
        return self if q is None else self.filter(q)


def q_cakupan_pegawai(user, aksi: str = "view", prefix: str = "") -> Q | None:
    """The staff a user may reach, as a Q on `prefix` (e.g. "pegawai__"); None means everyone."""
    from .permissions import cakupan_jalur, pegawai_dari_user

    jalur = cakupan_jalur(user, aksi)
    if jalur is None:
        return None
    q = _q_subpohon(jalur, f"{prefix}unit__")
    diri = pegawai_dari_user(user)
    if diri is not None and aksi == "view":
        q |= Q(**{f"{prefix}pk": diri.pk})
    return q


class PenempatanQuerySet(models.QuerySet):
    def pada(self, tanggal: dt.date):
        return self.filter(berlaku_pada(tanggal))


class PejabatUnitQuerySet(models.QuerySet):
    def pada(self, tanggal: dt.date):
        return self.filter(berlaku_pada(tanggal))
