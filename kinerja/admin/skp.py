"""The appraisal (SKP, evaluations, objections, documents) in the Bagian Organisasi's admin.

What a service owns is read-only here: SKPs and their contents, evaluations, objections, follow-up, the signed
documents and their signatures, reminders, imported predikat and the history of transitions. Each is scoped
like the pages (`Skp.objects.restrict`: the person, their PPK and atasan PPK, the Bagian Organisasi). What the
Bagian Organisasi keeps is edited here, with history: what a predikat brings (`KonsekuensiPredikat`) and the
angka kredit brought in (`SaldoAngkaKredit`). A Unit Organisasi's predikat is set through its service
(`predikat_organisasi_tetapkan`), the form only passing the values on. Nothing is deleted.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from organisasi.choices import JenisUnit
from organisasi.models import Unit
from organisasi.permissions import adalah_admin_organisasi
from sistemkerja.admin import AdminRiwayat, AdminTransisi, catat_pesan
from sistemkerja.forms import FormTransisi

from .. import services
from ..models import (
    CatatanSkp,
    DokumenKinerja,
    Evaluasi,
    HasilKerja,
    IndikatorSkp,
    Keberatan,
    KonsekuensiPredikat,
    PengingatSkp,
    PerilakuSkp,
    PredikatImpor,
    PredikatOrganisasiTahunan,
    RencanaPengembangan,
    RiwayatSkp,
    SaldoAngkaKredit,
    Skp,
    TandaTangan,
    TindakLanjut,
    UmpanBalikSkp,
)
from .dasar import HanyaBaca, HanyaBacaRiwayat, InlineHanyaBaca, boleh_buka, filter_perangkat_daerah, kolom_waktu
from .perencanaan import RiwayatInline


class LingkupSkp:
    """Rows reached through an SKP (`jalur_skp`, the lookup from this model to Skp) only where the user may
    read that SKP."""

    jalur_skp = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not self.jalur_skp:
            return qs
        return qs.filter(**{f"{self.jalur_skp}__in": Skp.objects.restrict(request.user).values("pk")})


class IzinBagianOrganisasi:
    """Kept by the Bagian Organisasi: staff accounts with the model's permissions or the Admin Organisasi may
    add and change; nothing is deleted."""

    def has_module_permission(self, request):
        return boleh_buka(request, super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return boleh_buka(request, super().has_view_permission(request, obj))

    def has_add_permission(self, request, *args):
        return boleh_buka(request, super().has_add_permission(request, *args))

    def has_change_permission(self, request, obj=None):
        return boleh_buka(request, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


def kolom_singkat(nama: str, judul: str, n: int = 80):
    """A changelist column showing a long text field's first `n` characters, sortable by it."""

    @admin.display(description=judul, ordering=nama)
    def tampil(self, obj):
        teks = getattr(obj, nama)
        return (teks if len(teks) <= n else teks[: n - 1] + "…") or "—"

    return tampil


# --- inlines ---


class RiwayatSkpSkpInline(RiwayatInline):
    """The SKP's transitions, oldest first, as the services wrote them (the same columns as kinerja's)."""

    model = RiwayatSkp
    fk_name = "skp"


class RiwayatSkpEvaluasiInline(RiwayatSkpSkpInline):
    fk_name = "evaluasi"


class HasilKerjaInline(InlineHanyaBaca):
    model = HasilKerja
    fk_name = "skp"
    fields = ["urutan", "jenis", "uraian", "perspektif", "pendekatan", "intervensi_uraian"]


class PerilakuInline(InlineHanyaBaca):
    model = PerilakuSkp
    fields = ["nilai", "ekspektasi"]
    show_change_link = False


class EvaluasiInline(InlineHanyaBaca):
    model = Evaluasi
    fields = ["periode", "jenis", "rating_hasil", "rating_perilaku", "predikat", "angka_kredit", "status"]


class DokumenInline(InlineHanyaBaca):
    model = DokumenKinerja
    fields = ["jenis", "kode_verifikasi", "berlaku", "dibuat"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skp")


class IndikatorInline(InlineHanyaBaca):
    model = IndikatorSkp
    fields = ["urutan", "uraian", "aspek", "target", "satuan"]
    show_change_link = False


class TindakLanjutInline(InlineHanyaBaca):
    model = TindakLanjut
    fields = ["dibuat", "jenis", "uraian", "persen_tpp", "dicatat_oleh"]
    show_change_link = False


class KeberatanInline(InlineHanyaBaca):
    model = Keberatan
    fields = ["diajukan", "status", "alasan", "batas_putusan", "pemutus", "putusan"]


class TandaTanganInline(InlineHanyaBaca):
    model = TandaTangan
    fields = ["peran", "pegawai", "waktu"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pegawai")


# --- the SKP and what it holds ---


@admin.register(Skp)
class SkpAdmin(HanyaBacaRiwayat):
    list_display = ["__str__", "tahun", "model", "status", "unit", "ppk", "atasan_ppk", "disetujui_pada"]
    list_filter = ["tahun", "status", "model", filter_perangkat_daerah("unit__")]
    search_fields = ["pegawai__nama", "pegawai__nip", "unit__nama"]
    list_select_related = ["pegawai", "unit", "ppk", "atasan_ppk"]
    inlines = [HasilKerjaInline, PerilakuInline, EvaluasiInline, DokumenInline, RiwayatSkpSkpInline]
    disetujui_pada = kolom_waktu("disetujui", "disetujui pada")


@admin.register(HasilKerja)
class HasilKerjaAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["uraian_singkat", "skp", "jenis", "perspektif", "pendekatan"]
    list_filter = ["jenis", "pendekatan", "skp__tahun"]
    search_fields = ["uraian", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai"]
    inlines = [IndikatorInline]

    uraian_singkat = kolom_singkat("uraian", "rencana hasil kerja")


@admin.register(IndikatorSkp)
class IndikatorSkpAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "hasil_kerja__skp"
    list_display = ["uraian_singkat", "aspek", "target", "satuan", "hasil_kerja"]
    list_filter = ["aspek", "hasil_kerja__skp__tahun"]
    search_fields = ["uraian", "hasil_kerja__skp__pegawai__nama"]
    list_select_related = ["hasil_kerja"]

    uraian_singkat = kolom_singkat("uraian", "indikator kinerja individu")


@admin.register(PerilakuSkp)
class PerilakuSkpAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["__str__", "skp", "ekspektasi_singkat"]
    list_filter = ["nilai", "skp__tahun"]
    search_fields = ["ekspektasi", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai"]

    ekspektasi_singkat = kolom_singkat("ekspektasi", "ekspektasi khusus pimpinan")


@admin.register(CatatanSkp)
class CatatanSkpAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["uraian_singkat", "skp", "periode", "realisasi", "dicatat"]
    list_filter = ["skp__tahun"]
    search_fields = ["uraian", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    dicatat = kolom_waktu("dibuat", "dicatat")

    uraian_singkat = kolom_singkat("uraian", "uraian")


@admin.register(UmpanBalikSkp)
class UmpanBalikSkpAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["isi_singkat", "skp", "dari", "sebagai", "periode", "waktu"]
    list_filter = ["sebagai", "skp__tahun"]
    search_fields = ["isi", "dari__nama", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai", "dari"]
    waktu = kolom_waktu("dibuat", "waktu")

    isi_singkat = kolom_singkat("isi", "isi")


@admin.register(RencanaPengembangan)
class RencanaPengembanganAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["uraian_singkat", "skp", "jenis", "rencana_selesai", "terlaksana", "dicatat_oleh"]
    list_filter = ["jenis", "terlaksana", "skp__tahun"]
    search_fields = ["uraian", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai", "dicatat_oleh"]

    uraian_singkat = kolom_singkat("uraian", "uraian")


# --- evaluation, objection, follow-up ---


@admin.register(Evaluasi)
class EvaluasiAdmin(HanyaBacaRiwayat):
    list_display = [
        "__str__",
        "periode",
        "jenis",
        "predikat",
        "status",
        "unit_organisasi",
        "penilai",
        "ditetapkan_pada",
    ]
    list_filter = ["status", "jenis", "predikat", "skp__tahun", filter_perangkat_daerah("unit_organisasi__")]
    search_fields = ["skp__pegawai__nama", "skp__pegawai__nip", "periode"]
    list_select_related = ["skp__pegawai", "unit_organisasi", "penilai"]
    inlines = [TindakLanjutInline, KeberatanInline, RiwayatSkpEvaluasiInline]
    ditetapkan_pada = kolom_waktu("ditetapkan", "ditetapkan pada")


@admin.register(Keberatan)
class KeberatanAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "evaluasi__skp"
    list_display = ["__str__", "status", "predikat_semula", "diajukan_pada", "batas_putusan", "pemutus"]
    list_filter = ["status"]
    search_fields = ["alasan", "putusan", "evaluasi__skp__pegawai__nama", "evaluasi__skp__pegawai__nip"]
    list_select_related = ["evaluasi__skp__pegawai", "pemutus"]
    diajukan_pada = kolom_waktu("diajukan", "diajukan")


@admin.register(TindakLanjut)
class TindakLanjutAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "evaluasi__skp"
    list_display = ["uraian_singkat", "evaluasi", "jenis", "persen_tpp", "dicatat_oleh", "dicatat"]
    list_filter = ["jenis"]
    search_fields = ["uraian", "evaluasi__skp__pegawai__nama", "evaluasi__skp__pegawai__nip"]
    list_select_related = ["evaluasi__skp__pegawai", "dicatat_oleh"]
    dicatat = kolom_waktu("dibuat", "dicatat")

    uraian_singkat = kolom_singkat("uraian", "uraian")


class PredikatOrganisasiForm(FormTransisi):
    unit = forms.ModelChoiceField(
        label="Unit Organisasi",
        queryset=Unit.objects.filter(mandiri=True, aktif=True).exclude(jenis=JenisUnit.INSTANSI).order_by("path"),
    )

    class Meta:
        model = PredikatOrganisasiTahunan
        fields = ["unit", "tahun", "predikat"]


@admin.register(PredikatOrganisasiTahunan)
class PredikatOrganisasiTahunanAdmin(IzinBagianOrganisasi, AdminTransisi):
    """Set or corrected through `predikat_organisasi_tetapkan` (the head above the Unit Organisasi or the
    Bagian Organisasi); evaluations already final stay as they are."""

    form = PredikatOrganisasiForm
    list_display = ["unit", "tahun", "predikat", "ditetapkan_oleh", "diubah"]
    list_filter = ["tahun", "predikat"]
    search_fields = ["unit__nama", "unit__kode"]
    list_select_related = ["unit", "ditetapkan_oleh"]

    def get_fields(self, request, obj=None):
        return ["unit", "tahun", "predikat"] + (["ditetapkan_oleh", "diubah"] if obj else [])

    def get_readonly_fields(self, request, obj=None):
        return ["unit", "tahun", "ditetapkan_oleh", "diubah"] if obj else []

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        unit, tahun = (obj.unit, obj.tahun) if change else (d["unit"], d["tahun"])
        hasil = self.transisi(
            services.predikat_organisasi_tetapkan, request, unit=unit, tahun=tahun, predikat=d["predikat"]
        )
        self.salin(obj, hasil)
        catat_pesan(request, f"Predikat organisasi {unit.nama} tahun {tahun}: {hasil.get_predikat_display()}.")


# --- what the Bagian Organisasi keeps ---


@admin.register(KonsekuensiPredikat)
class KonsekuensiPredikatAdmin(IzinBagianOrganisasi, AdminRiwayat):
    """What a predikat brings in the instansi, recorded as follow-up when an evaluation is finalised."""

    list_display = ["instansi", "predikat", "jenis_periode", "jenis", "uraian", "persen_tpp"]
    list_filter = ["instansi", "predikat", "jenis_periode", "jenis"]
    search_fields = ["uraian"]
    list_select_related = ["instansi"]
    fields = ["instansi", "predikat", "jenis_periode", "jenis", "uraian", "persen_tpp"]


class SaldoAngkaKreditForm(forms.ModelForm):
    class Meta:
        model = SaldoAngkaKredit
        fields = ["pegawai", "tahun", "jumlah", "keterangan"]

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if not 2000 <= tahun <= 2099:
            raise forms.ValidationError("Tahun 2000–2099.")
        return tahun

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah is not None and jumlah < 0:
            raise forms.ValidationError("Angka kredit tidak boleh negatif.")
        return jumlah


@admin.register(SaldoAngkaKredit)
class SaldoAngkaKreditAdmin(IzinBagianOrganisasi, AdminRiwayat):
    """Angka kredit a pejabat fungsional brought in (conversion, integration, an earlier jenjang)."""

    form = SaldoAngkaKreditForm
    list_display = ["pegawai", "tahun", "jumlah", "keterangan"]
    list_filter = ["tahun"]
    search_fields = ["pegawai__nama", "pegawai__nip", "keterangan"]
    list_select_related = ["pegawai"]
    autocomplete_fields = ["pegawai"]


# --- documents and the rest of the trail ---


@admin.register(DokumenKinerja)
class DokumenKinerjaAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "skp"
    list_display = ["__str__", "jenis", "skp", "berlaku", "berkas_pdf", "dibuat_pada"]
    list_filter = ["jenis", "berlaku", "skp__tahun"]
    search_fields = ["kode_verifikasi", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai"]
    exclude = ["isi", "berkas"]
    readonly_fields = ["berkas_pdf", "verifikasi"]
    inlines = [TandaTanganInline]
    dibuat_pada = kolom_waktu("dibuat", "dibuat")

    @admin.display(description="berkas PDF")
    def berkas_pdf(self, obj):
        if not obj.berkas:
            return "gagal dibuat" if obj.galat_berkas else "belum dibuat"
        return format_html('<a href="{}">Unduh</a>', reverse("kinerja:dokumen_unduh", args=[obj.pk]))

    @admin.display(description="halaman verifikasi")
    def verifikasi(self, obj):
        url = reverse("kinerja:dokumen_verifikasi", args=[obj.kode_verifikasi])
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(TandaTangan)
class TandaTanganAdmin(LingkupSkp, HanyaBaca):
    jalur_skp = "dokumen__skp"
    list_display = ["dokumen", "peran", "pegawai", "ditandatangani"]
    list_filter = ["peran", ("waktu", admin.EmptyFieldListFilter)]
    search_fields = ["pegawai__nama", "pegawai__nip", "dokumen__kode_verifikasi"]
    list_select_related = ["dokumen", "pegawai"]
    ditandatangani = kolom_waktu("waktu", "ditandatangani")


@admin.register(PredikatImpor)
class PredikatImporAdmin(HanyaBaca):
    """Yearly predikat brought from the national e-Kinerja (written by the import)."""

    list_display = ["pegawai", "tahun", "predikat", "angka_kredit", "sumber", "diimpor_pada"]
    list_filter = ["tahun", "predikat"]
    search_fields = ["pegawai__nama", "pegawai__nip", "sumber"]
    list_select_related = ["pegawai"]
    exclude = ["diimpor_oleh"]
    diimpor_pada = kolom_waktu("diimpor", "diimpor")


@admin.register(PengingatSkp)
class PengingatSkpAdmin(HanyaBaca):
    list_display = ["pegawai", "jenis", "kunci", "dikirim_pada"]
    list_filter = ["jenis"]
    search_fields = ["pegawai__nama", "pegawai__nip", "kunci"]
    list_select_related = ["pegawai"]
    dikirim_pada = kolom_waktu("dikirim", "dikirim")


@admin.register(RiwayatSkp)
class RiwayatSkpAdmin(HanyaBaca):
    """Every transition of the appraisal, newest first (read-only)."""

    list_display = ["__str__", "aksi", "oleh", "sebagai", "status_dari", "status_ke", "skp", "evaluasi", "unit"]
    list_filter = ["aksi"]
    search_fields = ["catatan", "oleh__nama", "oleh__nip", "skp__pegawai__nama"]
    list_select_related = ["oleh", "skp__pegawai", "evaluasi__skp__pegawai", "unit"]
    exclude = ["akun"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).order_by("-waktu", "-id")
        if request.user.has_perm("kinerja.view_riwayatskp") or adalah_admin_organisasi(request.user):
            return qs
        terlihat = Skp.objects.restrict(request.user).values("pk")
        return qs.filter(Q(skp__in=terlihat) | Q(evaluasi__skp__in=terlihat))
