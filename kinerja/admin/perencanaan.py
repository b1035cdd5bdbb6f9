"""PK, sasaran, indikator and targets: set by the Pimpinan through the services, read here."""

from django.contrib import admin

from ..models import Indikator, PerjanjianKinerja, Riwayat, Sasaran, Target
from .dasar import HanyaBaca, HanyaBacaRiwayat, InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu


class SasaranInline(InlineHanyaBaca):
    model = Sasaran
    fields = ["urutan", "uraian"]


class IndikatorInline(InlineHanyaBaca):
    model = Indikator
    fields = ["urutan", "uraian", "satuan", "target"]
    show_change_link = False


class RiwayatInline(InlineHanyaBaca):
    """The transitions of the record, oldest first, as the services wrote them."""

    model = Riwayat
    fields = ["waktu", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "catatan"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")


class RiwayatPKInline(RiwayatInline):
    fk_name = "perjanjian"


class RiwayatTargetInline(RiwayatInline):
    fk_name = "target"


class TargetInline(InlineHanyaBaca):
    model = Target
    fk_name = "perjanjian"
    fields = ["uraian", "unit", "satuan", "target", "cara", "aktif"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(HanyaBacaRiwayat):
    list_display = ["__str__", "unit", "tahun", "versi", "status", "ditetapkan_oleh", "ditetapkan_pada"]
    list_filter = ["tahun", "status", filter_perangkat_daerah("unit__")]
    search_fields = ["unit__nama", "unit__kode", "sasaran__uraian"]
    list_select_related = ["unit", "ditetapkan_oleh"]
    inlines = [SasaranInline, TargetInline, RiwayatPKInline]
    ditetapkan_pada = kolom_waktu("ditetapkan", "ditetapkan pada")

    def get_search_results(self, request, queryset, search_term):
        qs, _ = super().get_search_results(request, queryset, search_term)
        return qs.distinct(), False


@admin.register(Sasaran)
class SasaranAdmin(HanyaBaca):
    list_display = ["__str__", "perjanjian", "urutan"]
    list_filter = ["perjanjian__tahun", "perjanjian__status"]
    search_fields = ["uraian", "perjanjian__unit__nama"]
    list_select_related = ["perjanjian__unit"]
    inlines = [IndikatorInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(perjanjian__in=PerjanjianKinerja.objects.restrict(request.user).values("pk"))
        )


@admin.register(Indikator)
class IndikatorAdmin(HanyaBaca):
    list_display = ["uraian", "satuan", "target", "sasaran", "pk"]
    list_filter = ["sasaran__perjanjian__tahun"]
    search_fields = ["uraian", "sasaran__perjanjian__unit__nama"]
    list_select_related = ["sasaran__perjanjian__unit"]

    @admin.display(description="perjanjian kinerja", ordering="sasaran__perjanjian")
    def pk(self, obj):
        return obj.sasaran.perjanjian

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(sasaran__perjanjian__in=PerjanjianKinerja.objects.restrict(request.user).values("pk"))
        )


class TurunanInline(TargetInline):
    fk_name = "induk"
    verbose_name = "target turunan"
    verbose_name_plural = "target turunan"


@admin.register(Target)
class TargetAdmin(HanyaBacaRiwayat):
    list_display = ["uraian_singkat", "unit", "tahun", "target", "satuan", "cara", "tim", "aktif", "perjanjian"]
    list_filter = ["tahun", "aktif", "cara", filter_perangkat_daerah("unit__")]
    search_fields = ["uraian", "unit__nama", "unit__kode"]
    list_select_related = ["unit", "tim", "perjanjian__unit"]
    inlines = [TurunanInline, RiwayatTargetInline]

    @admin.display(description="uraian", ordering="uraian")
    def uraian_singkat(self, obj):
        return obj.uraian[:80]
