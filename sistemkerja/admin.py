"""What every app's Django admin shares: writes through the services, history without revert.

- Writes: `save_model` / `save_formset` call the services (`transisi`). When a service refuses,
  the whole save is rolled back and the same POST is shown again with the service's errors on
  their fields (never a 500, never a half-written record).
- History: simple-history's per-record history, read-only (no revert: a revert would be an edit
  that skips the services). Nothing is deleted from the admin.

Scope (who may reach which record) is each app's: organisasi's `CakupanMixin` limits to units.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from . import masukan
from .errors import GalatDomain
from .forms import galat_ke_dict
from .teks import tanggal_id


def kolom_tanggal(nama: str, judul: str):
    """A changelist column showing a date field the Indonesian way, sortable by that field."""

    @admin.display(description=judul, ordering=nama)
    def tampil(self, obj):
        return tanggal_id(getattr(obj, nama))

    return tampil


class GagalTransisi(Exception):
    """A service refused during save: {"form": {field: msgs}, "inline": {model name: {row index: {...}}}}."""

    def __init__(self, galat: dict):
        super().__init__(galat)
        self.galat = galat


class AdminTransisi(SimpleHistoryAdmin):
    """A history-keeping admin whose saves call services (see the module docstring)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except GagalTransisi as e:
            request._galat_transisi = e.galat  # second pass: the forms show the errors and nothing is saved
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        galat = getattr(request, "_galat_transisi", None) or {}
        atribut = {"pengguna": request.user, "galat_transisi": galat.get("form", {})}
        return type(form.__name__, (form,), atribut)

    def transisi(self, fungsi, request, **kwargs):
        """Call a service as the request's user; its refusal becomes errors on the form."""
        try:
            return fungsi(pelaku=request.user, **kwargs)
        except (ValidationError, GalatDomain) as e:
            raise GagalTransisi({"form": galat_ke_dict(e)}) from e

    @staticmethod
    def salin(obj, baru) -> None:
        """The admin keeps using the object it passed to save_model; make it the saved one."""
        obj.__dict__.update(baru.__dict__)

    def get_search_results(self, request, queryset, search_term):
        # a search term is bounded text without control characters: 1 MB or a NUL never reaches a LIKE
        search_term = "".join(c for c in search_term[: masukan.PANJANG["pendek"]] if c.isprintable())
        return super().get_search_results(request, queryset, search_term)

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


class InlineTransisi(admin.TabularInline):
    """An inline whose rows a service writes (the owner's admin implements save_formset)."""

    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        galat = (getattr(request, "_galat_transisi", None) or {}).get("inline", {})
        galat = galat.get(self.model._meta.model_name)
        formset.form = type(
            formset.form.__name__, (formset.form,), {"pengguna": request.user, "galat_per_indeks": galat or {}}
        )
        return formset
