"""Staff pages of the standards: the services I run (with their complaints open and overdue), registering a
service, and a service's page with its versions, any version, two versions compared, the draft edited, a
new version and publishing, and its history. Thin: every change goes through `layanan.services`; the
service is found through `selectors.layanan_terlihat` (404 for a draft of another unit) and the reader must
run its counter to open these pages (403), or set its standard to change it (403)."""

from __future__ import annotations

import functools
import operator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from sistemkerja.masukan import bentuk_id

from .. import selectors as sel
from .. import services
from ..choices import KODE_KOMPONEN, KOMPONEN, StatusPengaduan, StatusVersi
from ..forms import LayananBaruForm, LayananUbahForm, VersiForm
from ..models import SkemaSurvei, VersiLayanan
from ..skema_bawaan import SKEMA_BAWAAN
from . import _dasar
from .publik import kata_cari

RIWAYAT_MAKS = 50


@login_required
@require_GET
def daftar(request):
    """The services whose counter I run (`?cakupan=semua`: every service I may see), with the state of the
    standard and the open and overdue complaints, in a constant number of queries."""
    user = request.user
    semua = request.GET.get("cakupan") == "semua"
    qs = sel.layanan_terlihat(user) if semua else sel.layanan_dikelola(user)
    q = kata_cari(request)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
    terbuka = ~Q(pengaduan__status=StatusPengaduan.SELESAI)
    draf = VersiLayanan.objects.filter(layanan=OuterRef("pk"), status=StatusVersi.DRAF).order_by("-nomor")
    qs = qs.annotate(
        jumlah_terbuka=Count("pengaduan", filter=terbuka),
        jumlah_terlambat=Count("pengaduan", filter=terbuka & Q(pengaduan__tenggat__lt=timezone.localdate())),
        draf=Subquery(draf.values("nomor")[:1]),
    ).order_by("unit__path", "nama")
    hal = _dasar.halaman(request, qs)
    for lay in hal:
        lay.dikelola = sel.boleh_kelola(user, lay.unit)
    jalur = sel.jalur_penetap(user)
    konteks = {"halaman": hal, "semua": semua, "q": q, "boleh_daftar": jalur is None or bool(jalur)}
    return render(request, "layanan/kelola/daftar.html", konteks)


def _q_jalur(jalur: list[str]) -> Q:
    return functools.reduce(operator.or_, (Q(path__startswith=j) for j in jalur))


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    """Register a service (version 1, a draft), for a unit whose standards the reader sets."""
    jalur = sel.jalur_penetap(request.user)
    if jalur == []:
        raise PermissionDenied
    unit_pilihan = None
    if jalur is not None:
        unit_pilihan = Unit.objects.filter(_q_jalur(jalur), aktif=True).order_by("path")
    diri = pegawai_dari_user(request.user)
    instansi_id = diri.unit.instansi_id if diri is not None and diri.unit_id else None
    form = LayananBaruForm(
        request.POST or None,
        unit_pilihan=unit_pilihan,
        skema_qs=sel.skema_tersedia(instansi_id),
        initial={"skema": SkemaSurvei.objects.filter(kode=SKEMA_BAWAAN).values_list("pk", flat=True).first()},
    )
    if unit_pilihan is not None:
        form.fields["unit"].label_from_instance = lambda u: "— " * max(u.depth - 2, 0) + u.nama
    status = 200
    if request.method == "POST":
        layanan, status = _dasar.kirim(
            request,
            form,
            lambda d: services.layanan_daftarkan(
                pelaku=request.user,
                kode=d["kode"],
                nama=d["nama"],
                unit=d["unit"],
                komponen=form.komponen(),
                skema=d["skema"],
                tenggat_pengaduan_hari=form.tenggat(),
            ),
        )
        if layanan is not None:
            messages.success(request, f"Layanan {layanan.nama} didaftarkan; standar pelayanannya versi 1 (draf).")
            return redirect("layanan:kelola_layanan", kode=layanan.kode)
    return render(request, "layanan/kelola/baru.html", {"form": form}, status=status)


def konteks_layanan(request, layanan, **lain) -> dict:
    """The service's staff page: its versions, the draft, the complaints, the history, the links."""
    user = request.user
    versi = list(
        layanan.versi.select_related("disusun_oleh", "diterbitkan_oleh").defer(*KODE_KOMPONEN).order_by("-nomor")
    )
    riwayat = (
        layanan.riwayat.filter(pengaduan__isnull=True)
        .select_related("oleh", "versi", "akun")
        .order_by("-waktu", "-id")[:RIWAYAT_MAKS]
    )
    aduan = (
        sel.pengaduan_terlihat(user)
        .filter(layanan=layanan)
        .aggregate(
            terbuka=Count("pk", filter=~Q(status=StatusPengaduan.SELESAI)),
            terlambat=Count("pk", filter=sel.terlambat_q()),
        )
    )
    return {
        "layanan": layanan,
        "versi": versi,
        "draf": next((v for v in versi if v.status == StatusVersi.DRAF), None),
        "boleh_tetapkan": sel.boleh_tetapkan(user, layanan.unit),
        "riwayat": list(riwayat),
        "aduan": aduan,
        "url_skm": _dasar.tautan("layanan:skm", kode=layanan.kode),
        "url_pdf": _dasar.tautan("layanan:standar_pdf", kode=layanan.kode) if layanan.versi_berlaku_id else "",
        **lain,
    }


@login_required
@require_GET
def kelola_layanan(request, kode):
    layanan = _dasar.layanan_staf(request, kode)
    return render(request, "layanan/kelola/layanan.html", konteks_layanan(request, layanan))


def _komponen(versi) -> list[dict]:
    return [{"no": i, "label": label, "isi": getattr(versi, kode)} for i, (kode, label) in enumerate(KOMPONEN, 1)]


@login_required
@require_GET
def versi(request, kode, n):
    """Any version, drafts included, for the staff who run the service."""
    layanan = _dasar.layanan_staf(request, kode)
    v = get_object_or_404(layanan.versi.select_related("disusun_oleh", "diterbitkan_oleh"), nomor=n)
    boleh = sel.boleh_tetapkan(request.user, layanan.unit)
    konteks = {"layanan": layanan, "versi": v, "komponen": _komponen(v), "boleh_tetapkan": boleh}
    return render(request, "layanan/kelola/versi.html", konteks)


@login_required
@require_GET
def banding(request, kode):
    """Two versions side by side: the components that changed, and which stayed the same."""
    layanan = _dasar.layanan_staf(request, kode)
    a, b = bentuk_id(request.GET.get("a")), bentuk_id(request.GET.get("b"))
    semua = {v.nomor: v for v in layanan.versi.all()} if a and b else {}
    if a not in semua or b not in semua:
        messages.error(request, "Pilih dua versi yang ada untuk dibandingkan.")
        return render(request, "layanan/kelola/layanan.html", konteks_layanan(request, layanan), status=400)
    va, vb = semua[a], semua[b]
    baris = [
        {"no": i, "label": label, "a": getattr(va, k), "b": getattr(vb, k)} for i, (k, label) in enumerate(KOMPONEN, 1)
    ]
    konteks = {
        "layanan": layanan,
        "va": va,
        "vb": vb,
        "beda": [r for r in baris if r["a"].strip() != r["b"].strip()],
        "sama": [r for r in baris if r["a"].strip() == r["b"].strip()],
        "tenggat_beda": va.tenggat_pengaduan_hari != vb.tenggat_pengaduan_hari,
    }
    return render(request, "layanan/kelola/banding.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, kode):
    """Rename the service, change its survey's questionnaire, or withdraw it from the catalogue."""
    layanan = _dasar.layanan_staf(request, kode, tetapkan=True)
    awal = {"nama": layanan.nama, "skema": layanan.skema_survei_id, "aktif": layanan.aktif}
    skema_qs = sel.skema_tersedia(layanan.unit.instansi_id)
    form = LayananUbahForm(request.POST or None, initial=awal, skema_qs=skema_qs)
    status = 200
    if request.method == "POST":
        hasil, status = _dasar.kirim(
            request,
            form,
            lambda d: services.layanan_ubah(
                pelaku=request.user, layanan=layanan, nama=d["nama"], skema=d["skema"], aktif=d["aktif"]
            ),
        )
        if hasil is not None:
            messages.success(request, "Data layanan disimpan.")
            return redirect("layanan:kelola_layanan", kode=layanan.kode)
    konteks = {"layanan": layanan, "form": form, "judul": "Ubah data layanan"}
    return render(request, "layanan/kelola/ubah.html", konteks, status=status)


def _form_versi(request, layanan, v, form, status=200, judul=""):
    konteks = {"layanan": layanan, "versi": v, "form": form, "judul": judul or f"Ubah draf versi {v.nomor}"}
    return render(request, "layanan/kelola/versi_form.html", konteks, status=status)


def _simpan_versi(request, layanan, v, form, simpan, pesan, judul=""):
    """The draft's form posted: saved by `simpan(**isian)` (versi_ubah or versi_buat), or shown again."""

    def aksi(d):
        isian = {"komponen": form.komponen(), "catatan": d["catatan"], "tenggat_pengaduan_hari": form.tenggat()}
        return simpan(pelaku=request.user, **isian)

    hasil, status = _dasar.kirim(request, form, aksi)
    if hasil is not None:
        messages.success(request, pesan(hasil))
        return redirect("layanan:kelola_layanan", kode=layanan.kode)
    return _form_versi(request, layanan, v, form, status, judul=judul)


@login_required
@require_http_methods(["GET", "POST"])
def versi_ubah(request, kode, n):
    """Edit the draft in place (a published version is never edited: a new version is made)."""
    layanan = _dasar.layanan_staf(request, kode, tetapkan=True)
    v = get_object_or_404(layanan.versi.all(), nomor=n)
    if v.status != StatusVersi.DRAF:
        messages.error(request, f"Versi {v.nomor} sudah {v.get_status_display().lower()}; susun versi baru.")
        return render(request, "layanan/kelola/layanan.html", konteks_layanan(request, layanan), status=409)
    if request.method != "POST":
        awal = {"tenggat_pengaduan_hari": v.tenggat_pengaduan_hari, "catatan": v.catatan_perubahan}
        return _form_versi(request, layanan, v, VersiForm(initial=awal, awal=v.komponen()))
    form = VersiForm(request.POST, awal=v.komponen())
    simpan = functools.partial(services.versi_ubah, versi=v)
    return _simpan_versi(request, layanan, v, form, simpan, lambda h: f"Draf versi {h.nomor} disimpan.")


@login_required
@require_http_methods(["GET", "POST"])
def versi_baru(request, kode):
    """A new draft from the latest version's components."""
    layanan = _dasar.layanan_staf(request, kode, tetapkan=True)
    terakhir = layanan.versi.order_by("-nomor").first()
    awal = terakhir.komponen() if terakhir else {}
    judul = "Susun versi baru"
    if request.method != "POST":
        tenggat = {"tenggat_pengaduan_hari": terakhir.tenggat_pengaduan_hari} if terakhir else {}
        return _form_versi(request, layanan, None, VersiForm(initial=tenggat, awal=awal), judul=judul)
    form = VersiForm(request.POST, awal=awal)
    simpan = functools.partial(services.versi_buat, layanan=layanan)
    pesan = lambda h: f"Versi {h.nomor} disusun sebagai draf."  # noqa: E731
    return _simpan_versi(request, layanan, None, form, simpan, pesan, judul=judul)


@login_required
@require_POST
def terbitkan(request, kode):
    """Put the latest draft in force; a component left empty is shown on the draft's form."""
    layanan = _dasar.layanan_staf(request, kode, tetapkan=True)
    draf = layanan.versi.filter(status=StatusVersi.DRAF).order_by("-nomor").first()
    form = None
    if draf is not None:  # bound to the draft as saved, so the refusal can mark its empty components
        data = {
            **draf.komponen(),
            "tenggat_pengaduan_hari": draf.tenggat_pengaduan_hari,
            "catatan": draf.catatan_perubahan,
        }
        form = VersiForm(data, awal=draf.komponen())
        form.is_valid()
    hasil, status = _dasar.jalankan(
        request, form, lambda: services.versi_terbitkan(pelaku=request.user, layanan=layanan)
    )
    if hasil is not None:
        messages.success(request, f"Versi {hasil.nomor} diterbitkan dan berlaku mulai hari ini.")
        return redirect("layanan:kelola_layanan", kode=layanan.kode)
    if status == 400 and draf is not None:
        messages.error(request, "Lengkapi komponen yang ditandai, simpan draf, lalu terbitkan lagi.")
        return _form_versi(request, layanan, draf, form, status)
    return render(request, "layanan/kelola/layanan.html", konteks_layanan(request, layanan), status=status)
