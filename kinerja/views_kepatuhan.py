"""Compliance of the appraisal (kepatuhan SKP) and the e-Kinerja files: pages and downloads.

Who may look at compliance: the Bagian Organisasi (Admin Organisasi) every Perangkat Daerah, the head of a
Perangkat Daerah today (definitive, Plt, Plh) their own; anyone else 403, and a unit outside the reader's
Perangkat Daerah 404. The e-Kinerja file of a person: the person, their PPK and atasan PPK (whoever reads
the SKP, `Skp.objects.restrict`) and the Bagian Organisasi; an agency's file and the import: the Bagian
Organisasi only. Files and lists that name staff are logged as personal-data reads (UU 27/2022).
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from organisasi.models import Instansi, Pegawai, Unit
from organisasi.permissions import adalah_admin_organisasi, pegawai_dari_user
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH
from sistemkerja.api import catat_akses
from sistemkerja.masukan import bentuk_kode, bentuk_nip
from sistemkerja.teks import tanggal_id

from . import ekinerja
from . import kepatuhan as kp
from .kepatuhan import pd_dipimpin
from .models import Skp
from .views_dasbor import tahun_diminta

TINGGI = 24  # px per bar
LEBAR = 500  # px of a full bar
KOLOM_TABEL = [
    "Unit",
    "Pegawai",
    "Tanpa SKP",
    "SKP belum disetujui",
    "SKP lewat batas",
    "Evaluasi lewat batas (pegawai)",
    "Periode evaluasi lewat batas",
    "Tidak patuh",
    "Patuh",
    "Patuh (%)",
]
KOLOM_ORANG = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit",
    "Status SKP",
    "Batas SKP",
    "SKP lewat batas",
    "Periode belum dievaluasi",
]
KELAS_SEGMEN = ("grafik-penuh", "grafik-realisasi", "grafik-anggaran")  # compliant, SKP late, evaluation late


# --- who may look ---


def _akar_instansi(request) -> Unit:
    kode = bentuk_kode(request.GET.get("instansi", ""))
    qs = Unit.objects.select_related("instansi").filter(depth=1)
    if kode:
        return get_object_or_404(qs, instansi__kode=kode)
    diri = pegawai_dari_user(request.user)
    if diri is not None and diri.unit_id:
        akar = qs.filter(instansi__unit__pk=diri.unit_id).first()
        if akar:
            return akar
    akar = qs.order_by("instansi_id").first()
    if akar is None:
        raise Http404("Belum ada instansi.")
    return akar


def _cakupan(request) -> tuple[Unit, list[Unit]]:
    """(the unit shown, the Perangkat Daerah the reader may choose among); 403 / 404 as the module says."""
    admin = adalah_admin_organisasi(request.user)
    pd = [] if admin else pd_dipimpin(request.user)
    if not admin and not pd:
        raise PermissionDenied("Kepatuhan SKP dilihat Bagian Organisasi dan pimpinan Perangkat Daerah.")
    kode = request.GET.get("unit", "")
    if kode:
        unit = Unit.objects.select_related("instansi").filter(kode=bentuk_kode(kode) or "").first()
        if unit is None or not (admin or any(unit.path.startswith(p.path) for p in pd)):
            raise Http404("Unit tidak ditemukan.")
        return unit, pd
    if admin:
        return _akar_instansi(request), pd
    return Unit.objects.select_related("instansi").get(pk=pd[0].pk), pd


# --- the page ---


def grafik(data: kp.Kepatuhan) -> dict:
    """Stacked bars per row: compliant, not compliant on the SKP, on evaluations only (server-side SVG)."""
    batang = []
    for i, b in enumerate(x for x in data.baris if x.angka.staf):
        a = b.angka
        lebar = [LEBAR * n / a.staf for n in (a.patuh, a.skp_lewat_batas, a.tidak_patuh_evaluasi_saja)]
        x = [400, 400 + lebar[0], 400 + lebar[0] + lebar[1]]
        batang.append(
            {
                "label": b.unit.nama[:60],
                "persen": a.persen_patuh,
                "angka": a,
                "y": i * TINGGI,
                # SVG numbers, written here unlocalised (a template would print 12,5)
                "segmen": [(f"{x0:.2f}", f"{w:.2f}", k) for x0, w, k in zip(x, lebar, KELAS_SEGMEN, strict=True)],
            }
        )
    return {"batang": batang, "tinggi": max(len(batang), 1) * TINGGI + 30, "y_kunci": len(batang) * TINGGI + 12}


@login_required
def kepatuhan(request):
    unit, pd = _cakupan(request)
    tahun = tahun_diminta(request)
    data = kp.kepatuhan(unit, tahun)
    bagian_pd = unit.depth >= KEDALAMAN_PERANGKAT_DAERAH
    bentuk = request.GET.get("bentuk", "")
    if bentuk in ("csv", "xlsx"):
        # the file names everyone of the chosen unit's subtree; the page, those placed in the unit itself
        orang = kp.daftar_orang(unit, tahun, subpohon=True) if bagian_pd and bentuk == "xlsx" else []
        if orang:
            catat_akses(request, [o.nip for o in orang])
        return unduh_tabel(data, orang, bentuk)
    orang = kp.daftar_orang(unit, tahun) if bagian_pd else []
    if orang:
        catat_akses(request, [o.nip for o in orang])
    admin = adalah_admin_organisasi(request.user)
    leluhur = []
    if unit.depth > KEDALAMAN_PERANGKAT_DAERAH:
        jalur = unit.jalur_leluhur()[KEDALAMAN_PERANGKAT_DAERAH - 1 : -1]
        if not admin:
            jalur = [j for j in jalur if any(j.startswith(p.path) for p in pd)]
        leluhur = list(Unit.objects.filter(path__in=jalur).order_by("path"))
    if admin:  # the Bagian Organisasi chooses among every Perangkat Daerah of the instansi
        pd = list(Unit.objects.filter(instansi_id=unit.instansi_id, depth=KEDALAMAN_PERANGKAT_DAERAH).order_by("path"))
    return render(
        request,
        "kinerja/kepatuhan.html",
        {
            "data": data,
            "unit": unit,
            "tahun": tahun,
            "aturan": data.aturan,
            "orang": orang,
            "grafik": grafik(data),
            "pd": pd,
            "pd_kini": unit.path[: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH],
            "leluhur": leluhur,
            "admin": admin,
            "tahun_lain": [tahun - 1, tahun + 1],
            "unduh_ekinerja": unit.depth == KEDALAMAN_PERANGKAT_DAERAH and admin,
        },
    )


# --- the table as a file ---


def _baris_tabel(data: kp.Kepatuhan) -> list[list]:
    rows = []
    for b in [*data.baris, kp.Baris(Unit(nama="Jumlah"), data.total)]:
        a = b.angka
        persen = float(a.persen_patuh) if a.persen_patuh is not None else None
        rows.append(
            [
                b.unit.nama,
                a.staf,
                a.tanpa_skp,
                a.belum_disetujui,
                a.skp_lewat_batas,
                a.evaluasi_lewat_batas,
                a.periode_lewat_batas,
                a.tidak_patuh,
                a.patuh,
                persen,
            ]
        )
    return rows


def _baris_orang(o: kp.Orang) -> list:
    return [
        o.nip,
        o.nama,
        o.jabatan,
        o.unit_nama,
        o.status_skp_label,
        o.batas_skp.isoformat(),
        "ya" if o.skp_lewat_batas else "tidak",
        ", ".join(p.kode for p in o.periode_kurang),
    ]


def _judul(data: kp.Kepatuhan) -> str:
    return f"Kepatuhan SKP {data.unit.nama} tahun {data.tahun}, keadaan {tanggal_id(data.aturan.tanggal)}"


def _unduh(isi, jenis: str, nama: str) -> HttpResponse:
    respon = HttpResponse(isi, content_type=jenis)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    respon["Cache-Control"] = "private, no-store"
    return respon


def unduh_tabel(data: kp.Kepatuhan, orang: list[kp.Orang], bentuk: str) -> HttpResponse:
    """CSV: the table (a row per Perangkat Daerah or unit, then the total). XLSX: the same on a first sheet
    under a title, and everyone of the chosen Perangkat Daerah or unit's subtree on a second."""
    nama = f"kepatuhan-skp-{data.unit.kode or 'instansi'}-{data.tahun}.{bentuk}"
    if bentuk == "csv":
        keluar = io.StringIO()
        w = csv.writer(keluar)
        w.writerow(KOLOM_TABEL)
        w.writerows(["" if v is None else v for v in r] for r in _baris_tabel(data))
        return _unduh("\ufeff" + keluar.getvalue(), "text/csv; charset=utf-8", nama)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Kepatuhan"
    ws.append([_judul(data)])
    ws.append(
        [
            f"Batas SKP disetujui {data.aturan.batas_skp_hari} hari sejak 1 Januari atau awal penempatan; "
            f"batas evaluasi {data.aturan.batas_evaluasi_hari} hari setelah periode berakhir."
        ]
    )
    ws.append([])
    ws.append(KOLOM_TABEL)
    for sel in (ws["A1"], *ws[4]):
        sel.font = Font(bold=True)
    for r in _baris_tabel(data):
        ws.append(r)
    ws.column_dimensions["A"].width = 48
    if orang:
        lembar = wb.create_sheet("Pegawai")
        lembar.append(KOLOM_ORANG)
        for o in orang:
            lembar.append(_baris_orang(o))
    keluar = io.BytesIO()
    wb.save(keluar)
    return _unduh(keluar.getvalue(), ekinerja.XLSX, nama)


# --- e-Kinerja files ---


def _bentuk(request) -> str:
    bentuk = request.GET.get("bentuk", "csv")
    if bentuk not in ("csv", "xlsx"):
        raise Http404("Bentuk berkas: csv atau xlsx.")
    return bentuk


def _berkas_ekinerja(request, rows, nama: str, bentuk: str):
    if bentuk == "xlsx":
        respon = FileResponse(ekinerja.xlsx_berkas(rows), as_attachment=True, filename=nama, content_type=ekinerja.XLSX)
    else:
        respon = StreamingHttpResponse(ekinerja.csv_baris(rows), content_type="text/csv; charset=utf-8")
        respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    respon["Cache-Control"] = "private, no-store"
    return respon


@login_required
def ekinerja_pegawai(request, nip: str):
    """A person's SKPs of a year (?tahun=) with their evaluations and angka kredit, for e-Kinerja."""
    bersih = bentuk_nip(nip)
    pegawai = Pegawai.objects.filter(nip=bersih).first() if bersih else None
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    tahun = tahun_diminta(request)
    bentuk = _bentuk(request)
    terlihat = Skp.objects.restrict(request.user).filter(pegawai=pegawai, tahun=tahun)
    sendiri = pegawai_dari_user(request.user) == pegawai
    if not (sendiri or adalah_admin_organisasi(request.user) or terlihat.exists()):
        raise Http404("Pegawai tidak ditemukan.")
    catat_akses(request, [pegawai.nip])
    rows = ekinerja.baris_semua(ekinerja.skp_pegawai(pegawai, tahun).filter(pk__in=terlihat.values("pk")))
    return _berkas_ekinerja(request, rows, f"ekinerja-{pegawai.nip}-{tahun}.{bentuk}", bentuk)


def _hanya_admin(request) -> None:
    if not adalah_admin_organisasi(request.user):
        raise PermissionDenied("Berkas e-Kinerja instansi diunduh oleh Bagian Organisasi.")


def _berkas_unit(request, unit: Unit, nama: str):
    tahun = tahun_diminta(request)
    bentuk = _bentuk(request)
    nip = Skp.objects.filter(unit__path__startswith=unit.path, tahun=tahun).values_list("pegawai__nip", flat=True)
    catat_akses(request, sorted(set(nip.order_by())))
    rows = ekinerja.baris_semua(ekinerja.skp_unit(unit.path, tahun))
    return _berkas_ekinerja(request, rows, f"ekinerja-{nama}-{tahun}.{bentuk}", bentuk)


@login_required
def ekinerja_instansi(request, kode: str):
    """The whole instansi's SKPs of a year in one file (Bagian Organisasi)."""
    _hanya_admin(request)
    instansi = get_object_or_404(Instansi, kode=bentuk_kode(kode) or "")
    akar = get_object_or_404(Unit, instansi=instansi, depth=1)
    return _berkas_unit(request, akar, instansi.kode)


@login_required
def ekinerja_pd(request, kode: str):
    """One Perangkat Daerah's SKPs of a year in one file (Bagian Organisasi)."""
    _hanya_admin(request)
    unit = get_object_or_404(Unit, kode=bentuk_kode(kode) or "", depth=KEDALAMAN_PERANGKAT_DAERAH)
    return _berkas_unit(request, unit, unit.kode)


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas predikat (XLSX atau CSV)",
        help_text="Kolom NIP, Tahun, Predikat dan (boleh) Angka kredit; atau berkas e-Kinerja dari halaman ini. "
        f"Paling besar {ekinerja.MAKS_BAIT // 1024 // 1024} MB.",
    )


@login_required
def ekinerja_impor(request):
    """The Bagian Organisasi imports last year's predikat from an e-Kinerja file."""
    _hanya_admin(request)
    form = ImporForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            try:
                hasil = ekinerja.impor_predikat(pelaku=request.user, berkas=berkas, nama=berkas.name)
            except ValidationError as e:
                for pesan in e.message_dict.get("berkas", e.messages):
                    form.add_error("berkas", pesan)
            else:
                tahun = ", ".join(str(t) for t in hasil["tahun"])
                messages.success(request, f"{hasil['jumlah']} predikat tahun {tahun} diimpor dari {hasil['sumber']}.")
                return redirect(reverse("kinerja:ekinerja_impor"))
        status = 400
    return render(
        request,
        "kinerja/kepatuhan_impor.html",
        {"form": form, "kolom": ekinerja.KOLOM, "maks_baris": f"{ekinerja.MAKS_BARIS:,}".replace(",", ".")},
        status=status,
    )
