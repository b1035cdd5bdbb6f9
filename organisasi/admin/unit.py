"""Units, with their heads, Plt/Plh and delegations inline; the structure import/export pages hang here."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import path

from sistemkerja.admin import GagalTransisi, jalankan, kolom_tanggal
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict

from .. import services
from ..choices import NAMA_POLA, JenisUnit
from ..forms_admin import PejabatUnitForm, UnitForm, unit_terjangkau
from ..models import PejabatUnit, Unit
from ..selectors import PetaPejabat, hari_ini
from . import struktur
from .dasar import AdminCakupan, InlineCakupan


class PolaFilter(admin.SimpleListFilter):
    title = "pola mekanisme kerja"
    parameter_name = "pola"

    def lookups(self, request, model_admin):
        return [(str(k), f"Pola {k}") for k in NAMA_POLA] + [("tidak", "Tidak sesuai pola mana pun")]

    def queryset(self, request, queryset):
        if self.value() == "tidak":
            return queryset.filter(mandiri=True, pola__isnull=True).exclude(jenis=JenisUnit.INSTANSI)
        if self.value() and self.value().isdigit():
            return queryset.filter(pola=int(self.value()))
        return queryset


def simpan_pejabat(request, unit: Unit, formset) -> None:
    """New rows -> pejabat_tetapkan; an earlier end on a decided row -> pejabat_akhiri; nothing else."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for i, form in enumerate(formset.forms):
        if not form.has_changed():
            continue
        d = form.cleaned_data
        try:
            if form.instance.pk is None:
                formset.new_objects.append(
                    jalankan(
                        request,
                        services.pejabat_tetapkan,
                        unit=unit,
                        pegawai=d["pegawai"],
                        jenis=d["jenis"],
                        mulai=d["mulai"],
                        selesai=d.get("selesai"),
                        nomor_sk=d.get("nomor_sk", ""),
                        keterangan=d.get("keterangan", ""),
                    )
                )
            elif "selesai" in form.changed_data:
                formset.changed_objects.append(
                    (
                        jalankan(request, services.pejabat_akhiri, pejabat=form.instance, selesai=d["selesai"]),
                        ["selesai"],
                    )
                )
        except (ValidationError, GalatDomain) as e:
            raise GagalTransisi({"inline": {PejabatUnit._meta.model_name: {i: galat_ke_dict(e)}}}) from e


class PejabatUnitInline(InlineCakupan):
    model = PejabatUnit
    form = PejabatUnitForm
    fields = ["pegawai", "jenis", "mulai", "selesai", "nomor_sk", "keterangan"]
    autocomplete_fields = ["pegawai"]
    extra = 1
    ordering = ["-mulai", "-id"]
    verbose_name = "pejabat"
    verbose_name_plural = (
        "pejabat: definitif, Plt/Plh dan pendelegasian (baris yang sudah ditetapkan hanya dapat diakhiri lebih awal)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pegawai")


@admin.register(Unit)
class UnitAdmin(AdminCakupan):
    form = UnitForm
    list_display = ["kode", "nama", "jenis", "tingkat", "pola_tampil", "pimpinan_saat_ini", "aktif"]
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter), "jenis", "tingkat", "mandiri", PolaFilter, "aktif"]
    search_fields = ["kode", "nama"]
    autocomplete_fields = ["induk"]
    inlines = [PejabatUnitInline]
    list_per_page = 50

    def path_objek(self, obj):
        return obj.path

    def batasi(self, request, qs):
        return qs.restrict(request.user, "change")

    def get_queryset(self, request):
        berlaku = PejabatUnit.objects.pada(hari_ini()).select_related("pegawai")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("pejabat", queryset=berlaku, to_attr="pejabat_berlaku"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "induk":
            kwargs["queryset"] = Unit.objects.restrict(request.user, "change").filter(aktif=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # the root of an instansi is changed through the instansi
        return super().has_change_permission(request, obj) and not (obj and obj.jenis == JenisUnit.INSTANSI)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kode", "nama", "induk", "jenis", "tingkat", "mandiri"]
        return [
            "kode",
            "instansi",
            "nama",
            "induk",
            "jenis",
            "tingkat",
            "mandiri",
            "aktif",
            "kode_naskah",
            "pola_tampil",
            "catatan_pola",
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["kode", "instansi", "pola_tampil", "catatan_pola"] if obj else ["pola_tampil"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    @admin.display(description="pola")
    def pola_tampil(self, obj):
        if obj.pola:
            return f"{obj.pola}: {NAMA_POLA[obj.pola]}"
        return "tidak sesuai pola mana pun" if obj.adalah_unit_organisasi else "—"

    @admin.display(description="pimpinan saat ini")
    def pimpinan_saat_ini(self, obj):
        baris = PetaPejabat(getattr(obj, "pejabat_berlaku", [])).pimpinan(obj.pk)
        if baris is None:
            return "—" if obj.jenis == JenisUnit.INSTANSI else "kosong"
        sebutan = "" if baris.jenis == "definitif" else f" ({baris.get_jenis_display()})"
        return f"{baris.pegawai.nama}{sebutan}"

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        if not change:
            self.salin(
                obj,
                self.transisi(
                    services.unit_buat,
                    request,
                    induk=d["induk"],
                    kode=d["kode"],
                    nama=d["nama"],
                    jenis=d["jenis"],
                    tingkat=d["tingkat"],
                    mandiri=d["mandiri"],
                ),
            )
            return
        unit = Unit.objects.get(pk=obj.pk)
        if "induk" in form.changed_data:
            unit = self.transisi(services.unit_pindahkan, request, unit=unit, induk_baru=d["induk"])
        kolom = ("nama", "jenis", "tingkat", "mandiri", "aktif", "kode_naskah")
        ubah = {k: d[k] for k in kolom if k in form.changed_data}
        if ubah:
            unit = self.transisi(services.unit_ubah, request, unit=unit, **ubah)
        self.salin(obj, unit)

    def save_formset(self, request, form, formset, change):
        simpan_pejabat(request, form.instance, formset)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "boleh_impor": struktur.boleh_impor(request.user)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "impor/",
                self.admin_site.admin_view(lambda r: struktur.impor_view(self, r)),
                name=f"{info[0]}_{info[1]}_impor",
            ),
            path(
                "ekspor/",
                self.admin_site.admin_view(lambda r: struktur.ekspor_view(self, r)),
                name=f"{info[0]}_{info[1]}_ekspor",
            ),
        ] + super().get_urls()


@admin.register(PejabatUnit)
class PejabatUnitAdmin(AdminCakupan):
    """Every head, Plt/Plh and delegation in one list; the same rules as the inline on a unit."""

    form = PejabatUnitForm
    list_display = ["unit", "pegawai", "jenis", "mulai_tampil", "selesai_tampil", "nomor_sk"]
    list_select_related = ["unit", "pegawai"]
    list_filter = ["jenis", ("unit__instansi", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["unit__kode", "unit__nama", "pegawai__nip", "pegawai__nama", "nomor_sk"]
    autocomplete_fields = ["unit", "pegawai"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = unit_terjangkau(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    mulai_tampil = kolom_tanggal("mulai", "mulai")

    selesai_tampil = kolom_tanggal("selesai", "selesai")

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        if not change:
            self.salin(
                obj,
                self.transisi(
                    services.pejabat_tetapkan,
                    request,
                    unit=d["unit"],
                    pegawai=d["pegawai"],
                    jenis=d["jenis"],
                    mulai=d["mulai"],
                    selesai=d.get("selesai"),
                    nomor_sk=d.get("nomor_sk", ""),
                    keterangan=d.get("keterangan", ""),
                ),
            )
        elif "selesai" in form.changed_data:
            self.salin(obj, self.transisi(services.pejabat_akhiri, request, pejabat=obj, selesai=d["selesai"]))
