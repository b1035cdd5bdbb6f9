"""Admin pages for the structure exchange: upload -> dry-run summary -> confirm; and the export download.

The upload is an XLSX workbook, CSV files or a JSON file (`pertukaran.baca_unggahan`); the page describes the
sheets and columns itself (`pertukaran.kolom`) and links the template workbook and the export.

Only the Admin Organisasi (whole-tree scope) may use them: a file can touch any instansi.
The uploaded data waits in the session between the preview and the confirmation.
"""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from sistemkerja.masukan import bentuk_kode

from .. import pertukaran
from ..forms_admin import ImporStrukturForm
from ..models import Instansi
from ..permissions import cakupan_jalur
from ..pertukaran.kolom import LEMBAR
from ..pertukaran.lembar import BATAS_BARIS
from ..selectors import hari_ini

KUNCI_SESI = "organisasi_impor_struktur"


def boleh_impor(user) -> bool:
    return bool(user.is_active and user.is_staff and cakupan_jalur(user, "change") is None)


def _halaman(model_admin, request, **konteks) -> TemplateResponse:
    return TemplateResponse(
        request,
        "admin/organisasi/impor_struktur.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "title": "Impor struktur organisasi",
            "lembar_format": LEMBAR.values(),
            "batas_mb": pertukaran.BATAS_UNGGAHAN // 1024 // 1024,
            "batas_baris": f"{BATAS_BARIS:,}".replace(",", "."),
            **konteks,
        },
    )


def impor_view(model_admin, request):
    if not boleh_impor(request.user):
        raise PermissionDenied
    if request.method == "POST" and "_konfirmasi" in request.POST:
        return _konfirmasi(model_admin, request)
    form = ImporStrukturForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _halaman(model_admin, request, form=form)
    unggahan, nama = form.cleaned_data["unggahan"], form.nama_berkas()
    try:
        ringkasan = pertukaran.pratinjau(unggahan.data, pelaku=request.user, baris_lembar=unggahan.baris)
    except ValidationError as e:
        return _halaman(model_admin, request, form=ImporStrukturForm(), galat=e.messages, nama_berkas=nama)
    token = uuid.uuid4().hex
    request.session[KUNCI_SESI] = {"token": token, "data": unggahan.data, "baris": unggahan.baris, "nama": nama}
    return _halaman(
        model_admin,
        request,
        ringkasan=pertukaran.ringkasan_teks(ringkasan),
        token=token,
        nama_berkas=nama,
    )


def _konfirmasi(model_admin, request):
    simpanan = request.session.get(KUNCI_SESI) or {}
    if simpanan.get("token") != request.POST.get("token"):
        messages.error(request, "Pratinjau sudah tidak berlaku; unggah berkasnya lagi.")
        return redirect(reverse("admin:organisasi_unit_impor"))
    try:
        ringkasan = pertukaran.impor(simpanan["data"], pelaku=request.user, baris_lembar=simpanan.get("baris"))
    except ValidationError as e:
        return _halaman(
            model_admin, request, form=ImporStrukturForm(), galat=e.messages, nama_berkas=simpanan.get("nama")
        )
    del request.session[KUNCI_SESI]
    messages.success(
        request,
        f"Struktur dari {simpanan.get('nama')} diimpor. " + "; ".join(pertukaran.ringkasan_teks(ringkasan)) + ".",
    )
    return redirect(reverse("admin:organisasi_unit_changelist"))


JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ekspor_view(model_admin, request):
    """The structure as JSON (default) or `?bentuk=xlsx`; `?bentuk=templat` the empty workbook to fill in."""
    if not boleh_impor(request.user):
        raise PermissionDenied
    bentuk = request.GET.get("bentuk") or "json"
    if bentuk not in ("json", "xlsx", "templat"):
        raise Http404("Bentuk ekspor tidak dikenal.")
    if bentuk == "templat":
        return _unduhan(pertukaran.templat_xlsx(), JENIS_XLSX, "templat-impor-struktur.xlsx")
    kode = request.GET.get("instansi") or None
    if kode and (bentuk_kode(kode) is None or not Instansi.objects.filter(kode=kode).exists()):
        raise Http404("Instansi tidak ditemukan.")
    nama = f"struktur-{kode or 'semua'}-{hari_ini():%Y%m%d}"
    if bentuk == "xlsx":
        return _unduhan(pertukaran.ekspor_xlsx(instansi=kode), JENIS_XLSX, f"{nama}.xlsx")
    isi = json.dumps(pertukaran.ekspor(instansi=kode), ensure_ascii=False, indent=2) + "\n"
    return _unduhan(isi, "application/json; charset=utf-8", f"{nama}.json")


def _unduhan(isi, jenis: str, nama: str) -> HttpResponse:
    respon = HttpResponse(isi, content_type=jenis)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon
