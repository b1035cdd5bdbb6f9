"""`restrict(user, aksi)` for kinerja: who sees which PK, target and result.

Seen by the Bagian Organisasi, superusers and API clients granted the model's view permission: all.
By staff: the PKs of the Unit Organisasi they work in or above it (an agency's staff read their agency's
PK and its cascade), everything within a unit they head today (definitive, Plt, Plh, delegate), and
the targets they take part in from elsewhere (pelaksana of a plan, member or ketua of the target's team).
What they may *do* is the services' decision, live on the day; this only narrows what is shown.
"""

from django.db import models
from django.db.models import Q

KOSONG = Q(pk__in=[])


def lingkup(user) -> tuple[set[str], list[str], object] | None:
    """(ancestor-or-self paths of the units the user sits in or heads, the paths they head, their staff
    record), or None when the user sees everything."""
    from organisasi.models import PejabatUnit, Unit
    from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
    from organisasi.selectors import hari_ini

    if adalah_admin_organisasi(user):
        return None
    diri = pegawai_dari_user(user)
    if diri is None:
        return set(), [], None
    dipimpin = list(PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values_list("unit__path", flat=True))
    sendiri = [diri.unit.path] if diri.unit_id else []
    leluhur = set()
    for path in sendiri + dipimpin:
        leluhur.update(Unit(path=path).jalur_leluhur())
    return leluhur, dipimpin, diri


def q_unit(awalan: str, leluhur: set[str], dipimpin: list[str]) -> Q:
    q = Q(**{f"{awalan}path__in": sorted(leluhur)}) if leluhur else KOSONG
    for path in dipimpin:
        q |= Q(**{f"{awalan}path__startswith": path})
    return q


def q_peserta(diri, awalan: str = "") -> Q:
    """Targets the person takes part in: pelaksana of one of its plans, ketua or member of its team."""
    from .models import Target

    ikut = Target.objects.filter(
        Q(rencana__kegiatan__pelaksana=diri) | Q(tim__ketua=diri) | Q(tim__anggota__pegawai=diri)
    ).values("pk")
    return Q(**{f"{awalan}pk__in": ikut})


class _Terbatas(models.QuerySet):
    izin_lihat = ""
    awalan_unit = ""

    def restrict(self, user, aksi: str = "view"):
        if aksi != "view":
            raise ValueError(f"Aksi {aksi!r} tidak dikenal: yang boleh bertindak diputuskan layanan kinerja.")
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return self.none()
        if user.has_perm(self.izin_lihat):
            return self
        batas = lingkup(user)
        if batas is None:
            return self
        leluhur, dipimpin, diri = batas
        if diri is None:
            return self.none()
        return self.filter(self._q(leluhur, dipimpin, diri))

    def _q(self, leluhur, dipimpin, diri) -> Q:
        raise NotImplementedError


class PerjanjianQuerySet(_Terbatas):
    izin_lihat = "kinerja.view_perjanjiankinerja"

    def _q(self, leluhur, dipimpin, diri) -> Q:
        from .models import Target

        ikut = Target.objects.filter(q_peserta(diri)).values("perjanjian_id")
        return q_unit("unit__", leluhur, dipimpin) | Q(pk__in=ikut)


class TargetQuerySet(_Terbatas):
    izin_lihat = "kinerja.view_target"

    def _q(self, leluhur, dipimpin, diri) -> Q:
        return q_unit("perjanjian__unit__", leluhur, dipimpin) | q_peserta(diri)


class HasilQuerySet(_Terbatas):
    izin_lihat = "kinerja.view_hasil"

    def _q(self, leluhur, dipimpin, diri) -> Q:
        return (
            q_unit("target__perjanjian__unit__", leluhur, dipimpin)
            | q_peserta(diri, "target__")
            | Q(pengaju=diri)
            | Q(peninjau=diri)
        )


class _TerbatasSkp(models.QuerySet):
    """An appraisal is read by the person, their PPK and the PPK's superior (as last resolved), the
    Bagian Organisasi and accounts granted the model's view permission; never by colleagues."""

    izin_lihat = ""
    awalan = ""

    def restrict(self, user, aksi: str = "view"):
        from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user

        if aksi != "view":
            raise ValueError(f"Aksi {aksi!r} tidak dikenal: yang boleh bertindak diputuskan layanan kinerja.")
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return self.none()
        if user.has_perm(self.izin_lihat) or adalah_admin_organisasi(user):
            return self
        diri = pegawai_dari_user(user)
        if diri is None:
            return self.none()
        a = self.awalan
        return self.filter(Q(**{f"{a}pegawai": diri}) | Q(**{f"{a}ppk": diri}) | Q(**{f"{a}atasan_ppk": diri}))


class SkpQuerySet(_TerbatasSkp):
    izin_lihat = "kinerja.view_skp"


class EvaluasiQuerySet(_TerbatasSkp):
    izin_lihat = "kinerja.view_evaluasi"
    awalan = "skp__"
