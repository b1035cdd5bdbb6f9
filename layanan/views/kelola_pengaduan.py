"""Staff pages of complaints: the list the reader may see (`selectors.pengaduan_terlihat`; filters status,
service, unit, overdue; the overdue flagged with their days late), a complaint's page with its full content,
attachment, deadline, answers and history, and the steps by state: take it up (the Bagian Organisasi
names the unit), hand it to another unit, write an answer, publish an answer, close it. Someone who may not
see a complaint gets 404; the services refuse a step the reader may not take (403) or that its state does
not allow (409)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sistemkerja.berkas import kirim_berkas

from .. import selectors as sel
from .. import services
from ..choices import StatusPengaduan
from ..forms import ProsesForm, SaringPengaduanForm, TanggapanForm, TugaskanForm, TutupForm
from ..models import Pengaduan
from . import _dasar


def hari_terlambat(p: Pengaduan, hari_ini) -> int:
    """Days past the deadline: until today while open, until it was closed once closed (0: in time)."""
    akhir = timezone.localdate(p.selesai) if p.selesai else hari_ini
    return max((akhir - p.tenggat).days, 0)


@login_required
@require_GET
def daftar(request):
    user = request.user
    pilihan = list(sel.layanan_dikelola(user).values_list("kode", "nama").order_by("nama"))
    form = SaringPengaduanForm(request.GET or None, pilihan_layanan=pilihan)
    qs = sel.pengaduan_terlihat(user)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["status"] == "terbuka":
            qs = qs.exclude(status=StatusPengaduan.SELESAI)
        elif d["status"]:
            qs = qs.filter(status=d["status"])
        if d["layanan"]:
            qs = qs.filter(layanan__kode=d["layanan"])
        if d["unit"]:
            qs = qs.filter(unit__path__startswith=d["unit"].path)
        if d["terlambat"]:
            qs = qs.filter(sel.terlambat_q())
    hal = _dasar.halaman(request, qs.order_by("-diterima", "-id"))
    hari_ini = timezone.localdate()
    for p in hal:
        p.hari_terlambat = hari_terlambat(p, hari_ini)
        p.kode_tampil = services.tampil_lacak(p.kode_lacak)
    return render(request, "layanan/kelola/pengaduan_daftar.html", {"form": form, "halaman": hal})


def _pengaduan(request, pk) -> Pengaduan:
    qs = sel.pengaduan_terlihat(request.user).select_related("layanan__unit", "layanan__versi_berlaku")
    return get_object_or_404(qs, pk=pk)


def konteks_pengaduan(request, p: Pengaduan, ganti: tuple[str, object] | None = None) -> dict:
    """The complaint's page for this reader; `ganti` = (form name, bound form) sent back with its errors."""
    user = request.user
    bo = sel.adalah_bagian_organisasi(user)
    forms = {
        "proses": ProsesForm(pilih_unit=bo or p.unit_id is None),
        "tugaskan": TugaskanForm(),
        "tanggapan": TanggapanForm(),
        "tutup": TutupForm(),
    }
    if ganti:
        forms[ganti[0]] = ganti[1]
    boleh_terbit = p.unit is not None and sel.boleh_tetapkan(user, p.unit)
    tanggapan = list(p.tanggapan.select_related("oleh", "diterbitkan_oleh"))
    return {
        "p": p,
        "kode": services.tampil_lacak(p.kode_lacak),
        "hari_terlambat": hari_terlambat(p, timezone.localdate()),
        "tanggapan": tanggapan,
        "ada_terbit": any(t.diterbitkan for t in tanggapan),
        "riwayat": list(p.riwayat.select_related("oleh", "akun").order_by("waktu", "id")),
        "boleh_terbit": boleh_terbit,
        "forms": forms,
        "S": StatusPengaduan,
    }


@login_required
@require_GET
def detail(request, pk):
    p = _pengaduan(request, pk)
    return render(request, "layanan/kelola/pengaduan_detail.html", konteks_pengaduan(request, p))


@login_required
@require_GET
def lampiran(request, pk):
    p = _pengaduan(request, pk)
    if not p.lampiran:
        raise Http404("Pengaduan ini tidak berlampiran.")
    return kirim_berkas(p.lampiran, nama_unduh=f"lampiran-pengaduan-{p.kode_lacak}")


def _langkah(request, pk, nama: str, form_kelas, aksi, pesan: str, **form_kw):
    """A step on the complaint: run the service with the form's data; back to the page (or to the list when
    the complaint left the reader's reach), or the page again with the form's errors and the status."""
    p = _pengaduan(request, pk)
    form = form_kelas(request.POST, **form_kw)
    _, status = _dasar.kirim(request, form, lambda d: aksi(p, d))
    if status == 200:
        messages.success(request, pesan)
        if sel.pengaduan_terlihat(request.user).filter(pk=p.pk).exists():
            return redirect("layanan:pengaduan_detail", pk=p.pk)
        return redirect("layanan:pengaduan_daftar")
    p.refresh_from_db()
    konteks = konteks_pengaduan(request, p, ganti=(nama, form))
    return render(request, "layanan/kelola/pengaduan_detail.html", konteks, status=status)


@login_required
@require_POST
def proses(request, pk):
    bo = sel.adalah_bagian_organisasi(request.user)
    p = _pengaduan(request, pk)

    def aksi(p, d):
        return services.pengaduan_proses(pelaku=request.user, pengaduan=p, unit=d.get("unit"), catatan=d["catatan"])

    return _langkah(request, pk, "proses", ProsesForm, aksi, "Pengaduan diproses.", pilih_unit=bo or p.unit_id is None)


@login_required
@require_POST
def tugaskan(request, pk):
    def aksi(p, d):
        return services.pengaduan_tugaskan(pelaku=request.user, pengaduan=p, unit=d["unit"], catatan=d["catatan"])

    return _langkah(request, pk, "tugaskan", TugaskanForm, aksi, "Pengaduan dialihkan.")


@login_required
@require_POST
def tanggapan(request, pk):
    def aksi(p, d):
        return services.tanggapan_tulis(pelaku=request.user, pengaduan=p, isi=d["isi"])

    return _langkah(request, pk, "tanggapan", TanggapanForm, aksi, "Tanggapan disimpan; terbit setelah diterbitkan.")


@login_required
@require_POST
def tanggapan_terbitkan(request, pk, tid):
    p = _pengaduan(request, pk)
    t = get_object_or_404(p.tanggapan.all(), pk=tid)
    _, status = _dasar.jalankan(request, None, lambda: services.tanggapan_terbitkan(pelaku=request.user, tanggapan=t))
    if status == 200:
        messages.success(request, "Tanggapan diterbitkan; pengadu dapat membacanya di halaman lacak.")
        return redirect("layanan:pengaduan_detail", pk=p.pk)
    p.refresh_from_db()
    return render(request, "layanan/kelola/pengaduan_detail.html", konteks_pengaduan(request, p), status=status)


@login_required
@require_POST
def tutup(request, pk):
    def aksi(p, d):
        return services.pengaduan_tutup(pelaku=request.user, pengaduan=p, catatan=d["catatan"])

    return _langkah(request, pk, "tutup", TutupForm, aksi, "Pengaduan ditutup.")
