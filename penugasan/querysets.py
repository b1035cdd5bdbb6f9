"""`restrict(user, aksi)` for teams, requests and letters: the one place that decides who sees what, and
on what they may act.

- `"view"`: the Bagian Organisasi, superusers and API clients granted the model's view permission see
  everything. Everyone else the objects the services granted them (django-guardian): the requester, the
  staff named, the recipients of copies, the actors, a team's ketua, members and who formed it; and, for
  teams, the heads of the unit that owns the team or a unit above it.
- Any other action (`"decide"` and `"withdraw"` a request, `"change"` a team): the objects whose
  permission for it the services granted the user (the actors of the waiting step, the requester, a
  team's managers); every team for those who may manage any (the Bagian Organisasi).
  The services still check the actor and the state; this only narrows what is offered.
"""

from django.db import models
from django.db.models import Q


def _lihat_semua(user, izin: str) -> bool:
    from organisasi.permissions import adalah_admin_organisasi

    return adalah_admin_organisasi(user) or user.has_perm(izin)


def _diberi(user, izin: str, model):
    from guardian.shortcuts import get_objects_for_user

    return get_objects_for_user(user, izin, klass=model, accept_global_perms=False).values("pk")


class TerbatasQuerySet(models.QuerySet):
    """Nothing for the anonymous, everything for those granted the model, else what `_q_terlihat` allows
    (to view) or the objects granted for the action."""

    izin_lihat = ""
    izin_aksi: dict[str, str] = {}  # action -> the permission that grants it
    # actions whose permission on the model reaches every object (the services let its holders act on
    # any); for the others only the grants on each object count (superusers excepted)
    aksi_seluruh_model: frozenset[str] = frozenset()

    def restrict(self, user, aksi: str = "view"):
        izin = self.izin_lihat if aksi == "view" else self.izin_aksi.get(aksi)
        if izin is None:
            raise ValueError(f"Aksi {aksi!r} tidak dikenal untuk {self.model.__name__}.")
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return self.none()
        if aksi == "view":
            return self if _lihat_semua(user, izin) else self.filter(self._q_terlihat(user))
        if user.is_superuser or (aksi in self.aksi_seluruh_model and user.has_perm(izin)):
            return self
        return self.filter(pk__in=_diberi(user, izin, self.model))

    def _q_terlihat(self, user) -> Q:
        return Q(pk__in=_diberi(user, self.izin_lihat, self.model))


class TimKerjaQuerySet(TerbatasQuerySet):
    izin_lihat = "penugasan.view_timkerja"
    izin_aksi = {"change": "penugasan.kelola_timkerja"}
    aksi_seluruh_model = frozenset({"change"})  # the Bagian Organisasi manages any team

    def _q_terlihat(self, user) -> Q:
        from organisasi.models import PejabatUnit
        from organisasi.permissions import pegawai_dari_user
        from organisasi.selectors import hari_ini

        q = super()._q_terlihat(user)
        diri = pegawai_dari_user(user)
        if diri is not None:
            for jalur in PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values_list("unit__path", flat=True):
                q |= Q(unit_pemilik__path__startswith=jalur)
        return q


class PenugasanQuerySet(TerbatasQuerySet):
    izin_lihat = "penugasan.view_penugasan"
    izin_aksi = {"decide": "penugasan.putuskan_penugasan", "withdraw": "penugasan.tarik_penugasan"}


class SuratQuerySet(models.QuerySet):
    def restrict(self, user, aksi: str = "view"):
        from .models import Penugasan

        return self.filter(penugasan__in=Penugasan.objects.restrict(user, aksi).values("pk"))
