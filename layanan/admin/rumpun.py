"""Clusters of agencies in the admin: added and changed through the services (`rumpun_buat`, `rumpun_ubah`,
which check that the account belongs to the instansi's Bagian Organisasi and that the members are its
agencies); a refusal comes back on the form's fields with nothing saved. The members, shared SOPs and
services are set by the service, not by the admin's own many-to-many save. Nothing is deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from kinerja.admin.skp import IzinBagianOrganisasi
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH
from sistemkerja.admin import AdminTransisi, catat_pesan
from sistemkerja.forms import FormTransisi

from .. import rumpun_baca as rb
from ..models import Rumpun
from ..services import rumpun as services
from .standar import RiwayatInline

KOLOM = ["kode", "nama", "urusan", "keterangan", "perangkat_daerah", "sop", "layanan"]


class RumpunForm(FormTransisi):
    class Meta:
        model = Rumpun
        fields = ["instansi", *KOLOM, "aktif"]


class RiwayatRumpunInline(RiwayatInline):
    fk_name = "rumpun"


@admin.register(Rumpun)
class RumpunAdmin(IzinBagianOrganisasi, AdminTransisi):
    form = RumpunForm
    list_display = ["nama", "kode", "instansi", "jumlah_pd", "aktif"]
    list_filter = ["aktif", "instansi"]
    search_fields = ["nama", "kode", "urusan"]
    list_select_related = ["instansi"]
    filter_horizontal = ["perangkat_daerah", "sop", "layanan"]
    inlines = [RiwayatRumpunInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request).filter(pk__in=rb.rumpun_terlihat(request.user).values("pk"))
        return qs.annotate(jumlah_pd_=Count("perangkat_daerah", distinct=True))

    @admin.display(description="perangkat daerah", ordering="jumlah_pd_")
    def jumlah_pd(self, obj):
        return obj.jumlah_pd_

    def get_readonly_fields(self, request, obj=None):
        return ["instansi"] if obj is not None else []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "perangkat_daerah":
            field.queryset = field.queryset.filter(depth__lte=KEDALAMAN_PERANGKAT_DAERAH, aktif=True)
        else:
            field.queryset = field.queryset.select_related("unit")
        return field

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        isi = {k: d[k] for k in KOLOM if k in d}
        if change:
            baru = self.transisi(services.rumpun_ubah, request, rumpun=obj, aktif=d.get("aktif"), **isi)
            catat_pesan(request, f"Rumpun {baru.nama} disimpan.")
        else:
            baru = self.transisi(
                services.rumpun_buat, request, instansi=d["instansi"], aktif=d.get("aktif", True), **isi
            )
            catat_pesan(request, f"Rumpun {baru.nama} dibentuk.")
        self.salin(obj, baru)

    def save_related(self, request, form, formsets, change):
        """The service set the members, SOPs and services; only the (read-only) inlines remain."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
