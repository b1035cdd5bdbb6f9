"""Plans with their activities and budget, progress, spending and feedback: written by the services."""

from django.contrib import admin

from sistemkerja.admin import kolom_tanggal

from ..models import Anggaran, Kegiatan, Progres, Realisasi, RencanaKegiatan, Rincian, UmpanBalik
from .dasar import HanyaBaca, HanyaBacaRiwayat, InlineHanyaBaca, filter_perangkat_daerah, kolom_waktu
from .perencanaan import RiwayatInline


class KegiatanInline(InlineHanyaBaca):
    model = Kegiatan
    fields = ["urutan", "uraian", "mulai", "selesai", "persen"]


class AnggaranInline(InlineHanyaBaca):
    model = Anggaran
    fields = ["uraian", "jumlah"]
    show_change_link = False


class RincianInline(InlineHanyaBaca):
    model = Rincian
    fields = ["uraian", "pegawai", "peran", "mulai", "selesai", "oleh"]
    show_change_link = False


class ProgresInline(InlineHanyaBaca):
    model = Progres
    fields = ["tanggal", "persen", "uraian", "bukti_url", "oleh"]
    show_change_link = False


class RealisasiInline(InlineHanyaBaca):
    model = Realisasi
    fields = ["tanggal", "uraian", "jumlah", "anggaran", "oleh"]
    show_change_link = False


class RiwayatRencanaInline(RiwayatInline):
    fk_name = "rencana"


@admin.register(RencanaKegiatan)
class RencanaKegiatanAdmin(HanyaBacaRiwayat):
    jalur_target = "target"
    list_display = ["__str__", "status", "disusun_oleh", "disetujui_oleh", "disetujui_pada"]
    list_filter = ["status", "target__tahun", filter_perangkat_daerah("target__unit__")]
    search_fields = ["target__uraian", "target__unit__nama", "disusun_oleh__nama", "disusun_oleh__nip"]
    list_select_related = ["target__unit", "disusun_oleh", "disetujui_oleh"]
    inlines = [KegiatanInline, RiwayatRencanaInline]
    disetujui_pada = kolom_waktu("disetujui", "disetujui pada")


@admin.register(Kegiatan)
class KegiatanAdmin(HanyaBaca):
    jalur_target = "rencana__target"
    list_display = ["__str__", "rencana", "mulai_tampil", "selesai_tampil", "persen"]
    list_filter = ["rencana__status", "rencana__target__tahun"]
    search_fields = ["uraian", "rencana__target__uraian", "rencana__target__unit__nama"]
    list_select_related = ["rencana__target__unit"]
    inlines = [AnggaranInline, RincianInline, ProgresInline, RealisasiInline]
    mulai_tampil = kolom_tanggal("mulai", "mulai")
    selesai_tampil = kolom_tanggal("selesai", "selesai")


@admin.register(Anggaran)
class AnggaranAdmin(HanyaBaca):
    jalur_target = "kegiatan__rencana__target"
    list_display = ["uraian", "jumlah", "kegiatan"]
    list_filter = ["kegiatan__rencana__target__tahun"]
    search_fields = ["uraian", "kegiatan__uraian"]
    list_select_related = ["kegiatan"]


@admin.register(Rincian)
class RincianAdmin(HanyaBaca):
    jalur_target = "kegiatan__rencana__target"
    list_display = ["__str__", "kegiatan", "pegawai", "peran", "oleh"]
    search_fields = ["uraian", "pegawai__nama", "pegawai__nip"]
    list_select_related = ["kegiatan", "pegawai", "oleh"]


@admin.register(Progres)
class ProgresAdmin(HanyaBaca):
    jalur_target = "kegiatan__rencana__target"
    list_display = ["tanggal_tampil", "persen", "kegiatan", "oleh"]
    list_filter = ["kegiatan__rencana__target__tahun"]
    search_fields = ["uraian", "kegiatan__uraian", "oleh__nama", "oleh__nip"]
    list_select_related = ["kegiatan", "oleh"]
    tanggal_tampil = kolom_tanggal("tanggal", "tanggal")


@admin.register(Realisasi)
class RealisasiAdmin(HanyaBaca):
    jalur_target = "kegiatan__rencana__target"
    list_display = ["tanggal_tampil", "uraian", "jumlah", "kegiatan", "anggaran", "oleh"]
    list_filter = ["kegiatan__rencana__target__tahun"]
    search_fields = ["uraian", "kegiatan__uraian", "oleh__nama", "oleh__nip"]
    list_select_related = ["kegiatan", "anggaran", "oleh"]
    tanggal_tampil = kolom_tanggal("tanggal", "tanggal")


@admin.register(UmpanBalik)
class UmpanBalikAdmin(HanyaBaca):
    jalur_target = "target"
    list_display = ["__str__", "target", "dikirim", "dibaca_tampil"]
    list_filter = [("dibaca", admin.EmptyFieldListFilter), "target__tahun"]
    search_fields = ["isi", "dari__nama", "dari__nip", "kepada__nama", "kepada__nip"]
    list_select_related = ["dari", "kepada", "target__unit"]
    exclude = ["akun"]
    dikirim = kolom_waktu("dibuat", "dikirim")
    dibaca_tampil = kolom_waktu("dibaca", "dibaca")
