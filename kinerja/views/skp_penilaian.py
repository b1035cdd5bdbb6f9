"""The appraisal's pages for the PPK, the atasan PPK, a team's ketua and the Bagian Organisasi: rating a
period, re-rating, finalising against the unit's distribution, objections and their decision, follow-up;
the PPK's list of staff and what waits; a Unit Organisasi's distribution chart and its organisation
predikat."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from organisasi.models import PejabatUnit, Unit
from organisasi.permissions import adalah_admin_organisasi
from organisasi.selectors import pimpinan_unit_pada
from penugasan.models import AnggotaTim

from .. import penilaian, services
from .. import selectors_skp as sel
from ..choices import StatusEvaluasi, StatusKeberatan, StatusSkp
from ..forms_skp import (
    KeberatanForm,
    MasukanKetuaForm,
    NilaiForm,
    NilaiPeriodeForm,
    PredikatOrganisasiForm,
    PutusKeberatanForm,
    TetapkanForm,
    TindakLanjutForm,
)
from ..models import Evaluasi, Keberatan, PengaturanKinerja, Skp, TandaTangan
from . import _dasar
from .skp import aksi_skp, hari_ini, isian, skp_terlihat
from .skp_grafik import distribusi_banyak, grafik_distribusi

BATAS = 100
BATAS_GRAFIK = 6


# A rating's fields, as the forms and the services name them.
RATING = ("rating_hasil", "rating_perilaku", "catatan")


def _evaluasi(request, pk) -> Evaluasi:
    return get_object_or_404(Evaluasi.objects.restrict(request.user), pk=pk)


# --- rating, re-rating, finalising ---


def _aksi_evaluasi(request, pk, nama, awalan, form_class, layanan, kolom, pesan: str, jangkar: str = ""):
    """A POST on the evaluation `pk` from its SKP's page: `layanan(pelaku=, evaluasi=)` with the form's
    `kolom`, back to the evaluation's period (or to `jangkar`)."""
    ev = _evaluasi(request, pk)
    skp = skp_terlihat(request, ev.skp_id)
    form = form_class(request.POST, auto_id=f"id_{awalan}{ev.pk}_%s")
    return aksi_skp(
        request,
        skp,
        nama,
        ev.pk,
        form,
        lambda: layanan(pelaku=request.user, evaluasi=ev, **isian(form, *kolom)),
        pesan,
        jangkar or f"evaluasi-{ev.periode}",
        ev.periode,
    )


@require_POST
@login_required
def skp_nilai(request, pk):
    skp = skp_terlihat(request, pk)
    form = NilaiPeriodeForm(request.POST)
    kode = request.POST.get("periode", "")
    kode = kode if isinstance(kode, str) and penilaian.periode(kode) else ""
    return aksi_skp(
        request,
        skp,
        "nilai",
        kode,
        form,
        lambda: services.evaluasi_nilai(pelaku=request.user, skp=skp, **isian(form, "periode", *RATING)),
        "Periode dinilai; periksa distribusi unit sebelum menetapkan.",
        f"evaluasi-{kode}" if kode else "evaluasi",
        kode,
    )


@require_POST
@login_required
def skp_nilai_ulang(request, pk):
    layanan = services.evaluasi_nilai_ulang
    return _aksi_evaluasi(request, pk, "ulang", "u", NilaiForm, layanan, RATING, "Penilaian diubah.")


@require_POST
@login_required
def skp_tetapkan(request, pk):
    pesan = "Evaluasi ditetapkan; dokumennya menunggu tanda tangan."
    layanan = services.evaluasi_tetapkan
    return _aksi_evaluasi(request, pk, "tetapkan", "t", TetapkanForm, layanan, ["alasan"], pesan, "dokumen")


@require_POST
@login_required
def skp_keberatan(request, pk):
    pesan = "Keberatan diajukan kepada atasan PPK."
    layanan = services.keberatan_ajukan
    return _aksi_evaluasi(request, pk, "keberatan", "k", KeberatanForm, layanan, ["alasan"], pesan)


@require_POST
@login_required
def skp_keberatan_putus(request, pk):
    k = get_object_or_404(Keberatan.objects.filter(evaluasi__in=Evaluasi.objects.restrict(request.user)), pk=pk)
    ev = k.evaluasi
    skp = skp_terlihat(request, ev.skp_id)
    form = PutusKeberatanForm(request.POST, auto_id=f"id_p{k.pk}_%s")
    kolom, kosong = ["diterima", "putusan", *RATING[:2]], RATING[:2]  # a rating left empty goes as None
    return aksi_skp(
        request,
        skp,
        "putus",
        k.pk,
        form,
        lambda: services.keberatan_putus(pelaku=request.user, keberatan=k, **isian(form, *kolom, kosong=kosong)),
        "Keberatan diputus.",
        f"evaluasi-{ev.periode}",
        ev.periode,
    )


@require_POST
@login_required
def skp_tindak_lanjut(request, pk):
    kolom = ["jenis", "uraian", "persen_tpp"]
    layanan, pesan = services.tindak_lanjut_catat, "Tindak lanjut dicatat."
    return _aksi_evaluasi(request, pk, "tindak_lanjut", "tl", TindakLanjutForm, layanan, kolom, pesan)


# --- the PPK's list ---


def _tahun(request) -> int:
    sekarang = hari_ini().year
    t = request.GET.get("tahun", "")
    return int(t) if t in (str(sekarang), str(sekarang - 1)) else sekarang


def _anggota_tim_saya(diri, tahun: int):
    """Open SKPs of the year of people in teams the reader leads (for the ketua's input)."""
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    anggota = AnggotaTim.objects.filter(tim__ketua=diri, mulai__lte=akhir, tim__selesai__gte=awal).values("pegawai_id")
    return (
        Skp.objects.filter(tahun=tahun, pegawai_id__in=anggota)
        .exclude(status=StatusSkp.DITUTUP)
        .exclude(pegawai=diri)
        .select_related("pegawai", "unit")
        .order_by("pegawai__nama")
    )


def konteks_ppk(request, ganti: tuple | None = None) -> dict:
    diri = _dasar.diri(request)
    konteks: dict = {"diri": diri}
    if diri is None:
        return konteks
    sekarang = hari_ini()
    tahun = _tahun(request)
    staf = list(
        Skp.objects.filter(ppk=diri, tahun=tahun)
        .select_related("pegawai", "unit", "unit_organisasi")
        .order_by("pegawai__nama", "-mulai")[:BATAS]
    )
    jenis = dict(PengaturanKinerja.objects.values_list("instansi_id", "periode_evaluasi"))
    sudah = set(Evaluasi.objects.filter(skp__in=[s.pk for s in staf]).values_list("skp_id", "periode") if staf else [])
    belum = []
    for s in staf:
        if s.disetujui is None or s.status == StatusSkp.DIKEMBALIKAN:
            continue
        for p in penilaian.periode_tahun(s.tahun, jenis.get(s.unit.instansi_id, "triwulanan")):
            if p.mulai <= min(sekarang, s.selesai) and p.selesai >= s.mulai and (s.pk, p.kode) not in sudah:
                belum.append({"skp": s, "per": p, "berjalan": p.selesai >= sekarang})
    dinilai = list(
        Evaluasi.objects.filter(skp__ppk=diri, status=StatusEvaluasi.DINILAI)
        .select_related("skp__pegawai", "unit_organisasi")
        .order_by("unit_organisasi_id", "periode", "skp__pegawai__nama")[:BATAS]
    )
    for e in dinilai:
        per = penilaian.periode(e.periode)
        e.label = per.label if per else e.periode
    pasangan = list(dict.fromkeys((e.unit_organisasi, e.periode) for e in dinilai))[:BATAS_GRAFIK]
    unit_org = list({s.unit_organisasi_id: s.unit_organisasi for s in staf if s.unit_organisasi_id}.values())
    ketua = list(_anggota_tim_saya(diri, tahun)[:BATAS])
    for s in ketua:
        pil = [(p.kode, p.label) for p in penilaian.periode_tahun(tahun, jenis.get(s.unit.instansi_id, "triwulanan"))]
        s.form_masukan = (
            ganti[2] if ganti and ganti[1] == s.pk else MasukanKetuaForm(periode=pil, auto_id=f"id_m{s.pk}_%s")
        )
    konteks.update(
        tahun=tahun,
        pilihan_tahun=[sekarang.year, sekarang.year - 1],
        staf=staf,
        menunggu_setuju=list(
            Skp.objects.filter(ppk=diri, status=StatusSkp.DIAJUKAN)
            .select_related("pegawai")
            .order_by("diajukan")[:BATAS]
        ),
        belum_dinilai=belum[:BATAS],
        dinilai=dinilai,
        distribusi=distribusi_banyak(pasangan),
        unit_organisasi=unit_org,
        keberatan=list(
            Keberatan.objects.filter(status=StatusKeberatan.DIAJUKAN, evaluasi__skp__atasan_ppk=diri)
            .select_related("evaluasi__skp__pegawai")
            .order_by("batas_putusan")[:BATAS]
        ),
        tanda_tangan=list(
            TandaTangan.objects.filter(pegawai=diri, waktu__isnull=True, dokumen__berlaku=True)
            .select_related("dokumen__skp__pegawai", "dokumen__evaluasi")
            .order_by("dokumen__dibuat")[:BATAS]
        ),
        ketua=ketua,
    )
    return konteks


@require_GET
@login_required
def ppk_staf(request):
    return render(request, "kinerja/skp/ppk.html", konteks_ppk(request))


@require_POST
@login_required
def skp_masukan_ketua(request, pk):
    """A team's ketua sends input on a member's SKP (read by the PPK before rating). The ketua does not read
    the SKP itself: someone neither allowed to read it nor leading a team of its holder gets 404."""
    diri = _dasar.diri(request)
    if diri is None:
        raise Http404
    skp = get_object_or_404(Skp, pk=pk)
    if not _anggota_tim_saya(diri, skp.tahun).filter(pk=skp.pk).exists():
        skp = skp_terlihat(request, pk)
    pil = [
        (p.kode, p.label)
        for p in penilaian.periode_tahun(skp.tahun, sel.pengaturan(skp.unit.instansi_id).periode_evaluasi)
    ]
    form = MasukanKetuaForm(request.POST, periode=pil, auto_id=f"id_m{skp.pk}_%s")
    status = 400
    if _dasar.sah(form):
        hasil, status = _dasar.jalankan(
            request,
            form,
            lambda: services.umpan_balik_skp_kirim(
                pelaku=request.user, skp=skp, isi=form.cleaned_data["isi"], periode=form.cleaned_data["periode"]
            ),
        )
        if hasil is not None:
            messages.success(request, f"Masukan untuk {skp.pegawai.nama} dikirim kepada PPK-nya.")
            return redirect(reverse("kinerja:ppk_staf") + f"?tahun={skp.tahun}#ketua")
    return render(request, "kinerja/skp/ppk.html", konteks_ppk(request, ("masukan", skp.pk, form)), status=status)


# --- a Unit Organisasi's distribution ---


def boleh_predikat_organisasi(user, diri, unit: Unit) -> bool:
    """As the service decides: the Bagian Organisasi, or the head of the unit directly above."""
    if adalah_admin_organisasi(user):
        return True
    if diri is None or unit.induk_id is None:
        return False
    atas = pimpinan_unit_pada(Unit.objects.get(pk=unit.induk_id))["memimpin"]
    return atas is not None and atas.pegawai.pk == diri.pk


def unit_distribusi_terlihat(user, diri):
    """The Unit Organisasi whose distribution the reader may see (as `boleh_lihat_distribusi`), by path."""
    qs = Unit.objects.filter(mandiri=True, aktif=True).exclude(jenis="instansi").order_by("path")
    if adalah_admin_organisasi(user) or user.has_perm("kinerja.view_evaluasi"):
        return qs
    if diri is None:
        return qs.none()
    q = Q(pk__in=Skp.objects.filter(Q(ppk=diri) | Q(atasan_ppk=diri)).values("unit_organisasi_id"))
    for path in PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values_list("unit__path", flat=True):
        q |= Q(path__startswith=path) | Q(path__in=Unit(path=path).jalur_leluhur())
    return qs.filter(q)


@require_GET
@login_required
def distribusi_daftar(request):
    daftar = list(unit_distribusi_terlihat(request.user, _dasar.diri(request))[: BATAS * 3])
    return render(request, "kinerja/skp/distribusi_daftar.html", {"daftar": daftar})


def _unit_organisasi(request, kode) -> Unit:
    unit = Unit.objects.filter(kode=kode).first()
    if unit is None or not unit.adalah_unit_organisasi:
        raise Http404
    if not sel.boleh_lihat_distribusi(request.user, unit):
        raise Http404
    return unit


def konteks_distribusi(request, unit: Unit, form_po=None) -> dict:
    diri = _dasar.diri(request)
    jenis = sel.pengaturan(unit.instansi_id).periode_evaluasi
    per = penilaian.periode(request.GET.get("periode", "") or request.POST.get("periode", ""))
    if per is None:
        kode = (
            Evaluasi.objects.filter(unit_organisasi=unit, status=StatusEvaluasi.DINILAI)
            .order_by("-dinilai")
            .values_list("periode", flat=True)
            .first()
        )
        sekarang = hari_ini()
        per = penilaian.periode(kode or "") or next(
            p for p in penilaian.periode_tahun(sekarang.year, jenis) if p.mulai <= sekarang <= p.selesai
        )
    d = grafik_distribusi(sel.distribusi(unit, per.kode))
    pilihan = [p for t in (per.tahun, per.tahun - 1) for p in penilaian.periode_tahun(t, jenis)]
    evaluasi = list(
        Evaluasi.objects.restrict(request.user)
        .filter(unit_organisasi=unit, periode=per.kode)
        .select_related("skp__pegawai")
        .order_by("skp__pegawai__nama")[:BATAS]
    )
    boleh_po = boleh_predikat_organisasi(request.user, diri, unit)
    return {
        "unit": unit,
        "per": per,
        "d": d,
        "pilihan_periode": pilihan,
        "evaluasi": evaluasi,
        "boleh_po": boleh_po,
        "form_po": form_po
        or PredikatOrganisasiForm(initial={"tahun": per.tahun, "predikat": d["predikat_organisasi"]}),
    }


@require_GET
@login_required
def distribusi(request, kode):
    unit = _unit_organisasi(request, kode)
    return render(request, "kinerja/skp/distribusi.html", konteks_distribusi(request, unit))


@require_POST
@login_required
def skp_predikat_organisasi(request, kode):
    unit = _unit_organisasi(request, kode)
    form = PredikatOrganisasiForm(request.POST)
    status = 400
    if _dasar.sah(form):
        hasil, status = _dasar.jalankan(
            request,
            form,
            lambda: services.predikat_organisasi_tetapkan(
                pelaku=request.user, unit=unit, tahun=form.cleaned_data["tahun"], predikat=form.cleaned_data["predikat"]
            ),
        )
        if hasil is not None:
            messages.success(
                request, f"Predikat kinerja {unit.nama} tahun {hasil.tahun}: {hasil.get_predikat_display()}."
            )
            url = reverse("kinerja:distribusi", args=[unit.kode])
            periode = request.POST.get("periode", "")
            return redirect(url + (f"?periode={periode}" if penilaian.periode(periode) else ""))
    return render(request, "kinerja/skp/distribusi.html", konteks_distribusi(request, unit, form), status=status)
