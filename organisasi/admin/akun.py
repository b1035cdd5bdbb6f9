"""Accounts, groups and the login guard (django-axes) in the admin, in Indonesian.

- Permissions: Django stores their names in English ("Can add pegawai"); the selectors of a group and of
  an account show the four default ones as "Organisasi | pegawai | Dapat menambah pegawai" (custom
  permissions keep their own names), with the content types joined in the same query.
- django-axes: its records name themselves in English ("Access Log for admin @ 2026-…") and its actions
  speak English. Here they are read-only lists that show everything (nothing opens as a form from them);
  a lockout is lifted with the action "Buka kunci" on the failed attempts, which deletes the selected
  attempts (axes' way of unlocking) and records each in Django's log with an Indonesian description.
  The logs of logins and failures are records and are not deleted. A record's page, reached by its
  address, and its history are titled in Indonesian (templates/admin/axes/).
"""

from __future__ import annotations

import axes.admin  # noqa: F401  registers axes' admins now (axes comes after organisasi in INSTALLED_APPS), to replace them
import django.contrib.auth.admin  # noqa: F401  (likewise Django's User and Group admins)
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

# The default permissions' actions (Django's `Meta.default_permissions`), as the selector says them.
AKSI_IZIN = {"add": "menambah", "change": "mengubah", "delete": "menghapus", "view": "melihat"}
# Models of other libraries whose names are English and not translatable (no gettext in their Meta).
NAMA_MODEL = {
    "guardian.userobjectpermission": "izin per objek untuk akun",
    "guardian.groupobjectpermission": "izin per objek untuk grup",
}


def label_izin(izin: Permission) -> str:
    """ "<app> | <model> | Dapat menambah <model>" for a default permission; a custom one keeps its name.
    Reads `izin.content_type` (join it: `select_related("content_type")`) and nothing else."""
    model = izin.content_type.model_class()
    if model is None:
        return str(izin)
    nama = NAMA_MODEL.get(model._meta.label_lower, model._meta.verbose_name)
    aksi, _, nama_model = izin.codename.partition("_")
    if aksi in AKSI_IZIN and nama_model == model._meta.model_name:
        return f"{model._meta.app_config.verbose_name} | {nama} | Dapat {AKSI_IZIN[aksi]} {nama}"
    return f"{model._meta.app_config.verbose_name} | {nama} | {izin.name}"


class PilihanIzin(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return label_izin(obj)


class IzinIndonesiaMixin:
    """The permission selectors of a group or an account, labelled in Indonesian."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Permission:
            kwargs["form_class"] = PilihanIzin
            kwargs["queryset"] = kwargs.get("queryset", Permission.objects).select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def daftar_ulang(model, mixin, nama: str):
    """Replace the registered admin of `model` by a subclass of it with `mixin` in front."""
    if not admin.site.is_registered(model):
        return None
    lama = type(admin.site.get_model_admin(model))
    baru = type(nama, (mixin, lama), {"__module__": __name__})
    admin.site.unregister(model)
    admin.site.register(model, baru)
    return baru


AkunAdmin = daftar_ulang(get_user_model(), IzinIndonesiaMixin, "AkunAdmin")
GrupAdmin = daftar_ulang(Group, IzinIndonesiaMixin, "GrupAdmin")


# --- django-axes ------------------------------------------------------------------------------------------


def _waktu(nilai) -> str:
    return date_format(timezone.localtime(nilai), "j F Y H.i") if nilai else "—"


def uraian_axes(obj) -> str:
    """An axes record in words, instead of its English `__str__`."""
    siapa = f"{obj.username or '(tanpa nama pengguna)'} dari {obj.ip_address or 'alamat tak dikenal'}"
    if isinstance(obj, AccessAttempt):
        return f"Percobaan masuk {siapa}, terakhir {_waktu(obj.attempt_time)}"
    if isinstance(obj, AccessFailureLog):
        kunci = " (terkunci)" if obj.locked_out else ""
        return f"Gagal masuk {siapa}{kunci}, {_waktu(obj.attempt_time)}"
    return f"Masuk {siapa}, {_waktu(obj.attempt_time)}"


class PengamananMixin:
    """An axes admin: a read-only list that shows everything, nothing deleted but through `buka_kunci`."""

    list_display_links = None

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:  # the record's page (no list links to it): titled in words, not by its English name
            context["subtitle"] = context["uraian"] = uraian_axes(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


class PercobaanMixin(PengamananMixin):
    """Failed attempts: unlocking deletes them (the attempt counter is the lock)."""

    actions = ["buka_kunci", *(["bersihkan_kedaluwarsa"] if axes_settings.AXES_USE_ATTEMPT_EXPIRATION else [])]

    def has_buka_kunci_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.delete_{self.opts.model_name}")

    @admin.action(description="Buka kunci: hapus percobaan gagal yang dipilih", permissions=["buka_kunci"])
    def buka_kunci(self, request, queryset):
        jenis = ContentType.objects.get_for_model(self.model)
        with transaction.atomic():
            baris = list(queryset.select_for_update())
            LogEntry.objects.bulk_create(
                LogEntry(
                    user_id=request.user.pk,
                    content_type=jenis,
                    object_id=str(obj.pk),
                    object_repr=uraian_axes(obj)[:200],
                    action_flag=DELETION,
                    change_message="Kunci dibuka: percobaan gagal dihapus.",
                )
                for obj in baris
            )
            self.model.objects.filter(pk__in=[obj.pk for obj in baris]).delete()
        nama = ", ".join(f"{obj.username or '—'} ({obj.ip_address or '—'})" for obj in baris[:5])
        lain = f" dan {len(baris) - 5} lainnya" if len(baris) > 5 else ""
        self.message_user(request, f"Kunci dibuka untuk {nama}{lain}.", messages.SUCCESS)

    @admin.action(description="Bersihkan percobaan yang sudah kedaluwarsa", permissions=["buka_kunci"])
    def bersihkan_kedaluwarsa(self, request, queryset):
        jumlah = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, f"{jumlah} percobaan kedaluwarsa dibersihkan.", messages.SUCCESS)


daftar_ulang(AccessAttempt, PercobaanMixin, "PercobaanMasukAdmin")
daftar_ulang(AccessLog, PengamananMixin, "CatatanMasukAdmin")
daftar_ulang(AccessFailureLog, PengamananMixin, "KegagalanMasukAdmin")
