"""Drafting a plan (repeated kegiatan and anggaran rows), an activity's page (progress, spending,
rincian), submitting a result and reviewing it up the chain."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Pegawai

from .. import selectors, services
from ..choices import StatusHasil, StatusRencana
from ..forms import (
    CatatanForm,
    HasilForm,
    KembalikanForm,
    ProgresForm,
    RealisasiForm,
    RencanaForm,
    RincianForm,
    kegiatan_dari_post,
    kegiatan_tambah,
    tempel_galat_baris,
)
from ..models import Kegiatan
from . import _dasar

BATAS_CALON = 300


def _calon_pelaksana(t):
    """Who may carry an activity out: active staff of the target's unit and its team (as the service says)."""
    ids = selectors.staf_unit(t.unit) | selectors.anggota_tim(t)
    return list(Pegawai.objects.filter(pk__in=ids, aktif=True).order_by("nama")[:BATAS_CALON])


def _kegiatan_awal(t) -> list[dict]:
    """A new version starts from the plan in force (or the one waiting), so a change edits rather than retypes."""
    r = t.rencana.filter(status__in=[StatusRencana.DISETUJUI, StatusRencana.DIAJUKAN]).order_by("-versi").first()
    if r is None:
        return []
    return [
        {
            "uraian": k.uraian,
            "mulai": k.mulai.isoformat(),
            "selesai": k.selesai.isoformat(),
            "pelaksana": [p.nip for p in k.pelaksana.all()],
            "anggaran": [{"uraian": a.uraian, "jumlah": str(a.jumlah)} for a in k.anggaran.all()],
        }
        for k in r.kegiatan.prefetch_related("pelaksana", "anggaran")
    ]


@require_http_methods(["GET", "POST"])
@login_required
def rencana_baru(request, pk):
    t = _dasar.target(request, pk)
    ada_disetujui = t.rencana.filter(status=StatusRencana.DISETUJUI).exists()
    form = RencanaForm(request.POST if request.method == "POST" else None)
    status, galat_atas = 200, {}
    if request.method == "POST":
        kegiatan = kegiatan_dari_post(request.POST)
        if "tambah" not in request.POST:
            # a refused form answers 400: damaged row counts, an invalid field, or the service's refusal
            status, galat_atas = 400, {"baris": _dasar.baris_rusak(request.POST)}
            if not galat_atas["baris"] and _dasar.sah(form):
                r, status, galat = _dasar.jalankan_baris(
                    request,
                    lambda: services.rencana_susun(
                        pelaku=request.user, target=t, kegiatan=kegiatan, alasan=form.cleaned_data["alasan"]
                    ),
                )
                if r is not None:
                    messages.success(request, f"Rencana versi {r.versi} diajukan untuk disetujui.")
                    return redirect("kinerja:target_detail", pk=t.pk)
                galat_atas = tempel_galat_baris(kegiatan, galat, "kegiatan", "anggaran")
                if "alasan" in galat_atas:
                    form.add_error("alasan", galat_atas.pop("alasan"))
    else:
        kegiatan = _kegiatan_awal(t)
    kegiatan_tambah(kegiatan, request.POST.get("tambah", ""))
    return render(
        request,
        "kinerja/rencana_form.html",
        {
            "t": t,
            "form": form,
            "kegiatan": kegiatan,
            "calon": _calon_pelaksana(t),
            "ada_disetujui": ada_disetujui,
            "galat_atas": [p for v in galat_atas.values() for p in v],
        },
        status=status,
    )


# --- an activity ----------------------------------------------------------------------------------------


def _anggaran(k: Kegiatan):
    return k.anggaran.annotate(terpakai=Sum("realisasi__jumlah")).order_by("id")


def _konteks_kegiatan(request, k: Kegiatan, **forms) -> dict:
    t = k.rencana.target
    anggaran = list(_anggaran(k))
    for a in anggaran:
        a.terpakai = a.terpakai or 0
        a.sisa = a.jumlah - a.terpakai
    pagu = sum(a.jumlah for a in anggaran)
    terpakai = k.realisasi.aggregate(n=Sum("jumlah"))["n"] or 0
    pelaksana = list(k.pelaksana.order_by("nama"))
    orang = Pegawai.objects.filter(pk__in={p.pk for p in pelaksana} | selectors.anggota_tim(t)).order_by("nama")
    konteks = {
        "k": k,
        "t": t,
        "pelaksana": pelaksana,
        "anggaran": anggaran,
        "pagu": pagu,
        "terpakai": terpakai,
        "sisa": pagu - terpakai,
        "progres": list(k.progres.select_related("oleh").order_by("-tanggal", "-id")),
        "realisasi": list(k.realisasi.select_related("oleh", "anggaran").order_by("-tanggal", "-id")),
        "rincian": list(k.rincian.select_related("pegawai", "oleh")),
        "kompetensi": _kompetensi(orang),
        "form_progres": ProgresForm(),
        "form_realisasi": RealisasiForm(anggaran_qs=k.anggaran.all()),
        "form_rincian": RincianForm(pegawai_qs=orang),
    }
    konteks.update(forms)
    return konteks


def _kompetensi(orang) -> list[tuple]:
    """Each team member's competencies (penugasan's profile), one query for all."""
    from penugasan.models import KompetensiPegawai

    baris: dict = {}
    for kp in KompetensiPegawai.objects.filter(pegawai__in=orang).select_related("pegawai", "kompetensi"):
        baris.setdefault(kp.pegawai, []).append(kp.kompetensi.nama)
    return sorted(baris.items(), key=lambda x: x[0].nama)


@require_GET
@login_required
def kegiatan_detail(request, pk):
    k = _dasar.kegiatan(request, pk)
    return render(request, "kinerja/kegiatan_detail.html", _konteks_kegiatan(request, k))


def _aksi_kegiatan(request, pk, nama_form, buat_form, aksi, pesan):
    k = _dasar.kegiatan(request, pk)
    form = buat_form(k, request.POST, request.FILES)
    status = 400
    if _dasar.sah(form):
        hasil, status = _dasar.jalankan(request, form, lambda: aksi(k, form.cleaned_data))
        if hasil is not None:
            messages.success(request, pesan)
            return redirect("kinerja:kegiatan_detail", pk=k.pk)
    konteks = _konteks_kegiatan(request, k, **{nama_form: form})
    return render(request, "kinerja/kegiatan_detail.html", konteks, status=status)


@require_POST
@login_required
def progres_catat(request, pk):
    return _aksi_kegiatan(
        request,
        pk,
        "form_progres",
        lambda k, data, files: ProgresForm(data, files),
        lambda k, d: services.progres_catat(
            pelaku=request.user,
            kegiatan=k,
            tanggal=d["tanggal"],
            uraian=d["uraian"],
            persen=d["persen"],
            bukti=d["bukti"],
            berkas=d["berkas"],
        ),
        "Progres dicatat.",
    )


@require_POST
@login_required
def realisasi_catat(request, pk):
    return _aksi_kegiatan(
        request,
        pk,
        "form_realisasi",
        lambda k, data, files: RealisasiForm(data, anggaran_qs=k.anggaran.all()),
        lambda k, d: services.realisasi_catat(
            pelaku=request.user,
            kegiatan=k,
            tanggal=d["tanggal"],
            uraian=d["uraian"],
            jumlah=d["jumlah"],
            anggaran=d["anggaran"],
        ),
        "Realisasi anggaran dicatat.",
    )


@require_POST
@login_required
def rincian_catat(request, pk):
    def buat(k, data, files):
        orang = Pegawai.objects.filter(
            pk__in=set(k.pelaksana.values_list("pk", flat=True)) | selectors.anggota_tim(k.rencana.target)
        )
        return RincianForm(data, pegawai_qs=orang)

    return _aksi_kegiatan(
        request,
        pk,
        "form_rincian",
        buat,
        lambda k, d: services.rincian_catat(
            pelaku=request.user, kegiatan=k, uraian=d["uraian"], pegawai=d["pegawai"], peran=d["peran"]
        ),
        "Rincian pelaksanaan dicatat.",
    )


# --- results --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def hasil_baru(request, pk):
    t = _dasar.target(request, pk)
    status = 200
    if request.method == "POST":
        form = HasilForm(request.POST, request.FILES)
        status = 400
        if _dasar.sah(form):
            d = form.cleaned_data
            h, status = _dasar.jalankan(
                request,
                form,
                lambda: services.hasil_ajukan(
                    pelaku=request.user,
                    target=t,
                    capaian=d["capaian"],
                    uraian=d["uraian"],
                    bukti=d["bukti"],
                    berkas=d["berkas"],
                ),
            )
            if h is not None:
                messages.success(request, f"Hasil diajukan: {h.get_status_display().lower()}.")
                return redirect("kinerja:hasil_detail", pk=h.pk)
    else:
        form = HasilForm()
    return render(request, "kinerja/hasil_form.html", {"t": t, "form": form}, status=status)


def _konteks_hasil(request, h, **forms) -> dict:
    diri = _dasar.diri(request)
    tinjau = selectors.tinjauan(h)
    konteks = {
        "h": h,
        "t": h.target,
        "tinjauan": tinjau,
        "saya_peninjau": diri is not None and tinjau.peninjau is not None and tinjau.peninjau.pegawai.pk == diri.pk,
        "saya_pengaju": diri is not None and h.pengaju_id == diri.pk,
        "riwayat": list(h.riwayat.select_related("oleh")),
        "terlambat": selectors.terlambat(h.menunggu_sejak, selectors.batas_tinjau_hari(h.target.unit.instansi_id))
        if h.status == StatusHasil.DITINJAU
        else False,
        "form_terima": CatatanForm(),
        "form_kembalikan": KembalikanForm(),
        "form_ulang": HasilForm(initial={"capaian": h.capaian, "uraian": h.uraian, "bukti": h.bukti_url}),
    }
    konteks.update(forms)
    return konteks


@require_GET
@login_required
def hasil_detail(request, pk):
    h = _dasar.hasil(request, pk)
    return render(request, "kinerja/hasil_detail.html", _konteks_hasil(request, h))


def _aksi_hasil(request, pk, nama_form, Form, aksi, pesan):
    h = _dasar.hasil(request, pk)
    form = Form(request.POST, request.FILES)
    status = 400
    if _dasar.sah(form):
        baru, status = _dasar.jalankan(request, form, lambda: aksi(h, form.cleaned_data))
        if baru is not None:
            messages.success(request, pesan(baru))
            return redirect("kinerja:hasil_detail", pk=h.pk)
    return render(request, "kinerja/hasil_detail.html", _konteks_hasil(request, h, **{nama_form: form}), status=status)


def _pesan_tinjau(h) -> str:
    if h.status == StatusHasil.SELESAI:
        return "Hasil diterima dan selesai."
    return f"Hasil diteruskan kepada {h.peninjau.nama}." if h.peninjau else "Hasil diterima."


@require_POST
@login_required
def hasil_terima(request, pk):
    return _aksi_hasil(
        request,
        pk,
        "form_terima",
        lambda data, files: CatatanForm(data),
        lambda h, d: services.hasil_terima(pelaku=request.user, hasil=h, catatan=d["catatan"]),
        _pesan_tinjau,
    )


@require_POST
@login_required
def hasil_kembalikan(request, pk):
    return _aksi_hasil(
        request,
        pk,
        "form_kembalikan",
        lambda data, files: KembalikanForm(data),
        lambda h, d: services.hasil_kembalikan(pelaku=request.user, hasil=h, catatan=d["catatan"]),
        lambda h: "Hasil dikembalikan kepada pengaju.",
    )


@require_POST
@login_required
def hasil_ajukan_ulang(request, pk):
    return _aksi_hasil(
        request,
        pk,
        "form_ulang",
        HasilForm,
        lambda h, d: services.hasil_ajukan_ulang(
            pelaku=request.user, hasil=h, capaian=d["capaian"], uraian=d["uraian"], bukti=d["bukti"], berkas=d["berkas"]
        ),
        lambda h: "Hasil diajukan kembali.",
    )
