"""Staff: register, change personal data, and the Pindahkan / Berhentikan pages; all through services."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from sistemkerja.errors import GalatDomain
from sistemkerja.forms import tempel_galat
from sistemkerja.masukan import bentuk_id
from sistemkerja.teks import tanggal_id

from .. import nip as nip_mod
from .. import services
from ..forms_admin import BerhentikanForm, PegawaiTambahForm, PegawaiUbahForm, PindahkanForm
from ..models import Pegawai, Unit
from ..selectors import KEDALAMAN_PERANGKAT_DAERAH
from .dasar import AdminCakupan, jalur_kelola


def cari_nip(queryset, kata: str, kolom: str = "nip"):
    """A search term that is a NIP, typed with or without its spaces; None if it is not one."""
    if kata.strip() and kata.replace(" ", "").isdigit():
        return queryset.filter(**{f"{kolom}__contains": nip_mod.bersihkan(kata)})
    return None


class FilterFormulir(admin.SimpleListFilter):
    """A list filter chosen in a small GET form (a select or an autocomplete) instead of a list of links,
    shown as a chip that removes it; the other filters and the search ride along as hidden fields."""

    template = "admin/organisasi/filter_formulir.html"

    def terpilih(self) -> str | None:
        """The chosen value's label, or None when the value names nothing (the list is then empty)."""
        raise NotImplementedError

    def kontrol(self) -> str:
        raise NotImplementedError

    def has_output(self):
        return True

    def choices(self, changelist):
        lain = [(k, v) for k, v in changelist.params.items() if k not in (self.parameter_name, "p", "e")]
        yield {
            "id": f"filter_{self.parameter_name}",
            "terpilih": self.terpilih() if self.value() is not None else None,
            "aktif": self.value() is not None,
            "hapus": changelist.get_query_string(remove=[self.parameter_name, "p"]),
            "tersembunyi": [(k, x) for k, v in lain for x in (v if isinstance(v, list) else [v])],
            "kontrol": self.kontrol(),
        }


class PerangkatDaerahFilter(FilterFormulir):
    """Staff of one Perangkat Daerah, its sub-units included (a prefix of the tree path: one query)."""

    title = "perangkat daerah"
    parameter_name = "pd"

    def lookups(self, request, model_admin):
        qs = Unit.objects.filter(depth=KEDALAMAN_PERANGKAT_DAERAH, aktif=True)
        jalur = jalur_kelola(request)
        if jalur is not None:  # a unit admin: the Perangkat Daerah in or above their units
            panjang = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH
            q = Q(path__in={j[:panjang] for j in jalur if len(j) >= panjang})
            for j in (j for j in jalur if len(j) < panjang):
                q |= Q(path__startswith=j)
            qs = qs.filter(q) if jalur else qs.none()
        baris = list(qs.select_related("instansi").order_by("instansi__nama", "nama"))
        banyak_instansi = len({u.instansi_id for u in baris}) > 1
        self.jalur = {str(u.pk): u.path for u in baris}
        return [(str(u.pk), f"{u.nama} ({u.instansi.nama})" if banyak_instansi else u.nama) for u in baris]

    def terpilih(self):
        return dict(self.lookup_choices).get(self.value())

    def kontrol(self):
        pilihan = [("", "Semua perangkat daerah"), *self.lookup_choices]
        return forms.Select(choices=pilihan).render(self.parameter_name, self.value(), attrs={"id": "filter_pd"})

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        jalur = self.jalur.get(self.value())  # only a Perangkat Daerah offered to this user
        return queryset.filter(unit__path__startswith=jalur) if jalur else queryset.none()


class UnitFilter(FilterFormulir):
    """Staff of one unit and its sub-units: `?unit=<id>`, chosen with the admin's unit autocomplete
    (thousands of units do not fit a list of links)."""

    title = "unit (termasuk sub-unit)"
    parameter_name = "unit"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.admin_site = model_admin.admin_site
        pk = bentuk_id(self.value()) if self.value() is not None else None
        self.unit = Unit.objects.restrict(request.user, "view").filter(pk=pk).first() if pk else None

    def lookups(self, request, model_admin):
        return []

    def terpilih(self):
        return self.unit.nama if self.unit else None

    @staticmethod
    def widget(admin_site):
        return AutocompleteSelect(
            Pegawai._meta.get_field("unit"), admin_site, attrs={"data-placeholder": "Ketik nama atau kode unit"}
        )

    def kontrol(self):
        # the selected unit's option is read through the field's queryset (one query, only when chosen)
        medan = forms.ModelChoiceField(Unit.objects.all(), widget=self.widget(self.admin_site))
        return medan.widget.render(self.parameter_name, self.unit.pk if self.unit else None, {"id": "filter_unit"})

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(unit__path__startswith=self.unit.path) if self.unit else queryset.none()


@admin.register(Pegawai)
class PegawaiAdmin(AdminCakupan):
    list_display = ["nip_tampil", "nama", "jenis_asn", "jabatan", "unit", "aktif"]
    list_select_related = ["jabatan", "unit"]
    list_filter = [
        PerangkatDaerahFilter,
        UnitFilter,
        ("unit__instansi", admin.RelatedOnlyFieldListFilter),
        "jenis_asn",
        "jabatan__jenis",
        "aktif",
    ]
    search_fields = ["nama", "nip"]
    search_help_text = "Cari nama atau NIP (boleh dengan spasi)."
    actions = ["mutasi_ke_unit"]
    list_per_page = 50

    def path_objek(self, obj):
        return obj.unit.path if obj.unit_id else None

    def batasi(self, request, qs):
        return qs.restrict(request.user, "change")

    @property
    def media(self):
        return super().media + UnitFilter.widget(self.admin_site).media  # the unit filter's autocomplete

    def get_search_results(self, request, queryset, search_term):
        hasil = cari_nip(queryset, search_term)
        if hasil is not None:
            return hasil, False
        return super().get_search_results(request, queryset, search_term)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = PegawaiUbahForm if obj else PegawaiTambahForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["nip", "nama", "jenis_asn", "golongan", "email", "unit", "jabatan", "mulai", "nomor_sk"]
        return ["nip_tampil", "nama", "golongan", "email", *self.get_readonly_fields(request, obj)[1:]]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The account is a link only for those who may open accounts (sistemkerja.admin.TautanTerbatasMixin).
        return ["nip_tampil", "jenis_asn", "jenis_kelamin", "lahir", "unit", "jabatan", "aktif", "akun", "penempatan"]

    @admin.display(description="NIP", ordering="nip")
    def nip_tampil(self, obj):
        return obj.nip_tampil

    @admin.display(description="tanggal lahir")
    def lahir(self, obj):
        return tanggal_id(obj.tanggal_lahir)

    @admin.display(description="riwayat penempatan")
    def penempatan(self, obj):
        baris = obj.riwayat_penempatan.select_related("unit", "jabatan").order_by("-mulai")
        return (
            " · ".join(
                f"{p.unit.nama}, {p.jabatan.nama}: {tanggal_id(p.mulai)} s.d. "
                f"{tanggal_id(p.selesai) if p.selesai else 'sekarang'}" + (f" (SK {p.nomor_sk})" if p.nomor_sk else "")
                for p in baris
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        if not change:
            baru = self.transisi(
                services.pegawai_daftarkan,
                request,
                nip=d["nip"],
                nama=d["nama"],
                jenis_asn=d.get("jenis_asn") or None,
                unit=d["unit"],
                jabatan=d["jabatan"],
                mulai=d.get("mulai"),
                golongan=d.get("golongan", ""),
                email=d.get("email", ""),
                nomor_sk=d.get("nomor_sk", ""),
            )
        else:
            ubah = {k: d[k] for k in ("nama", "golongan", "email") if k in form.changed_data}
            baru = self.transisi(services.pegawai_ubah, request, pegawai=obj, **ubah)
        self.salin(obj, baru)

    @admin.action(description="Mutasi ke unit… (mutasi kolektif)")
    def mutasi_ke_unit(self, request, queryset):
        nip = ",".join(queryset.filter(aktif=True).values_list("nip", flat=True))
        return redirect(reverse("admin:organisasi_mutasikolektif_add") + "?" + urlencode({"nip": nip}))

    # --- Pindahkan / Berhentikan --------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/pindahkan/",
                self.admin_site.admin_view(self.pindahkan_view),
                name=f"{info[0]}_{info[1]}_pindahkan",
            ),
            path(
                "<path:object_id>/berhentikan/",
                self.admin_site.admin_view(self.berhentikan_view),
                name=f"{info[0]}_{info[1]}_berhentikan",
            ),
        ] + super().get_urls()

    def _pegawai_aktif(self, request, object_id) -> Pegawai:
        pegawai = self.get_object(request, object_id)
        if pegawai is None or not self.has_change_permission(request, pegawai):
            raise Http404("Pegawai tidak ditemukan.")
        return pegawai

    def _halaman_aksi(self, request, pegawai, form, judul: str, tombol: str):
        return TemplateResponse(
            request,
            "admin/organisasi/pegawai/aksi.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": pegawai,
                "form": form,
                "title": judul,
                "tombol": tombol,
                "media": self.media + form.media,
            },
        )

    def pindahkan_view(self, request, object_id):
        pegawai = self._pegawai_aktif(request, object_id)
        form = PindahkanForm(request.POST or None, pengguna=request.user, initial={"jabatan": pegawai.jabatan_id})
        if request.method == "POST" and form.is_valid():
            try:
                services.pegawai_pindahkan(pelaku=request.user, pegawai=pegawai, **form.cleaned_data)
            except (ValidationError, GalatDomain) as e:
                tempel_galat(form, e)
            else:
                d = form.cleaned_data
                messages.success(
                    request,
                    f"{pegawai.nama} ditempatkan di {d['unit'].nama} sebagai "
                    f"{d['jabatan'].nama} mulai {tanggal_id(d['mulai'])}.",
                )
                return redirect(reverse("admin:organisasi_pegawai_change", args=[pegawai.pk]))
        return self._halaman_aksi(request, pegawai, form, f"Pindahkan {pegawai}", "Pindahkan")

    def berhentikan_view(self, request, object_id):
        pegawai = self._pegawai_aktif(request, object_id)
        form = BerhentikanForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.pegawai_berhentikan(pelaku=request.user, pegawai=pegawai, **form.cleaned_data)
            except (ValidationError, GalatDomain) as e:
                tempel_galat(form, e)
            else:
                tanggal = tanggal_id(form.cleaned_data["tanggal"])
                messages.success(request, f"{pegawai.nama} diberhentikan per {tanggal}; akunnya dinonaktifkan.")
                return redirect(reverse("admin:organisasi_pegawai_change", args=[pegawai.pk]))
        return self._halaman_aksi(request, pegawai, form, f"Berhentikan {pegawai}", "Berhentikan")
