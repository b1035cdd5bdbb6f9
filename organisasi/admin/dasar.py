"""What every organisasi admin shares: the user's scope, writes through services, history without revert.

- Scope: Admin Organisasi (and superusers) reach everything; a unit admin (guardian
  `kelola_unit` on a unit) reaches that unit's subtree only, whatever their model
  permissions. Every queryset passes through `restrict(user, "change")`; an object
  outside the scope is not found.
- Writes: `save_model` / `save_formset` call the services. When a service refuses,
  the whole save is rolled back and the same POST is shown again with the service's
  errors on their fields (never a 500, never a half-written record).
- History: simple-history's per-record history, read-only (no revert: a revert would
  be an edit that skips the services). Nothing is deleted from the admin.
"""
from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin

from ..errors import GalatDomain
from ..models import Unit
from ..permissions import cakupan_jalur


def tanggal_id(tanggal) -> str:
    """`4 Desember 2023`."""
    return date_format(tanggal, "j F Y") if tanggal else "—"


def kolom_tanggal(nama: str, judul: str):
    """A changelist column showing a date field the Indonesian way, sortable by that field."""
    @admin.display(description=judul, ordering=nama)
    def tampil(self, obj):
        return tanggal_id(getattr(obj, nama))

    return tampil


def galat_ke_dict(e: Exception) -> dict:
    """A service's error as {field or None: [messages]}."""
    if isinstance(e, GalatDomain):
        return {None: [e.pesan]}
    if hasattr(e, "error_dict"):
        return {(None if k == NON_FIELD_ERRORS else k): v for k, v in e.message_dict.items()}
    return {None: list(e.messages)}


class GagalLayanan(Exception):
    """A service refused during save: {"form": {field: msgs}, "inline": {model name: {row index: {...}}}}."""

    def __init__(self, galat: dict):
        super().__init__(galat)
        self.galat = galat


def jalur_kelola(request) -> list[str] | None:
    return cakupan_jalur(request.user, "change")


def dalam_jalur(path: str | None, jalur: list[str] | None) -> bool:
    return jalur is None or (path is not None and any(path.startswith(j) for j in jalur))


class CakupanMixin:
    """Object-level scope for the admin; subclasses say how a record maps to a tree path."""

    def path_objek(self, obj) -> str | None:
        return obj.unit.path if getattr(obj, "unit_id", None) else None

    def batasi(self, request, qs):
        if jalur_kelola(request) is None:
            return qs
        return qs.filter(unit__in=Unit.objects.restrict(request.user, "change"))

    def get_queryset(self, request):
        return self.batasi(request, super().get_queryset(request))

    def _izin(self, request, obj, izin_model: bool) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        jalur = jalur_kelola(request)
        if jalur is None:
            return izin_model
        return bool(jalur) and (obj is None or dalam_jalur(self.path_objek(obj), jalur))

    def has_module_permission(self, request):
        return self._izin(request, None, super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return self._izin(request, obj, super().has_view_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._izin(request, obj, super().has_change_permission(request, obj))

    def has_add_permission(self, request, *args):
        return self._izin(request, None, super().has_add_permission(request, *args))

    def has_delete_permission(self, request, obj=None):
        return False


class AdminLayanan(CakupanMixin, SimpleHistoryAdmin):
    """Scoped, history-keeping admin whose saves call services (see the module docstring)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except GagalLayanan as e:
            request._galat_layanan = e.galat  # second pass: the forms show the errors and nothing is saved
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        galat = getattr(request, "_galat_layanan", None) or {}
        atribut = {"pengguna": request.user, "galat_layanan": galat.get("form", {})}
        return type(form.__name__, (form,), atribut)

    def layani(self, fungsi, request, **kwargs):
        """Call a service as the request's user; its refusal becomes errors on the form."""
        try:
            return fungsi(pelaku=request.user, **kwargs)
        except (ValidationError, GalatDomain) as e:
            raise GagalLayanan({"form": galat_ke_dict(e)}) from e

    @staticmethod
    def salin(obj, baru) -> None:
        """The admin keeps using the object it passed to save_model; make it the saved one."""
        obj.__dict__.update(baru.__dict__)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # history: read-only
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def tempel_galat(form, e: Exception) -> None:
    """Put a service's refusal on a plain form's fields (unknown fields go to the top of the form)."""
    for kolom, pesan in galat_ke_dict(e).items():
        form.add_error(kolom if kolom in form.fields else None, pesan)


class CakupanInlineMixin:
    """Inline rows live under a parent the user already reached, so the scope is the parent's."""

    def _izin_induk(self, request, izin_model: bool) -> bool:
        jalur = jalur_kelola(request)
        return izin_model if jalur is None else bool(jalur)

    def has_view_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_view_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_change_permission(request, obj))

    def has_add_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_add_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False


class InlineLayanan(CakupanInlineMixin, admin.TabularInline):
    """An inline whose rows a service writes (the owner's admin implements save_formset)."""

    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        galat = (getattr(request, "_galat_layanan", None) or {}).get("inline", {})
        galat = galat.get(self.model._meta.model_name)
        formset.form = type(formset.form.__name__, (formset.form,),
                            {"pengguna": request.user, "galat_per_indeks": galat or {}})
        return formset
