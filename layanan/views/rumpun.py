"""Pages of the clusters of agencies (seed 003): the clusters the reader sees, a cluster's agencies side by
side for a year (`?tahun=`: PK targets, budget planned and spent with the absorption, teams and assignments
across agencies, shared SOPs and services), and forming or changing one (the Bagian Organisasi of the
instansi). Outsiders get 404; a reader who may not change a cluster 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from organisasi.models import Instansi, Unit
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

from .. import peta_baca as pb
from .. import rumpun_baca as rb
from .. import selectors as sel
from ..forms_peta import RumpunForm
from ..models import Layanan, Sop
from ..services import rumpun as services
from . import _dasar


def _instansi_bo(user) -> list[Instansi]:
    bo = sel.instansi_bagian_organisasi(user)
    qs = Instansi.objects.order_by("nama")
    if bo is not None:
        qs = qs.filter(pk__in=sorted(bo))
    return list(qs)


@login_required
@require_GET
def daftar(request):
    user = request.user
    konteks = {"daftar": list(rb.daftar_rumpun(user)), "boleh_buat": bool(_instansi_bo(user))}
    return render(request, "layanan/rumpun/daftar.html", konteks)


def _form(user, instansi: Instansi, data=None, **kw) -> RumpunForm:
    return RumpunForm(
        data,
        perangkat_daerah=Unit.objects.filter(
            instansi=instansi, depth__lte=KEDALAMAN_PERANGKAT_DAERAH, aktif=True
        ).order_by("path"),
        sop=Sop.objects.filter(pb.sop_terlihat_q(user), unit__instansi=instansi).order_by("nomor"),
        layanan=Layanan.objects.filter(unit__instansi=instansi).order_by("nama"),
        **kw,
    )


def _bersih(d: dict) -> dict:
    return {k: d[k] for k in ("kode", "nama", "urusan", "keterangan", "perangkat_daerah", "sop", "layanan")}


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    user = request.user
    pilihan = _instansi_bo(user)
    if not pilihan:
        raise PermissionDenied
    dipilih = request.GET.get("instansi", "")
    instansi = next((i for i in pilihan if str(i.pk) == dipilih), pilihan[0])
    form = _form(user, instansi, request.POST or None)
    status = 200
    if request.method == "POST":
        r, status = _dasar.kirim(
            request, form, lambda d: services.rumpun_buat(pelaku=user, instansi=instansi, **_bersih(d))
        )
        if status == 200:
            messages.success(request, f"Rumpun {r.nama} dibentuk.")
            return redirect("layanan:rumpun_detail", pk=r.pk)
    konteks = {"form": form, "instansi": instansi, "pilihan": pilihan, "judul": "Bentuk rumpun"}
    return render(request, "layanan/rumpun/form.html", konteks, status=status)


def _rumpun(request, pk):
    return get_object_or_404(rb.rumpun_terlihat(request.user), pk=pk)


@login_required
@require_GET
def detail(request, pk):
    user = request.user
    r = _rumpun(request, pk)
    tahun = rb.tahun_dari(request.GET.get("tahun"), timezone.localdate().year)
    konteks = {
        "r": r,
        "sisi": rb.sisi_rumpun(user, r, tahun),
        "tahun": tahun,
        "tahun_lalu": tahun - 1 if tahun > 2000 else None,
        "tahun_depan": tahun + 1 if tahun < 2099 else None,
        "boleh_ubah": sel.di_bagian_organisasi(user, r.instansi_id),
        "urusan": [u for u in r.urusan.splitlines() if u.strip()],
        "riwayat": list(r.riwayat.select_related("oleh", "akun").order_by("waktu", "id")),
    }
    return render(request, "layanan/rumpun/detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk):
    user = request.user
    r = _rumpun(request, pk)
    if not sel.di_bagian_organisasi(user, r.instansi_id):
        raise PermissionDenied
    awal = {
        "kode": r.kode,
        "nama": r.nama,
        "urusan": r.urusan,
        "keterangan": r.keterangan,
        "perangkat_daerah": [str(pk) for pk in r.perangkat_daerah.values_list("pk", flat=True)],
        "sop": [str(pk) for pk in r.sop.values_list("pk", flat=True)],
        "layanan": [str(pk) for pk in r.layanan.values_list("pk", flat=True)],
        "aktif": r.aktif,
    }
    form = _form(user, r.instansi, request.POST or None, initial=awal, ubah=True)
    status = 200
    if request.method == "POST":
        _, status = _dasar.kirim(
            request,
            form,
            lambda d: services.rumpun_ubah(pelaku=user, rumpun=r, aktif=d["aktif"], **_bersih(d)),
        )
        if status == 200:
            messages.success(request, "Rumpun disimpan.")
            return redirect("layanan:rumpun_detail", pk=r.pk)
    konteks = {"form": form, "instansi": r.instansi, "r": r, "judul": f"Ubah {r.nama}"}
    return render(request, "layanan/rumpun/form.html", konteks, status=status)
