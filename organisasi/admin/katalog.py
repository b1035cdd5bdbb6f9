"""Instansi, the position catalogue, and the placement history (read-only)."""

from __future__ import annotations

from django.contrib import admin

from sistemkerja.admin import kolom_tanggal
from sistemkerja.forms import PilihanIdField

from .. import services
from ..forms_admin import InstansiForm, JabatanForm
from ..models import Instansi, Jabatan, Penempatan, Unit
from .dasar import AdminCakupan, jalur_kelola
from .pegawai import cari_nip


class UnitInstansiField(PilihanIdField):
    def label_from_instance(self, obj):
        return f"{obj.nama} ({obj.kode})"


class InstansiBagianForm(InstansiForm):
    """The instansi's data and its Bagian Organisasi, chosen among its own active units (the service checks
    it again); a new instansi has no units yet, so it is named once they exist."""

    class Meta(InstansiForm.Meta):
        fields = [*InstansiForm.Meta.fields, "bagian_organisasi"]
        field_classes = {"bagian_organisasi": UnitInstansiField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bidang = self.fields.get("bagian_organisasi")
        if bidang is None:
            return
        if self.instance.pk:
            bidang.queryset = Unit.objects.filter(instansi=self.instance, depth__gt=1, aktif=True).order_by("path")
        else:
            bidang.queryset = Unit.objects.none()
            bidang.disabled = True
            bidang.help_text = "Pilih setelah unit-unit instansi ini dibuat (atau lewat impor struktur)."


@admin.register(Instansi)
class InstansiAdmin(AdminCakupan):
    """Only the Admin Organisasi creates or changes an instansi; a unit admin sees their own."""

    form = InstansiBagianForm
    list_display = ["kode", "nama", "kode_wilayah", "tempat", "bagian_organisasi"]
    list_select_related = ["bagian_organisasi"]
    search_fields = ["kode", "nama"]

    def batasi(self, request, qs):
        if jalur_kelola(request) is None:
            return qs
        return qs.filter(pk__in=Unit.objects.restrict(request.user, "change").values("instansi_id"))

    def _izin(self, request, obj, izin_model):
        if obj is not None and not self.batasi(request, Instansi.objects.filter(pk=obj.pk)).exists():
            return False
        return super()._izin(request, None, izin_model)

    def has_add_permission(self, request):
        return jalur_kelola(request) is None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return jalur_kelola(request) is None and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["kode"] if obj else []

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        kolom = {k: d.get(k, "") for k in ("nama", "kode_wilayah", "tempat", "alamat")}
        if change:
            instansi = self.transisi(services.instansi_ubah, request, instansi=obj, **kolom)
        else:
            instansi = self.transisi(services.instansi_buat, request, kode=d["kode"], **kolom)
        # the letters' lambang and classification code (a cleared lambang comes as False)
        naskah = {k: d[k] or "" for k in ("lambang", "kode_klasifikasi") if k in form.changed_data}
        if change and "bagian_organisasi" in form.changed_data:
            naskah["bagian_organisasi"] = d["bagian_organisasi"]
        if naskah:
            instansi = self.transisi(services.instansi_ubah, request, instansi=instansi, **naskah)
        self.salin(obj, instansi)


@admin.register(Jabatan)
class JabatanAdmin(AdminCakupan):
    """Reference data: everyone who manages staff may read it; the Admin Organisasi adds to it.

    An existing position is not edited (no service does it, and placements point at it).
    """

    form = JabatanForm
    list_display = ["nama", "jenis", "tingkat", "jenjang"]
    list_filter = ["jenis", "tingkat", "jenjang"]
    search_fields = ["nama"]

    def batasi(self, request, qs):
        return qs

    def path_objek(self, obj):
        return ""  # every path starts with "": visible to anyone with a scope

    def has_add_permission(self, request):
        return jalur_kelola(request) is None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        jabatan = self.transisi(
            lambda pelaku, **kw: services.jabatan_dapatkan(**kw),
            request,
            nama=d["nama"],
            jenis=d["jenis"],
            jenjang=d.get("jenjang", ""),
            tingkat=d.get("tingkat", ""),
        )
        self.salin(obj, jabatan)


@admin.register(Penempatan)
class PenempatanAdmin(AdminCakupan):
    """The history of placements: written by the staff services, never edited here."""

    list_display = ["pegawai", "unit", "jabatan", "mulai_tampil", "selesai_tampil", "nomor_sk", "mutasi"]
    list_select_related = ["pegawai", "unit", "jabatan", "mutasi"]
    list_filter = [("unit__instansi", admin.RelatedOnlyFieldListFilter), "mulai"]
    search_fields = ["pegawai__nama", "pegawai__nip", "unit__kode", "unit__nama", "nomor_sk"]

    def get_search_results(self, request, queryset, search_term):
        hasil = cari_nip(queryset, search_term, "pegawai__nip")
        if hasil is not None:
            return hasil, False
        return super().get_search_results(request, queryset, search_term)

    mulai_tampil = kolom_tanggal("mulai", "mulai")

    selesai_tampil = kolom_tanggal("selesai", "selesai")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
