"""The SOP registry in the admin: SOPs with their history, versions read-only with their activity table inline,
the rows themselves readable. The services own every state: actions approve the latest draft (`sop_terbitkan`)
or start a new one (`sop_versi_buat`); a draft is written on the registry's pages. Rows are those the user may
see (`sop_baca.sop_terlihat`; everything for the Bagian Organisasi's admins)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from kinerja.admin.dasar import InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu
from sistemkerja.admin import AdminRiwayat, TautanTerbatasMixin
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict

from .. import sop_baca
from ..models import LangkahSop, RiwayatLayanan, Sop, VersiSop
from ..services import sop as sop_services
from ..services import sop_isi
from .dasar import CariAman, IzinBaca

LABEL = {**sop_isi.LABEL, "pelaksana": "pelaksana", "langkah": "tabel kegiatan"}


class LingkupSop:
    """Rows of the SOPs the user may see; `jalur_sop` the lookup from this model to Sop ("" for Sop itself)."""

    jalur_sop = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        terlihat = sop_baca.sop_terlihat(request.user).values("pk")
        return qs.filter(**{f"{self.jalur_sop}__in" if self.jalur_sop else "pk__in": terlihat})


class RiwayatSopInline(InlineHanyaBaca):
    model = RiwayatLayanan
    fk_name = "sop"
    fields = ["waktu", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "catatan"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")


class VersiSopInline(InlineHanyaBaca):
    model = VersiSop
    fields = ["nomor", "status", "tanggal_efektif", "disahkan_oleh", "berlaku_sejak", "berlaku_sampai"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sop", "disahkan_oleh")


class LangkahSopInline(InlineHanyaBaca):
    model = LangkahSop
    fields = [
        "urutan",
        "uraian",
        "jenis",
        "pelaksana",
        "kelengkapan",
        "waktu",
        "output",
        "keterangan",
        "ke_ya",
        "ke_tidak",
    ]
    show_change_link = False


def pesan_galat(e: Exception) -> str:
    """A service's refusal in one sentence, the parts still missing named."""
    galat = galat_ke_dict(e)
    return " ".join(f"{LABEL.get(k, k or '').capitalize()}: {' '.join(p)}".lstrip(": ") for k, p in galat.items())


@admin.register(Sop)
class SopAdmin(CariAman, LingkupSop, IzinBaca, AdminRiwayat):
    list_display = ["nomor", "nama", "unit", "versi_berlaku", "aktif"]
    list_filter = ["aktif", filter_perangkat_daerah("unit__")]
    search_fields = ["nomor", "nama", "unit__nama"]
    list_select_related = ["unit", "versi_berlaku__sop"]
    readonly_fields = ["halaman"]
    inlines = [VersiSopInline, RiwayatSopInline]
    actions = ["sahkan_draf", "susun_draf"]

    @admin.display(description="halaman SOP")
    def halaman(self, sop):
        return format_html(
            '<a href="{}">Buka halaman SOP dan bagannya</a>', reverse("layanan:sop_detail", args=[sop.pk])
        )

    def _semua(self, request, queryset, fungsi, berhasil) -> None:
        for sop in queryset.select_related("unit"):
            try:
                hasil = fungsi(pelaku=request.user, sop=sop)
            except (ValidationError, GalatDomain) as e:
                messages.error(request, f"{sop.nomor}: {pesan_galat(e)}")
            else:
                messages.success(request, berhasil(sop, hasil))

    @admin.action(description="Sahkan draf terbaru menjadi SOP yang berlaku")
    def sahkan_draf(self, request, queryset):
        self._semua(
            request, queryset, sop_services.sop_terbitkan, lambda sop, v: f"{sop.nomor}: versi {v.nomor} disahkan."
        )

    @admin.action(description="Susun draf versi baru (salinan versi terakhir)")
    def susun_draf(self, request, queryset):
        def buat(*, pelaku, sop):
            return sop_services.sop_versi_buat(pelaku=pelaku, sop=sop, catatan="Disusun dari admin.")

        self._semua(request, queryset, buat, lambda sop, v: f"{sop.nomor}: draf versi {v.nomor} disusun.")


@admin.register(VersiSop)
class VersiSopAdmin(CariAman, LingkupSop, IzinBaca, AdminRiwayat):
    jalur_sop = "sop"
    list_display = ["__str__", "nomor", "status", "tanggal_efektif", "disahkan_oleh", "berlaku", "diganti"]
    list_filter = ["status", filter_perangkat_daerah("sop__unit__")]
    search_fields = ["sop__nomor", "sop__nama", "catatan_perubahan"]
    list_select_related = ["sop", "disahkan_oleh"]
    inlines = [LangkahSopInline]
    berlaku = kolom_waktu("berlaku_sejak", "berlaku sejak")
    diganti = kolom_waktu("berlaku_sampai", "berlaku sampai")
    exclude = ["sop_terkait"]


@admin.register(LangkahSop)
class LangkahSopAdmin(CariAman, LingkupSop, IzinBaca, TautanTerbatasMixin, admin.ModelAdmin):
    jalur_sop = "versi__sop"
    list_display = ["versi", "urutan", "uraian", "jenis", "pelaksana"]
    list_filter = ["jenis"]
    search_fields = ["uraian", "versi__sop__nomor"]
    list_select_related = ["versi__sop"]
