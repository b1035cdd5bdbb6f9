"""The public catalogue (no login): the Perangkat Daerah with published services, one agency's services, a
service's standard in force with its older published versions and this year's satisfaction index, and the
QR code of its survey page for the counter. Drafts are never shown: an unpublished service or version is a
404 like one that does not exist."""

from __future__ import annotations

import datetime as dt
import io

import segno
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from organisasi.models import Unit
from sistemkerja.masukan import bentuk_kode, periksa_teks

from .. import selectors as sel
from ..choices import KOMPONEN
from . import _dasar

CARI_MAKS = 100


def kata_cari(request) -> str:
    """The search text (`?q=`), or "" when there is none or it cannot be text."""
    try:
        return periksa_teks(request.GET.get("q", ""), maks=CARI_MAKS, baris=False, wajib=False)
    except Exception:  # ValidationError: a control character, too long
        return ""


def saring(qs, q: str):
    """A plain search over the service's name, code and product."""
    if not q:
        return qs
    return qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(versi_berlaku__produk__icontains=q))


@require_GET
def katalog(request):
    """The agencies with published services and their counts; with `?q=` the matching services."""
    q = kata_cari(request)
    konteks = {"q": q}
    if q:
        konteks["hasil"] = _dasar.per_perangkat_daerah(saring(sel.layanan_publik(), q))
        konteks["jumlah"] = sum(len(k["layanan"]) for k in konteks["hasil"])
    else:
        jumlah: dict[str, int] = {}
        for path in sel.layanan_publik().values_list("unit__path", flat=True):
            jumlah[_dasar.jalur_pd(path)] = jumlah.get(_dasar.jalur_pd(path), 0) + 1
        pd = list(Unit.objects.filter(path__in=jumlah).select_related("instansi").order_by("path"))
        for u in pd:
            u.jumlah_layanan = jumlah[u.path]
        konteks["pd"] = pd
        konteks["banyak_instansi"] = len({u.instansi_id for u in pd}) > 1
    return render(request, "layanan/katalog.html", konteks)


@require_GET
def katalog_unit(request, unit_kode):
    """One agency's (or unit's) published services; 404 for a unit with none."""
    unit = get_object_or_404(Unit.objects.select_related("instansi"), kode=bentuk_kode(unit_kode) or "")
    semua = sel.layanan_publik().filter(unit__path__startswith=unit.path)
    q = kata_cari(request)
    daftar = list(saring(semua, q).order_by("unit__path", "nama"))
    if not daftar and not (q and semua.exists()):
        raise Http404("Unit ini belum memiliki layanan yang diterbitkan.")
    return render(request, "layanan/katalog_unit.html", {"unit": unit, "layanan": daftar, "q": q})


def _layanan_publik(kode: str):
    qs = sel.layanan_publik().prefetch_related("skema_survei__unsur", "skema_survei__mutu")
    return get_object_or_404(qs.select_related("skema_survei"), kode=kode)


def ringkasan_ikm(layanan) -> dict | None:
    """This year's index of the service so far (None when nobody answered)."""
    tahun = timezone.localdate().year
    hasil = sel.ikm(
        skema=layanan.skema_survei, mulai=dt.date(tahun, 1, 1), selesai=dt.date(tahun, 12, 31), layanan=layanan
    )
    if not hasil.responden or hasil.ikm is None:
        return None
    return {
        "tahun": tahun,
        "nilai": str(hasil.ikm).replace(".", ","),
        "mutu": hasil.mutu,
        "responden": hasil.responden,
        "skema": layanan.skema_survei,
    }


def konteks_standar(layanan, versi) -> dict:
    """The public page's parts: the 14 components in seed 001's table, the published versions, the links."""
    komponen = [{"no": i, "label": label, "isi": getattr(versi, kode)} for i, (kode, label) in enumerate(KOMPONEN, 1)]
    return {
        "layanan": layanan,
        "versi": versi,
        "komponen": komponen,
        "versi_lain": [v for v in sel.versi_publik(layanan).only("nomor", "berlaku_sejak", "berlaku_sampai")],
        "pd": Unit.objects.filter(path=_dasar.jalur_pd(layanan.unit.path)).first(),
        "url_pdf": (
            _dasar.tautan("layanan:standar_pdf", kode=layanan.kode)
            if versi.pk == layanan.versi_berlaku_id
            else _dasar.tautan("layanan:standar_pdf_versi", kode=layanan.kode, nomor=versi.nomor)
        ),
        "url_survei": _dasar.alamat_situs(reverse("layanan:survei", kwargs={"kode": layanan.kode})),
    }


@require_GET
def publik(request, kode):
    layanan = _layanan_publik(kode)
    konteks = konteks_standar(layanan, layanan.versi_berlaku)
    konteks["ikm"] = ringkasan_ikm(layanan)
    return render(request, "layanan/publik.html", konteks)


@require_GET
def publik_versi(request, kode, n):
    """An older published version, with its dates (the one in force is the service's own page)."""
    layanan = _layanan_publik(kode)
    versi = sel.versi_publik(layanan).filter(nomor=n).first()
    if versi is None:
        raise Http404("Versi ini tidak ada atau belum diterbitkan.")
    if versi.pk == layanan.versi_berlaku_id:
        return redirect("layanan:publik", kode=layanan.kode)
    return render(request, "layanan/publik.html", {**konteks_standar(layanan, versi), "lama": True})


@require_GET
def qr(request, kode):
    """The QR code of the service's survey page, as SVG for printing at the counter."""
    layanan = get_object_or_404(sel.layanan_publik(), kode=kode)
    alamat = _dasar.alamat_situs(reverse("layanan:survei", kwargs={"kode": layanan.kode}))
    keluaran = io.BytesIO()
    segno.make(alamat, error="m").save(keluaran, kind="svg", scale=8, border=4, title=f"Survei {layanan.nama}")
    respons = HttpResponse(keluaran.getvalue(), content_type="image/svg+xml")
    respons["Content-Disposition"] = f'inline; filename="qr-survei-{layanan.kode}.svg"'
    return respons
