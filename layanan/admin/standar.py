"""Services and the versions of their standards: read-only once published; a draft's components edited through
`versi_ubah`; actions start a new draft (`versi_buat`) or publish the latest one (`versi_terbitkan`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from kinerja.admin.dasar import InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu
from kinerja.admin.skp import IzinBagianOrganisasi
from sistemkerja.admin import AdminTransisi, catat_pesan
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import FormTransisi, galat_ke_dict

from .. import services
from ..choices import KODE_KOMPONEN, LABEL_KOMPONEN, StatusVersi
from ..models import Layanan, RiwayatLayanan, VersiLayanan
from .dasar import HanyaBacaRiwayat, Lingkup

KOLOM_DRAF = [*KODE_KOMPONEN, "tenggat_pengaduan_hari", "catatan_perubahan"]
KOLOM_VERSI = ["layanan", "nomor", "status", "berlaku_sejak", "berlaku_sampai", "disusun_oleh", "diterbitkan_oleh"]


def pesan_galat(e: Exception) -> str:
    """A service's refusal in one sentence: the components still empty named by their labels."""
    galat = galat_ke_dict(e)
    kosong = [LABEL_KOMPONEN[k.removeprefix("komponen.")] for k in galat if k and k.startswith("komponen.")]
    if kosong and len(kosong) == len(galat):
        return "Komponen belum diisi: " + ", ".join(kosong) + "."
    return " ".join(p for daftar in galat.values() for p in daftar)


class RiwayatInline(InlineHanyaBaca):
    """The transitions, oldest first, as the services wrote them."""

    model = RiwayatLayanan
    fields = ["waktu", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "catatan"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")


class RiwayatLayananInline(RiwayatInline):
    fk_name = "layanan"


class VersiInline(InlineHanyaBaca):
    model = VersiLayanan
    fields = ["nomor", "status", "berlaku_sejak", "berlaku_sampai", "catatan_perubahan"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("layanan")


@admin.register(Layanan)
class LayananAdmin(HanyaBacaRiwayat):
    list_display = ["kode", "nama", "unit", "versi_berlaku", "skema_survei", "aktif"]
    list_filter = ["aktif", "skema_survei", filter_perangkat_daerah("unit__")]
    search_fields = ["kode", "nama", "unit__nama", "unit__kode"]
    list_select_related = ["unit", "versi_berlaku__layanan", "skema_survei"]
    inlines = [VersiInline, RiwayatLayananInline]
    actions = ["terbitkan_draf", "susun_draf"]

    def _semua(self, request, queryset, fungsi, berhasil) -> None:
        for layanan in queryset.select_related("unit"):
            try:
                hasil = fungsi(pelaku=request.user, layanan=layanan)
            except (ValidationError, GalatDomain) as e:
                messages.error(request, f"{layanan.nama}: {pesan_galat(e)}")
            else:
                messages.success(request, berhasil(layanan, hasil))

    @admin.action(description="Terbitkan draf terbaru menjadi standar yang berlaku")
    def terbitkan_draf(self, request, queryset):
        self._semua(
            request,
            queryset,
            services.versi_terbitkan,
            lambda layanan, v: f"{layanan.nama}: versi {v.nomor} diterbitkan dan berlaku.",
        )

    @admin.action(description="Susun draf versi baru (salinan versi terakhir)")
    def susun_draf(self, request, queryset):
        def buat(*, pelaku, layanan):
            return services.versi_buat(pelaku=pelaku, layanan=layanan, komponen={}, catatan="Disusun dari admin.")

        self._semua(request, queryset, buat, lambda layanan, v: f"{layanan.nama}: draf versi {v.nomor} disusun.")


class VersiForm(FormTransisi):
    class Meta:
        model = VersiLayanan
        fields = KOLOM_DRAF


@admin.register(VersiLayanan)
class VersiLayananAdmin(Lingkup, IzinBagianOrganisasi, AdminTransisi):
    """A draft is edited through `versi_ubah` (the service checks who may); a published version is read."""

    jalur_layanan = "layanan"
    form = VersiForm
    list_display = ["__str__", "nomor", "status", "berlaku", "diganti", "disusun_oleh", "diterbitkan_oleh"]
    list_filter = ["status", filter_perangkat_daerah("layanan__unit__")]
    search_fields = ["layanan__kode", "layanan__nama", "catatan_perubahan"]
    list_select_related = ["layanan", "disusun_oleh", "diterbitkan_oleh"]
    inlines = [type("RiwayatVersiInline", (RiwayatInline,), {"fk_name": "versi"})]
    berlaku = kolom_waktu("berlaku_sejak", "berlaku sejak")
    diganti = kolom_waktu("berlaku_sampai", "berlaku sampai")

    @admin.display(description="PDF")
    def pdf(self, versi):
        url = reverse("layanan:standar_pdf_versi", args=[versi.layanan.kode, versi.nomor])
        return format_html('<a href="{}">Maklumat dan standar (PDF)</a>', url)

    def get_fields(self, request, obj=None):
        return [*KOLOM_VERSI, "pdf", *KOLOM_DRAF]

    def get_readonly_fields(self, request, obj=None):
        return [*KOLOM_VERSI, "pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.status == StatusVersi.DRAF) and super().has_change_permission(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in KODE_KOMPONEN:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "cols": 90})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        baru = self.transisi(
            services.versi_ubah,
            request,
            versi=obj,
            komponen={k: d[k] for k in KODE_KOMPONEN if k in form.changed_data},
            catatan=d["catatan_perubahan"],
            tenggat_pengaduan_hari=d["tenggat_pengaduan_hari"],
        )
        self.salin(obj, baru)
        catat_pesan(request, f"Draf versi {baru.nomor} {baru.layanan.nama} disimpan.")
