"""The inbox and the perjanjian kinerja pages: the list, drafting (and changing) a PK with repeated
sasaran and indikator rows, a PK with its cascade as a tree of progress bars."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import PejabatUnit, Unit
from organisasi.selectors import hari_ini

from .. import selectors, services
from ..choices import StatusPK
from ..forms import PKForm, UbahPKForm, sasaran_dari_pk, sasaran_dari_post, sasaran_tambah, tempel_galat_baris
from ..models import PengaturanKinerja, PerjanjianKinerja, Target
from ..querysets import q_peserta
from . import _dasar
from ._dasar import BATAS_DAFTAR

PILIH = {
    "hasil": ("target__unit", "pengaju"),
    "rencana": ("target__unit", "disusun_oleh"),
    "target": ("unit", "perjanjian"),
    "permintaan": ("target", "peminta"),
    "umpan_balik": ("target", "dari"),
    "dikembalikan": ("target__unit",),
}


def _dipimpin(diri):
    return PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values("unit_id")


@require_GET
@login_required
def kotak_masuk(request):
    diri = _dasar.diri(request)
    konteks = {"diri": diri}
    if diri is not None:
        daftar = {k: list(qs.select_related(*PILIH[k])[:BATAS_DAFTAR]) for k, qs in selectors.kotak_masuk(diri).items()}
        batas = dict(PengaturanKinerja.objects.values_list("instansi_id", "batas_tinjau_hari"))
        for h in daftar["hasil"]:
            h.terlambat = selectors.terlambat(
                h.menunggu_sejak, batas.get(h.target.unit.instansi_id, selectors.BATAS_TINJAU_BAWAAN)
            )
        konteks.update(
            daftar,
            target_saya=list(
                Target.objects.filter(q_peserta(diri), aktif=True)
                .select_related("unit")
                .distinct()
                .order_by("-tahun", "id")[:BATAS_DAFTAR]
            ),
            pk_saya=list(
                PerjanjianKinerja.objects.filter(unit__in=_dipimpin(diri))
                .exclude(status=StatusPK.DIGANTI)
                .select_related("unit")[:BATAS_DAFTAR]
            ),
        )
    return render(request, "kinerja/kotak_masuk.html", konteks)


@require_GET
@login_required
def pk_daftar(request):
    qs = PerjanjianKinerja.objects.restrict(request.user).select_related("unit")
    tahun = request.GET.get("tahun", "")
    if tahun.isascii() and tahun.isdigit() and len(tahun) == 4:
        qs = qs.filter(tahun=int(tahun))
    else:
        tahun = ""
    diri = _dasar.diri(request)
    return render(
        request,
        "kinerja/pk_daftar.html",
        {
            "daftar": list(qs[:100]),
            "tahun": tahun,
            "pilihan_tahun": range(hari_ini().year + 1, hari_ini().year - 4, -1),
            "boleh_susun": diri is not None and _unit_organisasi_dipimpin(diri).exists(),
        },
    )


def _unit_organisasi_dipimpin(diri):
    return Unit.objects.filter(pk__in=_dipimpin(diri), mandiri=True).exclude(jenis="instansi").order_by("path")


def _form_sasaran(request, template: str, konteks: dict, susun, status_awal: int = 200):
    """Shared by drafting and changing a PK: rows from the POST, "tambah" re-renders with one more."""
    form = konteks["form"]
    sasaran = sasaran_dari_post(request.POST) if request.method == "POST" else konteks.pop("sasaran_awal", [])
    status, galat_atas = status_awal, {}
    rusak = _dasar.baris_rusak(request.POST) if request.method == "POST" else []
    if request.method == "POST" and "tambah" not in request.POST and not rusak and _dasar.sah(form):
        hasil, status, galat = _dasar.jalankan_baris(request, lambda: susun(form.cleaned_data, sasaran))
        if hasil is not None:
            messages.success(request, f"{hasil} disimpan sebagai draf.")
            return redirect("kinerja:pk_detail", pk=hasil.pk)
        galat_atas = tempel_galat_baris(sasaran, galat, "sasaran", "indikator")
        for kolom, pesan in list(galat_atas.items()):
            if kolom in form.fields:
                form.add_error(kolom, pesan)
                galat_atas.pop(kolom)
    elif request.method == "POST" and "tambah" not in request.POST:
        status, galat_atas = 400, {"baris": rusak}
    sasaran_tambah(sasaran, request.POST.get("tambah", ""))
    return render(
        request,
        template,
        {**konteks, "sasaran": sasaran, "galat_atas": [p for v in galat_atas.values() for p in v]},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def pk_baru(request):
    diri = _dasar.diri(request)
    unit_qs = _unit_organisasi_dipimpin(diri) if diri else Unit.objects.none()
    data = request.POST if request.method == "POST" else None
    form = PKForm(data, unit_qs=unit_qs, initial={"tahun": hari_ini().year, "unit": unit_qs.first()})
    return _form_sasaran(
        request,
        "kinerja/pk_form.html",
        {"form": form, "judul": "Susun perjanjian kinerja"},
        lambda d, sasaran: services.perjanjian_susun(
            pelaku=request.user, unit=d["unit"], tahun=d["tahun"], sasaran=sasaran
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def pk_ubah(request, pk):
    lama = _dasar.perjanjian(request, pk)
    data = request.POST if request.method == "POST" else None
    return _form_sasaran(
        request,
        "kinerja/pk_form.html",
        {
            "form": UbahPKForm(data),
            "judul": f"Perubahan {lama}",
            "lama": lama,
            "sasaran_awal": sasaran_dari_pk(
                PerjanjianKinerja.objects.prefetch_related("sasaran__indikator").get(pk=lama.pk)
            ),
        },
        lambda d, sasaran: services.perjanjian_ubah(
            pelaku=request.user, perjanjian=lama, sasaran=sasaran, alasan=d["alasan"]
        ),
    )


def pohon(targets: list[Target]) -> list[dict]:
    """Targets as nested nodes {t, persen, anak}, children under their parent (roots: no parent in the list)."""
    ada = {t.pk for t in targets}
    capaian = selectors.capaian(ada)
    simpul = {t.pk: {"t": t, "capaian": capaian.get(t.pk, 0), "anak": []} for t in targets}
    akar = []
    for t in targets:
        if t.induk_id in ada:
            simpul[t.induk_id]["anak"].append(simpul[t.pk])
        else:
            akar.append(simpul[t.pk])
    return akar


def _halaman_pk(request, p, status: int = 200):
    diri = _dasar.diri(request)
    pemimpin = selectors.pemimpin(p.unit)
    targets = list(
        Target.objects.restrict(request.user).filter(perjanjian=p).select_related("unit").order_by("unit__path", "id")
    )
    return render(
        request,
        "kinerja/pk_detail.html",
        {
            "p": p,
            "sasaran": p.sasaran.prefetch_related("indikator"),
            "versi": PerjanjianKinerja.objects.filter(unit=p.unit_id, tahun=p.tahun).order_by("-versi"),
            "riwayat": p.riwayat.select_related("oleh"),
            "pohon": pohon(targets),
            "boleh": diri is not None and pemimpin is not None and pemimpin.pegawai.pk == diri.pk,
        },
        status=status,
    )


@require_GET
@login_required
def pk_detail(request, pk):
    return _halaman_pk(request, _dasar.perjanjian(request, pk))


@require_POST
@login_required
def pk_tetapkan(request, pk):
    p = _dasar.perjanjian(request, pk)
    hasil, status = _dasar.jalankan(
        request, None, lambda: services.perjanjian_tetapkan(pelaku=request.user, perjanjian=p)
    )
    if hasil is None:
        return _halaman_pk(request, p, status)
    messages.success(request, f"{hasil} ditetapkan.")
    return redirect("kinerja:pk_detail", pk=p.pk)
