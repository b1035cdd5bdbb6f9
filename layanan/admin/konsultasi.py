"""Consultations in the admin: read-only (the pages and the API move them through the services), scoped as
the consultation pages are (`konsultasi_baca.konsultasi_terlihat`), with their files and their history."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from kinerja.admin.dasar import InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu

from .. import konsultasi_baca as kb
from .. import selectors as sel
from ..models import Konsultasi, LampiranKonsultasi
from .dasar import HanyaBaca, singkat
from .standar import RiwayatInline


class LingkupKonsultasi:
    """Consultations the user may see (`jalur_konsultasi`: the lookup from this model to Konsultasi)."""

    jalur_konsultasi = ""

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)  # not the services' scope of the other admins
        if sel.jalur_pengelola(request.user) is None:
            return qs
        kolom = f"{self.jalur_konsultasi}__in" if self.jalur_konsultasi else "pk__in"
        return qs.filter(**{kolom: kb.konsultasi_terlihat(request.user).values("pk")})


class TerlambatKonsultasiFilter(admin.SimpleListFilter):
    title = "tenggat"
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", "Terlambat (belum dijawab lewat tenggat, atau dijawab setelahnya)"), ("tidak", "Tepat waktu")]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(kb.terlambat_q())
        if self.value() == "tidak":
            return queryset.exclude(kb.terlambat_q())
        return queryset


def _unduh(lamp) -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse("api-konsultasi-lampiran-unduh", args=[lamp.konsultasi_id, lamp.pk]), lamp.nama
    )


class LampiranKonsultasiInline(InlineHanyaBaca):
    model = LampiranKonsultasi
    fields = ["tahap", "berkas_unduh", "ukuran", "diunggah_oleh", "dibuat"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("diunggah_oleh")

    @admin.display(description="berkas")
    def berkas_unduh(self, obj):
        return _unduh(obj)


class RiwayatKonsultasiInline(RiwayatInline):
    fk_name = "konsultasi"


@admin.register(Konsultasi)
class KonsultasiAdmin(LingkupKonsultasi, HanyaBaca):
    list_display = [
        "id",
        "jenis",
        "status",
        "perangkat_daerah",
        "pemohon",
        "penangan",
        "diajukan_pada",
        "tenggat",
        "terlambat",
    ]
    list_filter = ["status", "jenis", TerlambatKonsultasiFilter, filter_perangkat_daerah("perangkat_daerah__")]
    search_fields = ["uraian", "pemohon__nama", "pemohon__nip", "penangan__nama", "perangkat_daerah__nama"]
    list_select_related = ["perangkat_daerah", "pemohon", "penangan"]
    fields = [
        "instansi",
        "jenis",
        "status",
        "uraian",
        "pemohon",
        "unit_pemohon",
        "perangkat_daerah",
        "dibutuhkan",
        "tenggat",
        "terlambat",
        "diajukan",
        "pendisposisi",
        "penangan",
        "catatan_disposisi",
        "didisposisi",
        "waktu_pertemuan",
        "tempat_pertemuan",
        "jawaban",
        "dijawab",
        "nilai",
        "catatan_penilaian",
        "selesai",
    ]
    readonly_fields = fields
    inlines = [LampiranKonsultasiInline, RiwayatKonsultasiInline]
    diajukan_pada = kolom_waktu("diajukan", "diajukan")

    @admin.display(description="terlambat", boolean=True)
    def terlambat(self, obj):
        return obj.terlambat


@admin.register(LampiranKonsultasi)
class LampiranKonsultasiAdmin(LingkupKonsultasi, HanyaBaca):
    jalur_konsultasi = "konsultasi"
    list_display = ["nama", "konsultasi_singkat", "tahap", "ukuran", "diunggah_oleh", "diunggah"]
    list_filter = ["tahap"]
    search_fields = ["nama", "konsultasi__uraian"]
    list_select_related = ["konsultasi", "diunggah_oleh"]
    fields = ["konsultasi", "tahap", "berkas_unduh", "ukuran", "diunggah_oleh", "dibuat"]
    readonly_fields = fields
    diunggah = kolom_waktu("dibuat", "diunggah")

    @admin.display(description="konsultasi", ordering="konsultasi")
    def konsultasi_singkat(self, obj):
        return singkat(f"{obj.konsultasi}: {obj.konsultasi.uraian}", 60)

    @admin.display(description="berkas")
    def berkas_unduh(self, obj):
        return _unduh(obj)
