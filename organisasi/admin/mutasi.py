"""Mutasi kolektif (seed 002: 96 staff moved by one decree): paste or upload the lines, preview, confirm.

The preview runs `services.mutasi_kolektif` in a transaction that is rolled back, so
it shows exactly what the confirmation will do, line by line. The confirmation runs
only the data that was previewed (a fingerprint of the inputs travels with the form).
"""

from __future__ import annotations

import hashlib
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify

from sistemkerja.admin import kolom_tanggal
from sistemkerja.berkas import kirim_berkas
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict, tempel_galat
from sistemkerja.teks import tanggal_id

from .. import services
from ..forms_admin import LampiranSkForm, MutasiKolektifForm, urai_baris_mutasi
from ..models import MutasiKolektif, Pegawai, Penempatan, Unit
from .dasar import CakupanInlineMixin, CakupanMixin, jalur_kelola

_DAFTAR = re.compile(r"daftar\[(\d+)\]")


class PenempatanMutasiInline(CakupanInlineMixin, admin.TabularInline):
    model = Penempatan
    fields = readonly_fields = ["pegawai", "unit", "jabatan", "mulai", "nomor_sk"]
    extra = max_num = 0
    can_delete = False
    verbose_name_plural = "pegawai yang dimutasi"

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("pegawai", "unit", "jabatan")
        if jalur_kelola(request) is not None:
            qs = qs.filter(unit__in=Unit.objects.restrict(request.user, "change"))
        return qs

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MutasiKolektif)
class MutasiKolektifAdmin(CakupanMixin, admin.ModelAdmin):
    list_display = ["nomor_sk", "tanggal_sk_tampil", "berlaku_mulai_tampil", "perihal", "jumlah", "dibuat_oleh"]
    list_select_related = ["dibuat_oleh"]
    search_fields = ["nomor_sk", "perihal"]
    fields = readonly_fields = [
        "nomor_sk",
        "tanggal_sk_tampil",
        "berlaku_mulai_tampil",
        "perihal",
        "dibuat_oleh",
        "dibuat",
        "berkas_sk_tampil",
    ]
    inlines = [PenempatanMutasiInline]

    def batasi(self, request, qs):
        qs = qs.annotate(jumlah=Count("penempatan"))
        if jalur_kelola(request) is None:
            return qs
        terjangkau = Penempatan.objects.filter(unit__in=Unit.objects.restrict(request.user, "change"))
        return qs.filter(pk__in=terjangkau.values("mutasi_id"))

    def _izin(self, request, obj, izin_model):
        if obj is not None and not self.batasi(request, MutasiKolektif.objects.filter(pk=obj.pk)).exists():
            return False
        return super()._izin(request, None, izin_model)

    def has_change_permission(self, request, obj=None):
        return False  # a decree is recorded once; corrections are a new decree

    @admin.display(description="jumlah pegawai", ordering="jumlah")
    def jumlah(self, obj):
        return obj.jumlah

    tanggal_sk_tampil = kolom_tanggal("tanggal_sk", "tanggal SK")

    berlaku_mulai_tampil = kolom_tanggal("berlaku_mulai", "berlaku mulai")

    @admin.display(description="berkas SK")
    def berkas_sk_tampil(self, obj):
        if obj.berkas_sk:
            return format_html(
                '<a href="{}">Unduh SK (PDF)</a>', reverse("admin:organisasi_mutasikolektif_sk_unduh", args=[obj.pk])
            )
        return format_html(
            'Belum dilampirkan. <a href="{}">Lampirkan SK (PDF)</a>',
            reverse("admin:organisasi_mutasikolektif_sk", args=[obj.pk]),
        )

    def get_urls(self):
        lihat = self.admin_site.admin_view
        return [
            path("<int:pk>/sk/", lihat(self.sk_view), name="organisasi_mutasikolektif_sk"),
            path("<int:pk>/sk/unduh/", lihat(self.sk_unduh_view), name="organisasi_mutasikolektif_sk_unduh"),
            *super().get_urls(),
        ]

    def _mutasi_terjangkau(self, request, pk) -> MutasiKolektif:
        mutasi = self.batasi(request, MutasiKolektif.objects.filter(pk=pk)).first()
        if mutasi is None or not self.has_view_permission(request, mutasi):
            raise Http404("Mutasi kolektif tidak ditemukan.")
        return mutasi

    def sk_unduh_view(self, request, pk):
        """The decree's scan, to those whose scope reaches the decree (others: 404)."""
        mutasi = self._mutasi_terjangkau(request, pk)
        if not mutasi.berkas_sk:
            raise Http404("Berkas SK belum dilampirkan.")
        return kirim_berkas(mutasi.berkas_sk, nama_unduh=f"SK-{slugify(mutasi.nomor_sk)}")

    def sk_view(self, request, pk):
        mutasi = self._mutasi_terjangkau(request, pk)
        form = LampiranSkForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.mutasi_lampirkan_sk(pelaku=request.user, mutasi=mutasi, berkas=form.cleaned_data["berkas_sk"])
            except (ValidationError, GalatDomain) as e:
                tempel_galat(form, e)
            else:
                messages.success(request, f"Berkas SK {mutasi.nomor_sk} dilampirkan.")
                return redirect(reverse("admin:organisasi_mutasikolektif_change", args=[mutasi.pk]))
        return TemplateResponse(
            request,
            "admin/organisasi/mutasikolektif/lampiran_sk.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Lampirkan SK {mutasi.nomor_sk}",
                "form": form,
                "mutasi": mutasi,
                "media": self.media + form.media,
            },
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._halaman(request, MutasiKolektifForm(initial=self._awal(request)))
        form = MutasiKolektifForm(request.POST.copy(), request.FILES)
        if not form.is_valid():
            return self._halaman(request, form)
        d = form.cleaned_data
        form.data["baris"] = d["baris"]  # an uploaded CSV travels on as text to the confirmation
        baris = urai_baris_mutasi(d["baris"], pengguna=request.user, unit_tujuan=d.get("unit_tujuan", ""))
        sidik = _sidik(d)
        if "_konfirmasi" in request.POST and request.POST.get("sidik") == sidik:
            mutasi = self._jalankan(request, form, baris, coba=False)
            if mutasi is not None:
                messages.success(
                    request,
                    f"Mutasi kolektif SK {mutasi.nomor_sk} dicatat: {len(baris)} "
                    f"pegawai ditempatkan mulai {tanggal_id(mutasi.berlaku_mulai)}.",
                )
                return redirect(reverse("admin:organisasi_mutasikolektif_change", args=[mutasi.pk]))
        else:
            self._jalankan(request, form, baris, coba=True)
        siap = not form.errors and not any(b.galat for b in baris)
        return self._halaman(request, form, baris=baris, siap=siap, sidik=sidik)

    def _awal(self, request) -> dict:
        """Lines pre-filled from the Pegawai list's action "Mutasi ke unit…"."""
        nip = [n for n in request.GET.get("nip", "").split(",") if n]
        pegawai = Pegawai.objects.restrict(request.user, "change").select_related("jabatan").filter(nip__in=nip)
        return {"baris": "\n".join(f"{p.nip};;{p.jabatan.nama if p.jabatan_id else ''}" for p in pegawai)}

    def _jalankan(self, request, form, baris, *, coba: bool):
        """Run the decree (or its dry run); errors go to their line, or to the form."""
        if form.errors or any(b.galat for b in baris):
            return None
        d = form.cleaned_data
        try:
            with transaction.atomic():
                mutasi = services.mutasi_kolektif(
                    pelaku=request.user,
                    nomor_sk=d["nomor_sk"],
                    tanggal_sk=d["tanggal_sk"],
                    berlaku_mulai=d["berlaku_mulai"],
                    perihal=d.get("perihal", ""),
                    daftar=[services.BarisMutasi(b.pegawai, b.unit, b.jabatan) for b in baris],
                )
                if coba:
                    transaction.set_rollback(True)
            return mutasi
        except (ValidationError, GalatDomain) as e:
            for kolom, pesan in galat_ke_dict(e).items():
                cocok = _DAFTAR.fullmatch(kolom or "")
                if cocok and int(cocok.group(1)) < len(baris):
                    baris[int(cocok.group(1))].galat.extend(pesan)
                else:
                    form.add_error(kolom if kolom in form.fields else None, pesan)
            return None

    def _halaman(self, request, form, **konteks):
        return TemplateResponse(
            request,
            "admin/organisasi/mutasikolektif/formulir.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Mutasi kolektif",
                "form": form,
                "media": self.media + form.media,
                **konteks,
            },
        )


def _sidik(d: dict) -> str:
    """A fingerprint of what was previewed, so a confirmation runs exactly that."""
    bagian = [
        d["nomor_sk"],
        str(d["tanggal_sk"]),
        str(d["berlaku_mulai"]),
        d.get("perihal", ""),
        d.get("unit_tujuan", ""),
        d["baris"].replace("\r\n", "\n").strip(),
    ]
    return hashlib.sha256("\x1f".join(bagian).encode()).hexdigest()
