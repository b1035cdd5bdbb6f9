"""Dashboard pages of kinerja: a unit, a Perangkat Daerah, and every agency for the Bagian Organisasi.

Who may look: the Bagian Organisasi (and accounts granted the view permission on targets), and staff whose
scope (`querysets.lingkup`) includes the unit: it is one of their own units or above them, or lies within a
unit they head today. Anyone else gets 404, as for any object outside their scope.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from organisasi.models import Instansi, Unit
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH, hari_ini, jalur_perangkat_daerah

from . import dasbor as d
from . import ekspor
from .querysets import lingkup

TINGGI_BARIS = 22  # px per bar in the charts


def boleh_lihat(user, unit: Unit) -> bool:
    if user.has_perm("kinerja.view_target"):
        return True
    batas = lingkup(user)
    if batas is None:
        return True
    leluhur, dipimpin, _diri = batas
    return unit.path in leluhur or any(unit.path.startswith(p) for p in dipimpin)


def tahun_diminta(request) -> int:
    """?tahun=, or this year when missing or not a sensible year (bad input shows this year, never a 500)."""
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        return hari_ini().year
    return tahun if 2000 <= tahun <= 2099 else hari_ini().year


def url_dasbor(unit: Unit) -> str:
    nama = "kinerja:dasbor_instansi" if unit.depth == KEDALAMAN_PERANGKAT_DAERAH else "kinerja:dasbor_unit"
    return reverse(nama, args=[unit.kode])


def _unit_terlihat(request, kode: str, *, pd: bool) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("instansi"), kode=kode)
    if (pd and unit.depth != KEDALAMAN_PERANGKAT_DAERAH) or not boleh_lihat(request.user, unit):
        raise Http404("Dasbor tidak ditemukan.")
    return unit


def grafik_capaian(baris: list[d.BarisTarget]) -> dict:
    """Horizontal bars of achievement per target (capped at 100% for the bar; the label says the figure)."""
    batang = [
        {
            "label": f"{b.unit_nama}: {b.uraian}"[:70],
            "persen": b.persen,
            "lebar": float(min(b.persen or 0, 100)),
            "y": i * TINGGI_BARIS,
        }
        for i, b in enumerate(baris)
    ]
    return {"batang": batang, "tinggi": max(len(batang), 1) * TINGGI_BARIS}


def grafik_anggaran(baris: list[d.BarisTarget]) -> dict:
    """Planned vs spent per owner unit, both bars on the scale of the largest figure."""
    per_unit: dict[str, list] = {}
    for b in baris:
        x = per_unit.setdefault(b.unit_kode, [b.unit_nama, 0, 0])
        x[1] += b.anggaran
        x[2] += b.realisasi
    puncak = max([max(a, r) for _, a, r in per_unit.values()] + [1])
    batang = [
        {
            "label": nama[:50],
            "anggaran": a,
            "realisasi": r,
            "lebar_a": 100 * a / puncak,
            "lebar_r": 100 * r / puncak,
            "y": i * 2 * TINGGI_BARIS,
        }
        for i, (nama, a, r) in enumerate(per_unit.values())
    ]
    return {"batang": batang, "tinggi": max(len(batang), 1) * 2 * TINGGI_BARIS}


def _tampilkan(request, unit: Unit, jenis: str):
    data = d.dasbor(unit, tahun_diminta(request))
    bentuk = request.GET.get("bentuk", "")
    if bentuk == "xlsx":
        return ekspor.respon_xlsx(data)
    if bentuk == "pdf":
        return ekspor.respon_pdf(data)
    konteks = {
        "dasbor": data,
        "jenis": jenis,
        "tertua_hari": data.tertua_hari(),
        "baris": [(b, b.tertua_hari(data.hari)) for b in data.target],
        "grafik_capaian": grafik_capaian(data.target),
        "grafik_anggaran": grafik_anggaran(data.target),
        "tahun_lain": [data.tahun - 1, data.tahun + 1],
    }
    return render(request, "kinerja/dasbor.html", konteks)


@login_required
def dasbor_unit(request, kode: str):
    return _tampilkan(request, _unit_terlihat(request, kode, pd=False), "Unit")


@login_required
def dasbor_instansi(request, kode: str):
    return _tampilkan(request, _unit_terlihat(request, kode, pd=True), "Perangkat Daerah")


def _instansi_admin(request, diri) -> Instansi | None:
    kode = request.GET.get("instansi")
    if kode:
        return get_object_or_404(Instansi, kode=kode)
    if diri is not None and diri.unit_id:
        return Instansi.objects.filter(unit__pk=diri.unit_id).first()
    return Instansi.objects.order_by("id").first()


@login_required
def dasbor_semua(request):
    """The Bagian Organisasi: every agency side by side. Others: links to the dashboards of the units they
    head and of their own Perangkat Daerah (a menu entry shows its own page, it does not redirect)."""
    diri = pegawai_dari_user(request.user)
    tahun = tahun_diminta(request)
    if adalah_admin_organisasi(request.user):
        instansi = _instansi_admin(request, diri)
        daftar = d.perangkat_daerah_semua(instansi, tahun) if instansi else []
        konteks = {"instansi": instansi, "tahun": tahun, "daftar": daftar, "tahun_lain": [tahun - 1, tahun + 1]}
        return render(request, "kinerja/dasbor_semua.html", konteks)
    batas = lingkup(request.user)
    dipimpin = list(Unit.objects.filter(path__in=batas[1]).order_by("path")) if batas else []
    pd = None
    if diri is not None and diri.unit_id and diri.unit.depth >= KEDALAMAN_PERANGKAT_DAERAH:
        pd = Unit.objects.filter(path=jalur_perangkat_daerah(diri.unit)).first()
    tautan = [(u, url_dasbor(u)) for u in dipimpin]
    return render(
        request, "kinerja/dasbor_pilih.html", {"tahun": tahun, "dipimpin": tautan, "pd": pd and (pd, url_dasbor(pd))}
    )
