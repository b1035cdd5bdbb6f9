"""What kinerja's admins share: who may open them, read-only records scoped like the pages, filters."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from organisasi.admin.pegawai import PerangkatDaerahFilter
from organisasi.permissions import adalah_admin_organisasi
from sistemkerja.admin import AdminRiwayat, TautanTerbatasMixin
from sistemkerja.teks import tanggal_id

from ..models import Target


def boleh_buka(request, izin_model: bool) -> bool:
    """Staff accounts with the model's permission, or the Bagian Organisasi (Admin Organisasi), which reads
    all of kinerja without the group carrying kinerja's model permissions."""
    user = request.user
    return bool(user.is_active and user.is_staff and (izin_model or adalah_admin_organisasi(user)))


class IzinKinerja:
    """Read-only: a transition owns the state. The queryset passes through `restrict` where the model has
    it, else through the targets the user may see (`jalur_target`: the lookup from this model to Target)."""

    jalur_target = ""

    def has_module_permission(self, request):
        return boleh_buka(request, super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return boleh_buka(request, super().has_view_permission(request, obj))

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if hasattr(qs, "restrict"):
            return qs.restrict(request.user)
        if self.jalur_target:
            terlihat = Target.objects.restrict(request.user).values("pk")
            return qs.filter(**{f"{self.jalur_target}__in": terlihat})
        return qs


class HanyaBacaRiwayat(IzinKinerja, AdminRiwayat):
    """A record with simple-history: its history pages in words, no revert."""


class HanyaBaca(IzinKinerja, TautanTerbatasMixin, admin.ModelAdmin):
    """A record without simple-history of its own (its transitions are in `Riwayat`): Django's history page."""


class InlineHanyaBaca(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_view_permission(self, request, obj=None):
        return boleh_buka(request, super().has_view_permission(request, obj))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def filter_perangkat_daerah(awalan: str):
    """The Perangkat Daerah filter of the staff admin, for a model reaching its unit through `awalan`."""

    class Filter(PerangkatDaerahFilter):
        def queryset(self, request, queryset):
            if self.value() is None:
                return queryset
            jalur = self.jalur.get(self.value())
            return queryset.filter(**{f"{awalan}path__startswith": jalur}) if jalur else queryset.none()

    Filter.__name__ = f"PerangkatDaerahFilter_{awalan.replace('__', '_')}"
    return Filter


def kolom_waktu(nama: str, judul: str):
    """A changelist column showing a moment as its date in Asia/Jakarta ("4 Desember 2026")."""

    @admin.display(description=judul, ordering=nama)
    def tampil(self, obj):
        nilai = getattr(obj, nama)
        return tanggal_id(timezone.localtime(nilai).date() if nilai else None)

    return tampil
