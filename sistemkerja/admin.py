"""What every app's Django admin shares: writes through the services, history without revert.

- Writes: `save_model` / `save_formset` call the services (`transisi`). When a service refuses,
  the whole save is rolled back and the same POST is shown again with the service's errors on
  their fields (never a 500, never a half-written record).
- History: simple-history's per-record history, read-only (no revert: a revert would be an edit
  that skips the services), in words: who ("Nama (NIP)", or the system), why (the transition's label,
  `sistemkerja.riwayat`), and the changed values as people write them. Nothing is deleted from the admin.
- Messages: a save says what it did ("Surat 800/1 dicabut; alasan: …") through `pesan`, instead of
  Django's "… berhasil diubah".
- Links: a read-only foreign key links to the related record's admin page only for whoever may open that
  admin (`TautanTerbatasMixin`); Django links every one, and an account's page answers 403 to all but
  those who may view accounts.

Scope (who may reach which record) is each app's: organisasi's `CakupanMixin` limits to units.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from . import masukan, riwayat
from .errors import GalatDomain
from .forms import galat_ke_dict
from .teks import tanggal_id


def kolom_tanggal(nama: str, judul: str):
    """A changelist column showing a date field the Indonesian way, sortable by that field."""

    @admin.display(description=judul, ordering=nama)
    def tampil(self, obj):
        return tanggal_id(getattr(obj, nama))

    return tampil


def catat_pesan(request, teks: str | None, level: int = messages.SUCCESS) -> None:
    """What a save did, in words; said instead of Django's "… berhasil diubah/ditambahkan"."""
    if teks:
        request.__dict__.setdefault("_pesan_transisi", []).append((teks, level))


def jalankan(request, fungsi, **kwargs):
    """Call a service as the request's user and note what it did for the message after the save."""
    hasil = fungsi(pelaku=request.user, **kwargs)
    pesan = riwayat.pesan_transisi(getattr(fungsi, "__name__", ""), hasil, kwargs)
    if pesan is not None:
        catat_pesan(request, pesan[0], messages.SUCCESS if pesan[1] else messages.INFO)
    return hasil


class GagalTransisi(Exception):
    """A service refused during save: {"form": {field: msgs}, "inline": {model name: {row index: {...}}}}."""

    def __init__(self, galat: dict):
        super().__init__(galat)
        self.galat = galat


class NilaiRiwayat(HistoricalRecordContextHelper):
    """A changed value as people write it: `—` for none, ya/tidak, dates in Indonesian, choices' labels."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        try:
            kolom = self.model._meta.get_field(change.field)
        except FieldDoesNotExist:
            kolom = None
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return "—"  # an empty foreign key comes as a "deleted" object without a key
        if isinstance(value, DeletedObject):
            return f"{value.model._meta.verbose_name} yang sudah dihapus (id {value.pk})"
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        if isinstance(value, AbstractBaseUser):
            return riwayat.nama_pelaku(value)
        if isinstance(value, dt.datetime):
            return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H.i")
        if isinstance(value, dt.date):
            return tanggal_id(value)
        if kolom is not None and isinstance(value, str | int) and getattr(kolom, "flatchoices", None):
            return dict(kolom.flatchoices).get(value, value)
        return value


@functools.cache
def _kolom_tanpa_tautan(model, nama: str):
    """A display callable standing for the foreign key `nama` of `model`: the related record in words,
    without Django's link (an account as "Nama (NIP)"). None when `nama` is no foreign key. One object per
    field, so the same one stands in the fieldsets and in the read-only fields."""
    try:
        kolom = model._meta.get_field(nama)
    except FieldDoesNotExist:
        return None
    if not (kolom.concrete and (kolom.many_to_one or kolom.one_to_one)):
        return None

    @admin.display(description=kolom.verbose_name)
    def tampil(obj):
        nilai = getattr(obj, nama, None)
        if nilai is None:
            return admin.site.empty_value_display  # Django's "-", as the other empty fields
        return riwayat.nama_pelaku(nilai) if isinstance(nilai, AbstractBaseUser) else str(nilai)

    tampil.__name__ = nama  # the row's CSS class (field-<nama>) and the field's help text stay
    return tampil


def _ganti_kolom(fieldsets, ganti: dict):
    """`fieldsets` with the names in `ganti` replaced (a copy: the admin's own stay as declared)."""
    hasil = []
    for judul, opsi in fieldsets:
        baris = [
            tuple(ganti.get(f, f) for f in b) if isinstance(b, list | tuple) else ganti.get(b, b)
            for b in opsi["fields"]
        ]
        hasil.append((judul, {**opsi, "fields": baris}))
    return hasil


def tanpa_tautan_terlarang(model_admin, request, context) -> None:
    """Read-only foreign keys of the form and its inlines, to models whose admin the user may not open,
    shown as words instead of links (Django's `AdminReadonlyField.get_admin_url` links them all without
    asking, and the linked page answers 403). Model-level: an admin someone may open at all."""
    situs = model_admin.admin_site
    boleh = {}

    def terlarang(kolom) -> bool:
        tujuan = kolom.related_model
        if tujuan not in boleh:
            boleh[tujuan] = not situs.is_registered(tujuan) or situs.get_model_admin(tujuan).has_view_permission(
                request
            )
        return not boleh[tujuan]

    def pengganti(model, hanya_baca) -> dict:
        return {
            nama: tampil
            for nama in hanya_baca
            if isinstance(nama, str)
            and (tampil := _kolom_tanpa_tautan(model, nama)) is not None
            and terlarang(model._meta.get_field(nama))
        }

    form = context.get("adminform")
    if form is not None and (ganti := pengganti(model_admin.model, form.readonly_fields)):
        form.fieldsets = _ganti_kolom(form.fieldsets, ganti)
        form.readonly_fields = [ganti.get(f, f) for f in form.readonly_fields]
    for inline in context.get("inline_admin_formsets") or []:
        hanya_baca = list(inline.readonly_fields)
        if not inline.has_change_permission and not inline.has_add_permission:
            hanya_baca += flatten_fieldsets(inline.fieldsets)  # every row read-only, no empty row to fill
        if ganti := pengganti(inline.opts.model, hanya_baca):
            inline.fieldsets = _ganti_kolom(inline.fieldsets, ganti)
            inline.readonly_fields = [ganti.get(f, f) for f in inline.readonly_fields]


class TautanTerbatasMixin:
    """A model admin whose read-only foreign keys link only where the user may go (`tanpa_tautan_terlarang`)."""

    def render_change_form(self, request, context, *args, **kwargs):
        tanpa_tautan_terlarang(self, request, context)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):  # simple-history's version pages
        tanpa_tautan_terlarang(self, request, context)
        return super().render_history_view(request, template, context, **kwargs)


class AdminRiwayat(TautanTerbatasMixin, SimpleHistoryAdmin):
    """simple-history's history pages, read-only, in words (templates/simple_history/object_history_list.html)."""

    def nama_kolom(self, nama: str) -> str:
        try:
            return str(self.model._meta.get_field(nama).verbose_name)
        except FieldDoesNotExist:
            return nama

    def get_historical_record_context_helper(self, request, historical_record):
        return NilaiRiwayat(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for r in historical_records:  # the page's rows, users already joined: no query
            r.oleh_tampil = riwayat.nama_pelaku(r.history_user, r.history_change_reason)
            r.alasan_tampil = riwayat.label_alasan(r.history_change_reason, self.nama_kolom) or "—"
            r.jenis_tampil = riwayat.jenis_perubahan(r.history_type)

    def revert_disabled(self, request, obj=None):
        return True  # a revert would be an edit that skips the services

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AdminTransisi(AdminRiwayat):
    """A history-keeping admin whose saves call services (see the module docstring)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except GagalTransisi as e:
            request._galat_transisi = e.galat  # second pass: the forms show the errors and nothing is saved
            request._pesan_transisi = []  # and says nothing was done
            return super().changeform_view(request, object_id, form_url, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and not form.has_changed() and not any(fs.has_changed() for fs in formsets or []):
            catat_pesan(request, f"Tidak ada yang berubah pada {form.instance}.", messages.INFO)
        return super().construct_change_message(request, form, formsets, add)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        pesan = getattr(request, "_pesan_transisi", None)
        if pesan and level == messages.SUCCESS:  # Django's "… berhasil diubah": say what was done instead
            berubah = [t for t, lv in pesan if lv >= messages.SUCCESS]
            message, level = (" ".join(berubah), messages.SUCCESS) if berubah else (pesan[0][0], messages.INFO)
            request._pesan_transisi = []
        return super().message_user(request, message, level, *args, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        galat = getattr(request, "_galat_transisi", None) or {}
        atribut = {"pengguna": request.user, "galat_transisi": galat.get("form", {})}
        return type(form.__name__, (form,), atribut)

    def transisi(self, fungsi, request, **kwargs):
        """Call a service as the request's user; its refusal becomes errors on the form, and what it
        did becomes the message after the save (`sistemkerja.riwayat.PESAN`)."""
        try:
            return jalankan(request, fungsi, **kwargs)
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
