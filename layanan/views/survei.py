"""The public questionnaire of a published service (no login, phone first): a one-time code from the counter,
each element of the service's scheme, the optional profile. Nothing that names the respondent is asked or
stored; the thank-you page repeats none of the answers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors as sel
from .. import services
from ..forms import SurveiForm
from . import _dasar

PESAN_KODE_KOSONG = "Masukkan kode survei yang Anda terima dari petugas loket."


def _layanan(kode):
    qs = sel.layanan_publik().select_related("skema_survei").prefetch_related("skema_survei__unsur")
    return get_object_or_404(qs, kode=kode)


@never_cache
@require_http_methods(["GET", "POST"])
def survei(request, kode):
    layanan = _layanan(kode)
    unsur = layanan.skema_survei.unsur.all()
    status = 200
    if request.method == "POST":
        form = SurveiForm(request.POST, unsur=unsur)
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            _, status = _dasar.jalankan(
                request,
                form,
                lambda: services.survei_isi(
                    layanan=layanan, kode=d["kode"], jawaban=form.jawaban(), profil=form.profil()
                ),
            )
            if status == 200:
                return redirect("layanan:survei_selesai", kode=layanan.kode)
            if not form.data.get("kode", "").strip() and "kode" in form.errors:
                form.errors["kode"] = form.error_class([PESAN_KODE_KOSONG])
    else:
        awal = services.normal_kode(request.GET.get("kode", ""))
        form = SurveiForm(initial={"kode": services.tampil_kode(awal) if awal.isalnum() else ""}, unsur=unsur)
    return render(request, "layanan/survei.html", {"layanan": layanan, "form": form}, status=status)


@require_GET
def survei_selesai(request, kode):
    return render(request, "layanan/survei_selesai.html", {"layanan": _layanan(kode)})
