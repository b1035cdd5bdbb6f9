"""Complaints, their answers and layanan's history rows: read-only (the pages and the API move them through
the services), scoped as the complaint pages are (`selectors.pengaduan_terlihat`)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html

from kinerja.admin.dasar import InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu

from .. import selectors as sel
from ..models import Pengaduan, PengingatPengaduan, RiwayatLayanan, Tanggapan
from ..services import normal_lacak, tampil_lacak
from .dasar import HanyaBaca, singkat
from .standar import RiwayatInline


class LingkupPengaduan:
    """Complaints the user may see (`jalur_pengaduan`: the lookup from this model to Pengaduan)."""

    jalur_pengaduan = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if sel.jalur_pengelola(request.user) is None:
            return qs
        kolom = f"{self.jalur_pengaduan}__in" if self.jalur_pengaduan else "pk__in"
        return qs.filter(**{kolom: sel.pengaduan_terlihat(request.user).values("pk")})


class TerlambatFilter(admin.SimpleListFilter):
    title = "tenggat"
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", "Lewat tenggat, belum selesai"), ("tidak", "Belum lewat tenggat atau selesai")]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(sel.terlambat_q())
        if self.value() == "tidak":
            return queryset.exclude(sel.terlambat_q())
        return queryset


class TanggapanInline(InlineHanyaBaca):
    model = Tanggapan
    fields = ["isi", "oleh", "dibuat", "diterbitkan", "diterbitkan_oleh"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh", "diterbitkan_oleh", "pengaduan")


class RiwayatPengaduanInline(RiwayatInline):
    fk_name = "pengaduan"


@admin.register(Pengaduan)
class PengaduanAdmin(LingkupPengaduan, HanyaBaca):
    list_display = ["kode", "jenis", "status", "layanan", "unit", "diterima_pada", "tenggat", "terlambat"]
    list_filter = ["status", "jenis", TerlambatFilter, filter_perangkat_daerah("unit__")]
    search_fields = ["kode_lacak", "isi", "nama", "layanan__kode", "layanan__nama"]
    list_select_related = ["layanan", "unit"]
    fields = [
        "kode",
        "instansi",
        "layanan",
        "unit",
        "jenis",
        "isi",
        "nama",
        "kontak",
        "berkas",
        "status",
        "diterima",
        "diproses",
        "tenggat",
        "selesai",
    ]
    readonly_fields = fields
    inlines = [TanggapanInline, RiwayatPengaduanInline]
    diterima_pada = kolom_waktu("diterima", "diterima")

    @admin.display(description="kode lacak", ordering="kode_lacak")
    def kode(self, obj):
        return tampil_lacak(obj.kode_lacak)

    @admin.display(description="terlambat", boolean=True)
    def terlambat(self, obj):
        return obj.status != "selesai" and obj.tenggat < timezone.localdate()

    @admin.display(description="lampiran")
    def berkas(self, obj):
        if not obj.lampiran:
            return "—"
        try:
            return format_html('<a href="{}">Unduh lampiran</a>', reverse("layanan:pengaduan_lampiran", args=[obj.pk]))
        except NoReverseMatch:
            return "Ada lampiran (buka dari halaman pengaduan)"

    def get_search_results(self, request, queryset, search_term):
        kode = normal_lacak(search_term.strip())
        if kode:  # a tracking code typed as printed ("ABCD-EFGH-JKMN")
            return queryset.filter(kode_lacak=kode), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(Tanggapan)
class TanggapanAdmin(LingkupPengaduan, HanyaBaca):
    jalur_pengaduan = "pengaduan"
    list_display = ["__str__", "isi_singkat", "oleh", "ditulis", "terbit"]
    list_filter = [("diterbitkan", admin.EmptyFieldListFilter)]
    search_fields = ["isi", "pengaduan__kode_lacak"]
    list_select_related = ["pengaduan", "oleh"]
    ditulis = kolom_waktu("dibuat", "ditulis")
    terbit = kolom_waktu("diterbitkan", "diterbitkan")

    @admin.display(description="isi", ordering="isi")
    def isi_singkat(self, obj):
        return singkat(obj.isi)


@admin.register(RiwayatLayanan)
class RiwayatLayananAdmin(HanyaBaca):
    list_display = ["waktu", "aksi", "layanan", "versi", "pengaduan", "oleh", "sebagai", "status_dari", "status_ke"]
    list_filter = ["aksi", "sebagai"]
    search_fields = ["layanan__kode", "pengaduan__kode_lacak", "oleh__nama", "oleh__nip", "catatan"]
    list_select_related = ["layanan", "versi__layanan", "pengaduan", "oleh"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if sel.jalur_pengelola(request.user) is None:
            return qs
        return qs.filter(
            Q(layanan__in=sel.layanan_dikelola(request.user).values("pk"))
            | Q(pengaduan__in=sel.pengaduan_terlihat(request.user).values("pk"))
        )


@admin.register(PengingatPengaduan)
class PengingatPengaduanAdmin(HanyaBaca):
    """Which daily summaries of overdue complaints were sent (the job's record that it ran once a day)."""

    list_display = ["tanggal", "kunci", "dikirim"]
    list_filter = ["tanggal"]
    search_fields = ["kunci"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        return qs if sel.jalur_pengelola(request.user) is None else qs.none()
