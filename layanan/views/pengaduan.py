"""Complaints and suggestions from the public (no login): the form, its receipt with the tracking code, and
the tracking page. The tracking page shows a complaint's status, dates and published answers, nothing else:
not its text, not the name or contact of who filed it.

Spam: a hidden field people never fill (`situs_web`); a form that fills it is checked like any other and,
when it passes, gets a receipt without a code while nothing is stored. The rate limit per sender address
is the service's (TerlaluSering, 429)."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from organisasi.models import Instansi
from sistemkerja.security import alamat_klien

from .. import selectors as sel
from .. import services
from ..forms import LacakForm, PengaduanForm
from ..models import Pengaduan
from . import _dasar

PESAN_BENTUK_LACAK = "Kode lacak terdiri atas 12 huruf/angka, mis. ABCD-EFGH-JKMN. Periksa kembali kode Anda."


def _form(request, data=None, files=None):
    return PengaduanForm(
        data,
        files,
        initial={"layanan": request.GET.get("layanan", "")[:64]},
        pilihan_layanan=_dasar.pilihan_layanan_publik(),
        pilihan_instansi=list(Instansi.objects.values_list("kode", "nama")),
    )


def _ajukan(request, d: dict, *, simpan: bool):
    """File the complaint; for the robots' trap (`simpan` false) the same checks run and everything is undone,
    the attachment's file included, so the trap answers exactly as the form does and stores nothing."""

    def ajukan():
        return services.pengaduan_ajukan(
            isi=d["isi"],
            layanan=d["layanan"] or None,
            nama=d["nama"],
            kontak=d["kontak"],
            jenis=d["jenis"],
            lampiran=d["lampiran"] or None,
            instansi=d.get("instansi") or None,
            alamat=alamat_klien(request),
        )

    if simpan:
        return ajukan()
    with transaction.atomic():
        p = ajukan()
        transaction.set_rollback(True)
    if p.lampiran:
        p.lampiran.delete(save=False)
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def pengaduan(request):
    if request.method != "POST":
        return render(request, "layanan/pengaduan.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    hasil, status = _dasar.kirim(request, form, lambda d: _ajukan(request, d, simpan=not form.robot))
    if hasil is not None:
        return redirect("layanan:pengaduan_terkirim_kode", kode=services.tampil_lacak(hasil.kode_lacak))
    if status == 200:  # the trap: thanked like anyone, without a code
        return redirect("layanan:pengaduan_terkirim")
    return render(request, "layanan/pengaduan.html", {"form": form}, status=status)


@never_cache
@require_GET
def terkirim(request, kode=None):
    """The receipt: the tracking code, large, and where to follow it (no code after the robots' trap)."""
    if kode is not None:
        normal = services.normal_lacak(kode)
        if normal is None or not Pengaduan.objects.filter(kode_lacak=normal).exists():
            raise Http404
        kode = services.tampil_lacak(normal)
    return render(request, "layanan/pengaduan_terkirim.html", {"kode": kode})


@never_cache
@require_GET
def lacak(request):
    """The tracking form (GET): a well-formed code goes to its page."""
    if "kode" not in request.GET:
        return render(request, "layanan/lacak.html", {"form": LacakForm()})
    form = LacakForm(request.GET)
    if form.is_valid():
        normal = services.normal_lacak(form.cleaned_data["kode"])
        if normal is not None:
            return redirect("layanan:lacak_kode", kode=services.tampil_lacak(normal))
        form.add_error("kode", PESAN_BENTUK_LACAK)
    return render(request, "layanan/lacak.html", {"form": form}, status=400)


def status_publik(p: Pengaduan) -> dict:
    """What the public may read of a complaint: status, dates, published answers; nothing else."""
    return {
        "kode": services.tampil_lacak(p.kode_lacak),
        "status": p.status,
        "status_label": p.get_status_display(),
        "diterima": p.diterima,
        "diproses": p.diproses,
        "selesai": p.selesai,
        "tenggat": p.tenggat,
        "tanggapan": [{"isi": t.isi, "terbit": t.diterbitkan} for t in p.tanggapan_terbit],
    }


@never_cache
@require_GET
def lacak_kode(request, kode):
    p = sel.pengaduan_lacak(services.normal_lacak(kode))
    if p is None:
        form = LacakForm(initial={"kode": kode[:40]})
        return render(request, "layanan/lacak.html", {"form": form, "tidak_ada": True}, status=404)
    return render(request, "layanan/lacak_kode.html", {"aduan": status_publik(p)})
