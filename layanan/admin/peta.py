"""Business-process maps, their versions, review rounds and findings in the admin: read-only, scoped as the
pages are (`peta_baca.peta_terlihat`, `reviu_terlihat`); the pages move them through the services, and the
actions here call the same services (set a map's latest draft in force, start a planned round, accept a
finding's follow-up). Maps keep their simple-history pages; every step is in the history rows inline."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from kinerja.admin.dasar import InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu
from sistemkerja.admin import AdminRiwayat, TautanTerbatasMixin
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict

from .. import peta_baca as pb
from ..choices import StatusReviu
from ..models import PetaProses, Reviu, Temuan, VersiPeta
from ..services import peta as peta_services
from ..services import reviu as reviu_services
from .dasar import CariAman, IzinBaca, singkat
from .standar import RiwayatInline


class Lingkup:
    """Rows the user may see on the pages (`terlihat(user)`; `jalur`: the lookup from this model to it)."""

    jalur = ""

    @staticmethod
    def terlihat(user):
        raise NotImplementedError

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)  # not the service scope of layanan's other admins
        if pb.instansi_terlihat(request.user) is None:
            return qs
        kolom = f"{self.jalur}__in" if self.jalur else "pk__in"
        return qs.filter(**{kolom: self.terlihat(request.user).values("pk")})


class LingkupPeta(Lingkup):
    terlihat = staticmethod(pb.peta_terlihat)


class LingkupReviu(Lingkup):
    terlihat = staticmethod(pb.reviu_terlihat)


def _semua(request, queryset, fungsi, berhasil) -> None:
    """Call a service for each selected row; its refusal becomes a message naming the row."""
    for obj in queryset:
        try:
            hasil = fungsi(obj)
        except (ValidationError, GalatDomain) as e:
            pesan = " ".join(p for daftar in galat_ke_dict(e).values() for p in daftar)
            messages.error(request, f"{obj}: {pesan}")
        else:
            messages.success(request, berhasil(obj, hasil))


class HanyaBacaPeta(CariAman, IzinBaca, TautanTerbatasMixin, admin.ModelAdmin):
    """Read-only; the services move these rows."""


class VersiPetaInline(InlineHanyaBaca):
    model = VersiPeta
    fields = ["nomor", "status", "format", "berkas_unduh", "ukuran", "berlaku_sejak", "berlaku_sampai"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("peta")

    @admin.display(description="berkas")
    def berkas_unduh(self, obj):
        return _unduh(obj)


def _unduh(v: VersiPeta) -> str:
    return format_html('<a href="{}">{}</a>', reverse("layanan:peta_berkas", args=[v.peta_id, v.nomor]), v.nama_berkas)


class RiwayatPetaInline(RiwayatInline):
    fk_name = "peta"


@admin.register(PetaProses)
class PetaProsesAdmin(LingkupPeta, CariAman, IzinBaca, AdminRiwayat):
    list_display = ["kode", "nama", "jenis", "level", "unit", "induk_kode", "berlaku", "aktif"]
    list_filter = ["jenis", "level", "aktif", filter_perangkat_daerah("unit__")]
    search_fields = ["kode", "nama", "unit__nama", "unit__kode"]
    list_select_related = ["unit", "induk", "versi_berlaku"]
    fields = ["kode", "nama", "jenis", "level", "unit", "induk", "unit_terlibat", "sop", "uraian", "aktif", "halaman"]
    readonly_fields = fields
    inlines = [VersiPetaInline, RiwayatPetaInline]
    actions = ["tetapkan_draf"]

    @admin.display(description="induk", ordering="induk__kode")
    def induk_kode(self, obj):
        return obj.induk.kode if obj.induk else "—"

    @admin.display(description="versi berlaku")
    def berlaku(self, obj):
        return f"versi {obj.versi_berlaku.nomor}" if obj.versi_berlaku else "—"

    @admin.display(description="halaman")
    def halaman(self, obj):
        return format_html('<a href="{}">Buka halaman peta</a>', reverse("layanan:peta_detail", args=[obj.pk]))

    @admin.action(description="Tetapkan draf terbaru menjadi versi berlaku")
    def tetapkan_draf(self, request, queryset):
        _semua(
            request,
            queryset.select_related("unit"),
            lambda p: peta_services.peta_terbitkan(pelaku=request.user, peta=p),
            lambda p, v: f"{p.kode}: versi {v.nomor} ditetapkan dan berlaku.",
        )


@admin.register(VersiPeta)
class VersiPetaAdmin(LingkupPeta, HanyaBacaPeta):
    jalur = "peta"
    list_display = ["__str__", "nomor", "status", "format", "ukuran", "diunggah", "ditetapkan", "diterbitkan_oleh"]
    list_filter = ["status", "format", filter_perangkat_daerah("peta__unit__")]
    search_fields = ["peta__kode", "peta__nama", "nama_berkas"]
    list_select_related = ["peta", "diterbitkan_oleh"]
    fields = [
        "peta",
        "nomor",
        "status",
        "format",
        "berkas_unduh",
        "ukuran",
        "catatan_perubahan",
        "disusun_oleh",
        "dibuat",
        "tanggal_penetapan",
        "diterbitkan_oleh",
        "berlaku_sejak",
        "berlaku_sampai",
    ]
    readonly_fields = fields
    diunggah = kolom_waktu("dibuat", "diunggah")
    ditetapkan = kolom_waktu("berlaku_sejak", "berlaku sejak")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if pb.instansi_terlihat(request.user) is None:
            return qs
        return qs.filter(Q(berlaku_sejak__isnull=False) | pb.q_draf_terlihat(request.user, "peta__unit"))

    @admin.display(description="berkas")
    def berkas_unduh(self, obj):
        return _unduh(obj)


class TemuanInline(InlineHanyaBaca):
    model = Temuan
    fields = ["status", "sop", "peta", "uraian", "tenggat", "tindak_lanjut"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sop", "peta", "reviu")


class RiwayatReviuInline(RiwayatInline):
    fk_name = "reviu"


@admin.register(Reviu)
class ReviuAdmin(LingkupReviu, HanyaBacaPeta):
    list_display = ["judul", "tahun", "perangkat_daerah", "status", "mulai", "selesai", "jumlah_temuan"]
    list_filter = ["status", "tahun", filter_perangkat_daerah("perangkat_daerah__")]
    search_fields = ["judul", "perangkat_daerah__nama"]
    list_select_related = ["perangkat_daerah"]
    fields = ["perangkat_daerah", "tahun", "judul", "metode", "status", "mulai", "selesai", "kesimpulan", "dibuat_oleh"]
    readonly_fields = fields
    inlines = [TemuanInline, RiwayatReviuInline]
    actions = ["mulai_reviu"]

    def get_queryset(self, request):
        return pb.ringkasan_reviu(super().get_queryset(request))

    @admin.display(description="temuan", ordering="jumlah_temuan")
    def jumlah_temuan(self, obj):
        return f"{obj.jumlah_temuan} ({obj.temuan_terbuka} terbuka)"

    @admin.action(description="Mulai reviu yang direncanakan (berjalan)")
    def mulai_reviu(self, request, queryset):
        _semua(
            request,
            queryset.select_related("perangkat_daerah"),
            lambda r: reviu_services.reviu_status(pelaku=request.user, reviu=r, status=StatusReviu.BERJALAN),
            lambda r, _: f"{r.judul}: berjalan.",
        )


@admin.register(Temuan)
class TemuanAdmin(LingkupReviu, HanyaBacaPeta):
    jalur = "reviu"
    list_display = ["id", "ringkas", "status", "reviu", "pokok", "tenggat"]
    list_filter = ["status", filter_perangkat_daerah("reviu__perangkat_daerah__")]
    search_fields = ["uraian", "tindak_lanjut", "reviu__judul"]
    list_select_related = ["reviu", "sop", "peta"]
    fields = [
        "reviu",
        "sop",
        "peta",
        "uraian",
        "rekomendasi",
        "status",
        "tenggat",
        "tindak_lanjut",
        "ditindaklanjuti",
        "ditindaklanjuti_oleh",
        "dibuat",
        "dicatat_oleh",
    ]
    readonly_fields = fields
    actions = ["terima_tindak_lanjut"]

    @admin.display(description="temuan")
    def ringkas(self, obj):
        return singkat(obj.uraian, 60)

    @admin.display(description="tentang")
    def pokok(self, obj):
        return f"SOP {obj.sop.nomor}" if obj.sop else f"peta {obj.peta.kode}"

    @admin.action(description="Terima tindak lanjut (temuan selesai)")
    def terima_tindak_lanjut(self, request, queryset):
        _semua(
            request,
            queryset.select_related("reviu__perangkat_daerah"),
            lambda t: reviu_services.temuan_tutup(pelaku=request.user, temuan=t, terima=True),
            lambda t, _: f"Temuan #{t.pk}: selesai.",
        )
