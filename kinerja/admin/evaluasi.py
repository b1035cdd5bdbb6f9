"""Results under review, reporting, the history of transitions, and the settings per instansi."""

from django.contrib import admin

from sistemkerja.admin import AdminRiwayat, kolom_tanggal

from ..models import Hasil, JadwalLaporan, Laporan, PengaturanKinerja, PengingatLaporan, PermintaanLaporan, Riwayat
from ..querysets import lingkup
from .dasar import HanyaBaca, HanyaBacaRiwayat, boleh_buka, filter_perangkat_daerah, kolom_waktu
from .perencanaan import RiwayatInline


class RiwayatHasilInline(RiwayatInline):
    fk_name = "hasil"


@admin.register(Hasil)
class HasilAdmin(HanyaBacaRiwayat):
    list_display = ["__str__", "status", "capaian", "pengaju", "peninjau", "putaran", "diajukan_pada", "menunggu"]
    list_filter = ["status", "target__tahun", filter_perangkat_daerah("target__unit__")]
    search_fields = ["uraian", "target__uraian", "pengaju__nama", "pengaju__nip", "peninjau__nama"]
    list_select_related = ["target", "pengaju", "peninjau"]
    inlines = [RiwayatHasilInline]
    diajukan_pada = kolom_waktu("diajukan", "diajukan")
    menunggu = kolom_waktu("menunggu_sejak", "menunggu sejak")


@admin.register(JadwalLaporan)
class JadwalLaporanAdmin(HanyaBaca):
    jalur_target = "target"
    list_display = ["target", "frekuensi", "mulai_tampil", "ditetapkan_oleh"]
    list_filter = ["frekuensi", "target__tahun"]
    search_fields = ["target__uraian", "target__unit__nama"]
    list_select_related = ["target__unit", "ditetapkan_oleh"]
    mulai_tampil = kolom_tanggal("mulai", "mulai")


@admin.register(PermintaanLaporan)
class PermintaanLaporanAdmin(HanyaBaca):
    jalur_target = "target"
    list_display = ["__str__", "target", "peminta", "diminta", "batas_tampil", "dijawab_tampil"]
    list_filter = [("dijawab", admin.EmptyFieldListFilter), "target__tahun"]
    search_fields = ["pesan", "kepada__nama", "kepada__nip", "peminta__nama", "target__uraian"]
    list_select_related = ["target__unit", "peminta", "kepada"]
    diminta = kolom_waktu("dibuat", "diminta")
    batas_tampil = kolom_tanggal("batas", "batas")
    dijawab_tampil = kolom_waktu("dijawab", "dijawab")


@admin.register(Laporan)
class LaporanAdmin(HanyaBaca):
    jalur_target = "target"
    list_display = ["__str__", "target", "kepada", "periode", "disampaikan"]
    list_filter = ["jenis", "target__tahun"]
    search_fields = ["isi", "pelapor__nama", "pelapor__nip", "kepada__nama", "target__uraian"]
    list_select_related = ["target__unit", "pelapor", "kepada"]
    disampaikan = kolom_waktu("dibuat", "disampaikan")


@admin.register(PengingatLaporan)
class PengingatLaporanAdmin(HanyaBaca):
    jalur_target = "jadwal__target"
    list_display = ["__str__", "jadwal", "periode", "jenis", "dikirim_pada"]
    list_filter = ["jenis"]
    search_fields = ["periode", "jadwal__target__uraian"]
    list_select_related = ["jadwal__target__unit"]
    dikirim_pada = kolom_waktu("dikirim", "dikirim")


@admin.register(Riwayat)
class RiwayatAdmin(HanyaBaca):
    """Every transition, newest first: the trail the services leave (read-only)."""

    list_display = ["__str__", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "perjanjian", "target", "hasil"]
    list_filter = ["aksi"]
    search_fields = ["catatan", "oleh__nama", "oleh__nip"]
    list_select_related = ["oleh", "perjanjian__unit", "target__unit", "hasil__target"]
    exclude = ["akun"]

    def get_queryset(self, request):
        from ..models import PerjanjianKinerja, Target

        qs = super().get_queryset(request).order_by("-waktu", "-id")
        if request.user.has_perm("kinerja.view_riwayat") or lingkup(request.user) is None:
            return qs
        pk = PerjanjianKinerja.objects.restrict(request.user).values("pk")
        target = Target.objects.restrict(request.user).values("pk")
        return qs.filter(perjanjian__in=pk) | qs.filter(target__in=target)


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(AdminRiwayat):
    """Kept here per instansi: how long a reviewer may take and how early reports are due; for the appraisal,
    the evaluation periods and the deadlines of the SKP, the evaluations and objections."""

    list_display = ["instansi", "batas_tinjau_hari", "pengingat_laporan_hari", "periode_evaluasi", "batas_skp_hari"]
    list_select_related = ["instansi"]
    fieldsets = [
        (None, {"fields": ["instansi"]}),
        ("Mekanisme kerja", {"fields": ["batas_tinjau_hari", "pengingat_laporan_hari"]}),
        (
            "Penilaian kinerja pegawai (SKP)",
            {
                "fields": [
                    "periode_evaluasi",
                    "batas_skp_hari",
                    "batas_evaluasi_hari",
                    "keberatan_hari",
                    "putusan_keberatan_hari",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["instansi"] if obj is not None else []

    def has_module_permission(self, request):
        return boleh_buka(request, super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return boleh_buka(request, super().has_view_permission(request, obj))

    def has_add_permission(self, request):
        return boleh_buka(request, super().has_add_permission(request))

    def has_change_permission(self, request, obj=None):
        return boleh_buka(request, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
