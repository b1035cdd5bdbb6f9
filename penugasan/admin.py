"""Penugasan in the Bagian Organisasi's admin: everything visible, decided records read-only, with history.

Requests, teams and letters move only through their flows (the pages and the API); here they are
read, a letter can be revoked with a reason or reissued, and the settings the flows use are kept:
numbering patterns, the Pejabat yang Berwenang, the competency catalogue. Nothing is deleted.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from organisasi.admin.dasar import AdminCakupan
from sistemkerja import riwayat
from sistemkerja.admin import AdminRiwayat, kolom_tanggal
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import FormTransisi, galat_ke_dict

from . import services
from .choices import StatusSurat
from .models import (
    AnggotaTim,
    Kompetensi,
    KompetensiPegawai,
    NomorSurat,
    PegawaiPenugasan,
    PejabatBerwenang,
    Penugasan,
    PolaNomorSurat,
    RiwayatPenugasan,
    Surat,
    Tembusan,
    TimKerja,
)


class RiwayatHanyaBaca(AdminRiwayat):
    """History without revert (a revert would skip the services), no deleting."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class HanyaBaca(RiwayatHanyaBaca):
    """Records that change only through their flows: readable by whoever may see them."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.restrict(request.user) if hasattr(qs, "restrict") else qs

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InlineHanyaBaca(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RiwayatInline(InlineHanyaBaca):
    model = RiwayatPenugasan
    fields = ["waktu", "langkah", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "langkah_ke", "catatan"]
    readonly_fields = fields


class OrangInline(InlineHanyaBaca):
    model = PegawaiPenugasan
    fields = ["pegawai", "usulan"]
    readonly_fields = fields


class TembusanInline(InlineHanyaBaca):
    model = Tembusan
    fields = ["pegawai", "sebagai", "langkah", "surat", "dikirim", "dibaca"]
    readonly_fields = fields


class SuratInline(InlineHanyaBaca):
    model = Surat
    fields = ["jenis", "nomor", "tanggal", "status", "status_berkas", "kode_verifikasi"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Penugasan)
class PenugasanAdmin(HanyaBaca):
    list_display = ["__str__", "alur", "status", "langkah", "pemohon", "unit_tujuan", "diajukan", "batas"]
    list_filter = ["alur", "status", "langkah"]
    search_fields = ["pemohon__nip", "pemohon__nama", "unit_tujuan__nama", "maksud"]
    list_select_related = ["pemohon", "unit_tujuan"]
    inlines = [OrangInline, RiwayatInline, TembusanInline, SuratInline]
    diajukan = kolom_tanggal("dibuat", "diajukan")
    batas = kolom_tanggal("batas_keputusan", "batas keputusan")


class AnggotaInline(InlineHanyaBaca):
    model = AnggotaTim
    fields = ["pegawai", "peran", "mulai", "selesai", "penugasan"]
    readonly_fields = fields


@admin.register(TimKerja)
class TimKerjaAdmin(HanyaBaca):
    list_display = ["nama", "unit_pemilik", "ketua", "sifat", "mulai", "selesai"]
    list_filter = ["sifat"]
    search_fields = ["nama", "ketua__nip", "ketua__nama", "unit_pemilik__nama"]
    list_select_related = ["unit_pemilik", "ketua"]
    inlines = [AnggotaInline]


class SuratCabutForm(FormTransisi):
    class Meta:
        model = Surat
        fields = ["alasan_cabut"]
        help_texts = {
            "alasan_cabut": "Isi lalu simpan untuk mencabut surat ini. Surat tidak pernah dihapus; "
            "terbitkan penggantinya dengan aksi di daftar surat."
        }


class AdminPenugasan(AdminCakupan):
    """Saves through services (organisasi.admin.dasar.AdminCakupan); scope by the record's own restrict."""

    def batasi(self, request, qs):
        return qs.restrict(request.user) if hasattr(qs, "restrict") else qs

    def _izin(self, request, obj, izin_model: bool) -> bool:
        return request.user.is_active and request.user.is_staff and izin_model


@admin.register(Surat)
class SuratAdmin(AdminPenugasan):
    """Read-only, except revoking with a reason (a form of one field) and reissuing (an action)."""

    form = SuratCabutForm
    list_display = ["nomor", "jenis", "tanggal", "status", "status_berkas", "penandatangan", "pdf"]
    list_filter = ["jenis", "status", "status_berkas", "tahun"]
    search_fields = ["nomor", "kode_verifikasi", "penandatangan__nip", "penandatangan__nama"]
    list_select_related = ["penandatangan"]
    actions = ["terbitkan_ulang"]
    readonly_fields = [
        "jenis",
        "nomor",
        "tanggal",
        "perihal",
        "penugasan",
        "unit_penerbit",
        "kode_verifikasi",
        "penandatangan",
        "status",
        "dicabut",
        "dicabut_oleh",
        "menggantikan",
        "status_berkas",
        "pdf",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        berlaku = obj is None or obj.status == StatusSurat.BERLAKU
        return berlaku and super().has_change_permission(request, obj)

    @admin.display(description="PDF")
    def pdf(self, obj):
        if obj.status_berkas != "selesai":
            return obj.get_status_berkas_display()
        return format_html('<a href="{}">Unduh</a>', reverse("penugasan:surat_pdf", args=[obj.pk]))

    def save_model(self, request, obj, form, change):
        self.salin(
            obj, self.transisi(services.surat_cabut, request, surat=obj, alasan=form.cleaned_data["alasan_cabut"])
        )

    @admin.action(description="Terbitkan ulang surat yang dicabut (nomor baru)")
    def terbitkan_ulang(self, request, queryset):
        for surat in queryset:
            try:
                baru = services.surat_terbitkan_ulang(pelaku=request.user, surat=surat)
                messages.success(request, riwayat.pesan_transisi("surat_terbitkan_ulang", baru, {"surat": surat})[0])
            except (ValidationError, GalatDomain) as e:
                messages.error(request, f"{surat.nomor}: {' '.join(sum(galat_ke_dict(e).values(), []))}")


class PolaNomorForm(FormTransisi):
    class Meta:
        model = PolaNomorSurat
        fields = ["unit", "pola", "kode"]


@admin.register(PolaNomorSurat)
class PolaNomorSuratAdmin(AdminPenugasan):
    form = PolaNomorForm
    list_display = ["unit", "pola", "kode"]
    search_fields = ["unit__nama", "unit__kode"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        self.salin(
            obj, self.transisi(services.pola_nomor_atur, request, unit=d["unit"], pola=d["pola"], kode=d["kode"])
        )


class PejabatBerwenangForm(FormTransisi):
    class Meta:
        model = PejabatBerwenang
        fields = ["instansi", "unit"]


@admin.register(PejabatBerwenang)
class PejabatBerwenangAdmin(AdminPenugasan):
    form = PejabatBerwenangForm
    list_display = ["instansi", "unit"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        self.salin(obj, self.transisi(services.pejabat_berwenang_atur, request, instansi=d["instansi"], unit=d["unit"]))


@admin.register(NomorSurat)
class NomorSuratAdmin(admin.ModelAdmin):
    """The last number given per unit and year: moved only by issuing letters, kept without a history of its own
    (each letter has one), so Django's plain admin with nothing to change rather than simple-history's pages."""

    list_display = ["unit", "tahun", "terakhir"]
    list_filter = ["tahun"]
    list_select_related = ["unit"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Kompetensi)
class KompetensiAdmin(admin.ModelAdmin):
    list_display = ["nama", "keterangan"]
    search_fields = ["nama"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KompetensiPegawai)
class KompetensiPegawaiAdmin(RiwayatHanyaBaca):
    list_display = ["pegawai", "kompetensi", "bukti", "dicatat"]
    search_fields = ["pegawai__nip", "pegawai__nama", "kompetensi__nama"]
    autocomplete_fields = ["pegawai", "kompetensi"]
    list_select_related = ["pegawai", "kompetensi"]
