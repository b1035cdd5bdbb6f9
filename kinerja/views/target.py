"""A target's page: its cascade, the owner's hand-down and strategy, the linked penugasan, the plan's
versions and schedule, budget, results, feedback and reports; and the POSTs made from it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from organisasi.models import Pegawai, Unit

from .. import selectors, services
from ..choices import StatusRencana
from ..forms import (
    CatatanForm,
    JadwalForm,
    LaporanForm,
    MintaLaporanForm,
    StrategiForm,
    TurunkanForm,
    UmpanBalikForm,
    tim_terlihat,
)
from ..models import JadwalLaporan, Kegiatan, RencanaKegiatan, Target, UmpanBalik
from . import _dasar
from ._dasar import BATAS_DAFTAR
from .perencanaan import pohon


def _unit_turunan(t: Target):
    """Where the owner may hand a part down: active units directly below that are not a Unit Organisasi."""
    return Unit.objects.filter(induk=t.unit, aktif=True, mandiri=False).order_by("path")


def _subpohon(request, t: Target) -> list[dict]:
    semua = list(
        Target.objects.restrict(request.user)
        .filter(perjanjian=t.perjanjian_id, unit__path__startswith=t.unit.path)
        .select_related("unit")
        .order_by("unit__path", "id")
    )
    anak: dict = {}
    for x in semua:
        anak.setdefault(x.induk_id, []).append(x)
    turunan, antre = [], [t.pk]
    while antre:
        baru = [x for i in antre for x in anak.get(i, [])]
        turunan += baru
        antre = [x.pk for x in baru]
    return pohon(turunan)


def gantt(kegiatan) -> list[dict]:
    """Bars of a 12-month grid: start month and span as classes (the CSP allows no inline style)."""
    baris = []
    for k in kegiatan:
        m1 = k.mulai.month
        m2 = k.selesai.month if k.selesai.year == k.mulai.year else 12
        baris.append({"k": k, "mulai": m1, "rentang": max(1, m2 - m1 + 1)})
    return baris


def _kegiatan(rencana_ids):
    qs = (
        Kegiatan.objects.filter(rencana_id__in=rencana_ids)
        .prefetch_related("pelaksana", "anggaran")
        .annotate(terpakai=Sum("realisasi__jumlah"))
        .order_by("rencana", "urutan")
    )
    hasil = list(qs)
    for k in hasil:
        k.pagu = sum(a.jumlah for a in k.anggaran.all())
        k.terpakai = k.terpakai or 0
        k.sisa = k.pagu - k.terpakai
    return hasil


def _usulan(t: Target) -> dict | None:
    """Links to penugasan's new-request page, prefilled for flow B and C."""
    u = services.usulan_penugasan(t)
    dasar = {k: u[k] for k in ("maksud", "target", "mulai", "selesai", "rujukan") if u.get(k)}
    if u.get("tim"):
        dasar["tim"] = u["tim"]
    tautan = [{"alur": a, "url": reverse("penugasan:baru") + "?" + urlencode({"alur": a, **dasar})} for a in u["alur"]]
    return {"tautan": tautan, "keterangan": u["keterangan"]}


def _orang(t: Target):
    return Pegawai.objects.filter(pk__in=selectors.pelaksana_target(t) | selectors.anggota_tim(t)).order_by("nama")


def konteks_target(request, t: Target, **forms) -> dict:
    diri = _dasar.diri(request)
    s = selectors.simpul(t.unit)
    pemilik = diri is not None and s.pemimpin is not None and s.pemimpin.pegawai.pk == diri.pk
    pimpinan = (
        diri is not None and s.pimpinan_unit_organisasi is not None and s.pimpinan_unit_organisasi.pegawai.pk == diri.pk
    )
    rencana = list(t.rencana.select_related("disusun_oleh", "disetujui_oleh").order_by("-versi"))
    berlaku = next((r for r in rencana if r.status == StatusRencana.DISETUJUI), None)
    menunggu = next((r for r in rencana if r.status == StatusRencana.DIAJUKAN), None)
    kegiatan = _kegiatan([r.pk for r in (berlaku, menunggu) if r])
    orang = _orang(t)
    try:
        jadwal = t.jadwal_laporan
    except JadwalLaporan.DoesNotExist:
        jadwal = None
    konteks = {
        "t": t,
        "diri": diri,
        "pemilik": pemilik,
        "pimpinan": pimpinan,
        "simpul": s,
        "capaian": selectors.capaian([t.pk]).get(t.pk, 0),
        "pohon": _subpohon(request, t),
        "usulan": _usulan(t) if t.lintas_unit else None,
        "penugasan": list(services.penugasan_terkait(t)[:BATAS_DAFTAR]),
        "rencana": rencana,
        "berlaku": berlaku,
        "menunggu": menunggu,
        "kegiatan_berlaku": [k for k in kegiatan if berlaku and k.rencana_id == berlaku.pk],
        "kegiatan_menunggu": [k for k in kegiatan if menunggu and k.rencana_id == menunggu.pk],
        "gantt": gantt(k for k in kegiatan if berlaku and k.rencana_id == berlaku.pk),
        "bulan": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
        "hasil": list(t.hasil.select_related("pengaju", "peninjau")[:BATAS_DAFTAR]),
        "umpan_balik": list(t.umpan_balik.select_related("dari", "kepada").order_by("dibuat", "id")[:50]),
        "laporan": list(t.laporan.select_related("pelapor", "kepada")[:BATAS_DAFTAR]),
        "permintaan_saya": list(t.permintaan_laporan.filter(kepada=diri, dijawab__isnull=True)) if diri else [],
        "jadwal": jadwal,
        "riwayat": list(t.riwayat.select_related("oleh").order_by("-waktu", "-id")[:BATAS_DAFTAR]),
        "form_turunkan": TurunkanForm(unit_qs=_unit_turunan(t)),
        "form_strategi": StrategiForm(
            tim_qs=tim_terlihat(request.user),
            initial={"cara": t.cara, "tim": t.tim_id, "lintas_unit": t.lintas_unit, "perlu_ketua": t.perlu_ketua},
        ),
        "form_setujui": CatatanForm(),
        "form_umpan_balik": UmpanBalikForm(pegawai_qs=orang),
        "form_laporan": LaporanForm(),
        "form_minta": MintaLaporanForm(pegawai_qs=orang),
        "form_jadwal": JadwalForm(initial={"frekuensi": jadwal.frekuensi if jadwal else ""}),
    }
    konteks.update(forms)
    return konteks


@require_GET
@login_required
def target_detail(request, pk):
    t = _dasar.target(request, pk)
    return render(request, "kinerja/target_detail.html", konteks_target(request, t))


def _aksi(request, pk, nama_form: str, buat_form, aksi, pesan: str):
    """A POST made from the target's page: form checked, the service decides, the page again on refusal."""
    t = _dasar.target(request, pk)
    form = buat_form(t, request.POST)
    status = 400
    if _dasar.sah(form):
        hasil, status = _dasar.jalankan(request, form, lambda: aksi(t, form.cleaned_data))
        if hasil is not None:
            messages.success(request, pesan)
            return redirect(reverse("kinerja:target_detail", args=[t.pk]) + f"#{nama_form}")
    return render(request, "kinerja/target_detail.html", konteks_target(request, t, **{nama_form: form}), status=status)


@require_POST
@login_required
def target_turunkan(request, pk):
    return _aksi(
        request,
        pk,
        "form_turunkan",
        lambda t, data: TurunkanForm(data, unit_qs=_unit_turunan(t)),
        lambda t, d: services.target_turunkan(
            pelaku=request.user,
            target=t,
            unit=d["unit"],
            uraian=d["uraian"],
            satuan=d["satuan"],
            target_nilai=d["target"],
        ),
        "Target diturunkan.",
    )


@require_POST
@login_required
def target_strategi(request, pk):
    return _aksi(
        request,
        pk,
        "form_strategi",
        lambda t, data: StrategiForm(data, tim_qs=tim_terlihat(request.user)),
        lambda t, d: services.target_strategi(
            pelaku=request.user,
            target=t,
            cara=d["cara"],
            tim=d["tim"],
            lintas_unit=d["lintas_unit"],
            perlu_ketua=d["perlu_ketua"],
        ),
        "Strategi dicatat.",
    )


@require_POST
@login_required
def rencana_setujui(request, pk):
    r = get_object_or_404(RencanaKegiatan.objects.only("pk", "target_id"), pk=pk)
    return _aksi(
        request,
        r.target_id,
        "form_setujui",
        lambda t, data: CatatanForm(data),
        lambda t, d: services.rencana_setujui(pelaku=request.user, rencana=r, catatan=d["catatan"]),
        "Rencana kegiatan dan anggaran disetujui.",
    )


def _umpan_balik(t: Target, nomor):
    if nomor is None:
        return None
    return UmpanBalik.objects.filter(target=t, pk=nomor).first()


@require_POST
@login_required
def umpan_balik_kirim(request, pk):
    return _aksi(
        request,
        pk,
        "form_umpan_balik",
        lambda t, data: UmpanBalikForm(data, pegawai_qs=_orang(t)),
        lambda t, d: services.umpan_balik_kirim(
            pelaku=request.user,
            target=t,
            isi=d["isi"],
            kepada=d["kepada"],
            balasan_untuk=_umpan_balik(t, d["balasan_untuk"]),
        ),
        "Umpan balik dikirim.",
    )


@require_POST
@login_required
def umpan_balik_baca(request, pk):
    u = get_object_or_404(UmpanBalik.objects.only("pk", "target_id"), pk=pk)
    return _aksi(
        request,
        u.target_id,
        "form_baca",
        lambda t, data: CatatanForm(data),
        lambda t, d: services.umpan_balik_baca(pelaku=request.user, umpan_balik=u),
        "Umpan balik ditandai dibaca.",
    )


@require_POST
@login_required
def laporan_sampaikan(request, pk):
    return _aksi(
        request,
        pk,
        "form_laporan",
        lambda t, data: LaporanForm(data),
        lambda t, d: services.laporan_sampaikan(
            pelaku=request.user,
            target=t,
            isi=d["isi"],
            bukti=d["bukti"],
            permintaan=t.permintaan_laporan.filter(pk=d["permintaan"]).first() if d["permintaan"] else None,
        ),
        "Laporan disampaikan.",
    )


@require_POST
@login_required
def laporan_minta(request, pk):
    return _aksi(
        request,
        pk,
        "form_minta",
        lambda t, data: MintaLaporanForm(data, pegawai_qs=_orang(t)),
        lambda t, d: services.laporan_minta(
            pelaku=request.user, target=t, kepada=d["kepada"], pesan=d["pesan"], batas=d["batas"]
        ),
        "Laporan diminta.",
    )


@require_POST
@login_required
def jadwal_tetapkan(request, pk):
    return _aksi(
        request,
        pk,
        "form_jadwal",
        lambda t, data: JadwalForm(data),
        lambda t, d: services.jadwal_tetapkan(
            pelaku=request.user, target=t, frekuensi=d["frekuensi"], mulai=d["mulai"]
        ),
        "Jadwal laporan ditetapkan.",
    )
