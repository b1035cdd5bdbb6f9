"""Roles (SPEC §1) and the one place that decides which part of the tree a user may reach.

- Admin Organisasi (group) and superusers: every instansi.
- API clients: what their grant covers: global model permissions, or guardian
  object permissions (`view_unit` / `kelola_unit`) on a unit, covering its subtree.
- Pegawai: their own Perangkat Daerah, the units they lead today, and themselves.
- Unit admins: guardian `kelola_unit` on a unit lets them manage that subtree.
"""

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user
from rest_framework.permissions import SAFE_METHODS, BasePermission

from sistemkerja.errors import BukanWewenang

GRUP_ADMIN_ORGANISASI = "Admin Organisasi"
GRUP_KLIEN_API = "Klien API"
MODEL_KHUSUS_SUPERUSER = ["tokenapi", "historicaltokenapi", "aksesdatapribadi"]

_IZIN_GLOBAL = {"view": "organisasi.view_unit", "change": "organisasi.change_unit"}
_IZIN_OBJEK = {"view": ["view_unit", "kelola_unit"], "change": ["kelola_unit"]}


def pegawai_dari_user(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.pegawai
    except Exception:  # RelatedObjectDoesNotExist
        return None


def diri_pelaku(pelaku):
    """The actor's own active staff record (403 otherwise): only staff act in the flows and the work mechanism."""
    diri = pegawai_dari_user(pelaku)
    if diri is None or not diri.aktif:
        raise BukanWewenang("Akun Anda tidak terhubung dengan data pegawai aktif.")
    return diri


def adalah_admin_organisasi(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or any(g.name == GRUP_ADMIN_ORGANISASI for g in user.groups.all()))
    )


def ditawari_api(user) -> bool:
    """Whom the menu offers the API documentation: admin accounts (they set applications up) and accounts
    granted the API clients' read access (group Klien API). The documentation itself stays open to all."""
    return bool(user.is_staff or _punya_izin_global(user, _IZIN_GLOBAL["view"]))


@lru_cache(maxsize=1)
def _sql_izin() -> str:
    """The user's model permissions, their own and their groups', as `app_label.codename`: what
    ModelBackend reads in two ORM queries, in one hand-written query (every API request asks)."""
    izin, ct = Permission._meta.db_table, ContentType._meta.db_table
    milik, grup = Permission.user_set.through._meta.db_table, Permission.group_set.through._meta.db_table
    anggota = get_user_model().groups.through._meta.db_table
    return (
        f"SELECT ct.app_label, p.codename FROM {izin} p JOIN {ct} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN (SELECT permission_id FROM {milik} WHERE user_id = %s) "
        f"OR p.id IN (SELECT g.permission_id FROM {grup} g JOIN {anggota} a ON a.group_id = g.group_id "
        f"WHERE a.user_id = %s)"
    )


def _punya_izin_global(user, izin: str) -> bool:
    """Whether the user holds a model permission, directly or through a group: ModelBackend's answer,
    read in one query and kept on the user for the request (Django's own `_perm_cache`)."""
    if user.is_superuser:  # ModelBackend's answer for them, and their cache must hold every permission
        return True
    if not hasattr(user, "_perm_cache"):
        with connection.cursor() as kursor:
            kursor.execute(_sql_izin(), [user.pk, user.pk])
            user._perm_cache = {f"{app}.{kode}" for app, kode in kursor.fetchall()}
    return izin in user._perm_cache


def cakupan_jalur(user, aksi: str = "view") -> list[str] | None:
    """Tree paths whose subtrees the user may reach for `aksi`; None means everything.

    Cached on the user object for the request, since a page asks several times.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = user.__dict__.setdefault("_cakupan_jalur", {})
    if aksi in cache:
        return cache[aksi]
    from .models import PejabatUnit, Unit

    if user.is_superuser or _punya_izin_global(user, _IZIN_GLOBAL.get(aksi, _IZIN_GLOBAL["change"])):
        cache[aksi] = None
        return None

    jalur = set(
        get_objects_for_user(
            user, _IZIN_OBJEK.get(aksi, ["kelola_unit"]), klass=Unit, any_perm=True, accept_global_perms=False
        ).values_list("path", flat=True)
    )
    diri = pegawai_dari_user(user)
    if diri is not None and aksi == "view":
        if diri.unit_id:
            unit_path = Unit.objects.filter(pk=diri.unit_id).values_list("path", flat=True).first()
            if unit_path:
                # the whole Perangkat Daerah (depth 2) the person works in
                jalur.add(unit_path[: Unit.steplen * 2])
        jalur.update(
            PejabatUnit.objects.pada(timezone.localdate()).filter(pegawai=diri).values_list("unit__path", flat=True)
        )
    hasil = sorted(jalur)
    cache[aksi] = hasil
    return hasil


def pastikan_grup_peran() -> None:
    """Create the role groups with their model permissions (idempotent; run by migrations and demo)."""
    from django.contrib.auth.models import Permission

    # Tokens and the personal-data access log are the superuser's (data protection officer's) alone.
    izin = Permission.objects.filter(content_type__app_label="organisasi").exclude(
        content_type__model__in=MODEL_KHUSUS_SUPERUSER
    )
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_ORGANISASI)
    klien, _ = Group.objects.get_or_create(name=GRUP_KLIEN_API)
    # Only this app's share is set here; other apps add theirs to the same groups.
    for grup, milik in ((admin, izin), (klien, izin.filter(codename__startswith="view_"))):
        grup.permissions.set([*milik, *grup.permissions.exclude(content_type__app_label="organisasi")])


class HanyaBaca(BasePermission):
    """Structure endpoints are read-only over the API; writes go through admin, import and services."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.method in SAFE_METHODS)
