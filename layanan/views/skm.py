"""The satisfaction index pages (SKM/IKM): a service's index for a period with its working, charts, profile,
complaints and follow-up plan; a unit's and the instansi's index; the report as PDF and XLSX; the XLSX
import of paper forms in the annex's tabulation layout and its template.

Who: a service's index, by whoever may see the service (`selectors.layanan_terlihat`); its per-respondent
tabulation, the XLSX, the import and the follow-up plan form, by its pengelola (`selectors.boleh_kelola`);
a unit's index, by staff whose counter paths cover the unit (the Bagian Organisasi everywhere). A service or
unit one may not see is 404; one seen but not run, 403.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH
from penugasan.pdf import WaktuHabis
from sistemkerja.masukan import PERIODE_MIN

from .. import grafik, impor, indeks, periode, services, skm_baca, skm_laporan
from .. import selectors as sel
from ..skema_bawaan import SKEMA_BAWAAN
from ._dasar import jalankan

PER_HALAMAN = 50  # respondents per page of the tabulation
TAHUN_PILIHAN = 5  # years offered in the period list
PESAN_KELOLA = "Hanya petugas perangkat daerah penyelenggara layanan ini yang dapat membuka bagian ini."


# --- what was asked: period and scheme ----------------------------------------------------------------


def _tanggal(teks: str) -> dt.date | None:
    try:
        d = dt.date.fromisoformat(teks) if teks.isascii() and len(teks) == 10 else None
    except ValueError:
        return None
    return d if d is not None and PERIODE_MIN <= d <= dt.date(2100, 12, 31) else None


def pilihan(request, instansi_id: int | None, bawaan) -> dict:
    """The period (`periode=2027|2027-S1|2027-T2|2027-05`, or `mulai=&selesai=`) and scheme (`skema=`) asked
    for, the current year and the given scheme when absent; what cannot be read is named in `galat` and
    the defaults shown instead."""
    q = request.GET
    galat = []
    kode = q.get("periode", "").strip()
    mulai, selesai = q.get("mulai", "").strip(), q.get("selesai", "").strip()
    per = None
    if mulai or selesai:
        a, b = _tanggal(mulai), _tanggal(selesai)
        if a is None or b is None:
            galat.append("Tanggal mulai dan selesai wajib diisi dengan tanggal yang sah, mis. 2027-01-01.")
        elif b < a:
            galat.append("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        else:
            per, kode = periode.antara(a, b), ""
    elif kode:
        per = periode.baca(kode)
        if per is None:
            galat.append("Periode tidak dikenal; gunakan mis. 2027, 2027-S1, 2027-T2 atau 2027-05.")
    if per is None:
        kode = str(timezone.localdate().year)
        per = periode.baca(kode)
    tersedia = {s.kode: s for s in sel.skema_tersedia(instansi_id)}
    kode_skema = q.get("skema", "").strip()
    skema = tersedia.get(kode_skema) if kode_skema else None
    if kode_skema and skema is None:
        galat.append("Skema survei tidak dikenal.")
    if skema is None:
        skema = tersedia.get(bawaan.kode if bawaan is not None else SKEMA_BAWAAN) or next(iter(tersedia.values()))
    return {"per": per, "kode": kode, "skema": skema, "tersedia": list(tersedia.values()), "galat": galat}


def _query(p: dict, **lain) -> str:
    """The query string that asks for the same period and scheme again."""
    q = {"periode": p["kode"]} if p["kode"] else {"mulai": p["per"].mulai, "selesai": p["per"].selesai}
    return urlencode({**q, "skema": p["skema"].kode, **lain})


def _daftar_periode(per: periode.Periode) -> list[dict]:
    """The period list: the last years, then the halves, quarters and months of the year shown."""
    tahun = per.mulai.year
    sekarang = timezone.localdate().year
    kode = [str(t) for t in range(sekarang, sekarang - TAHUN_PILIHAN, -1)]
    if str(tahun) not in kode:
        kode.append(str(tahun))
    kode += [f"{tahun}-S{s}" for s in (1, 2)] + [f"{tahun}-T{t}" for t in range(1, 5)]
    kode += [f"{tahun}-{m:02d}" for m in range(1, 13)]
    return [{"kode": k, "label": periode.baca(k).label} for k in kode]


# --- a service's index ------------------------------------------------------------------------------


def _layanan(request, kode: str):
    return get_object_or_404(sel.layanan_terlihat(request.user).select_related("unit__instansi"), kode=kode)


def _harus_kelola(request, layanan) -> None:
    if not sel.boleh_kelola(request.user, layanan.unit):
        raise PermissionDenied(PESAN_KELOLA)


class TindakLanjutForm(forms.Form):
    """A follow-up action for an element; the texts are checked by `services.tindak_lanjut_catat`."""

    unsur = forms.ChoiceField(label="Prioritas unsur")
    kegiatan = forms.CharField(label="Program/kegiatan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    waktu = forms.CharField(label="Waktu pelaksanaan", required=False, help_text="Mis. Triwulan III 2027.")
    penanggung_jawab = forms.CharField(label="Penanggung jawab", required=False)

    def __init__(self, *a, skema, usulan=None, **kw):
        super().__init__(*a, **kw)
        unsur = sorted(skema.unsur.all(), key=lambda u: u.urutan)
        self.unsur_obj = {u.kode: u for u in unsur}
        self.fields["unsur"].choices = [(u.kode, f"{u.kode} {u.nama}") for u in unsur]
        if usulan:
            self.fields["unsur"].initial = usulan


def _tabulasi(request, p: dict, layanan) -> dict:
    qs = skm_baca.responden_urut(p["skema"], layanan, p["per"].mulai, p["per"].selesai)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("hal"))
    awal = (halaman.number - 1) * PER_HALAMAN + 1
    return {"halaman": halaman, "baris": skm_baca.baris_tabulasi(list(halaman.object_list), p["skema"], awal)}


def _tautan_unit(request, unit: Unit) -> list[Unit]:
    """The unit and its Perangkat Daerah, where the user may open their index."""
    jalur = {unit.path, unit.path[: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH]}
    return [u for u in Unit.objects.filter(path__in=jalur).order_by("-depth") if sel.boleh_kelola(request.user, u)]


def _konteks(request, layanan, p: dict, form_tl=None) -> dict:
    lap = skm_laporan.laporan(layanan, p["skema"], p["per"])
    kelola = sel.boleh_kelola(request.user, layanan.unit)
    bulanan = len(p["kode"]) == 7 and p["kode"][5].isdigit()
    kolom = skm_baca.banding(p["skema"], p["per"].mulai.year, bulanan=bulanan, layanan=layanan)
    for k in kolom:
        k["aktif"] = k["kode"] == p["kode"]
    if kelola and form_tl is None:
        usulan = lap.terlemah[0]["kode"] if lap.terlemah else None
        form_tl = TindakLanjutForm(skema=p["skema"], usulan=usulan)
    return {
        "layanan": layanan,
        "p": p,
        "lap": lap,
        "k": lap.kerja,
        "api": lap.hasil.sebagai_api(),
        "query": _query(p),
        "periode_pilihan": _daftar_periode(p["per"]),
        "banding": grafik.banding_periode(lap.hasil.skema, kolom),
        "banding_tahun": p["per"].mulai.year,
        "kelola": kelola,
        "form_tl": form_tl if kelola else None,
        "tabulasi": _tabulasi(request, p, layanan) if kelola else None,
        "unit_tautan": _tautan_unit(request, layanan.unit),
    }


@login_required
def skm(request, kode: str):
    """A service's index for a period, with the working exactly as the API computes it."""
    layanan = _layanan(request, kode)
    p = pilihan(request, layanan.unit.instansi_id, layanan.skema_survei)
    status = 400 if p["galat"] else 200
    return render(request, "layanan/skm/indeks.html", _konteks(request, layanan, p), status=status)


@login_required
@require_POST
def skm_tindak_lanjut(request, kode: str):
    """Record a follow-up action for the period shown (pengelola; the service checks the right)."""
    layanan = _layanan(request, kode)
    _harus_kelola(request, layanan)
    p = pilihan(request, layanan.unit.instansi_id, layanan.skema_survei)
    form = TindakLanjutForm(request.POST, skema=p["skema"])
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        _, status = jalankan(
            request,
            form,
            lambda: services.tindak_lanjut_catat(
                pelaku=request.user,
                layanan=layanan,
                mulai=p["per"].mulai,
                selesai=p["per"].selesai,
                unsur=form.unsur_obj[d["unsur"]],
                kegiatan=d["kegiatan"],
                waktu=d["waktu"],
                penanggung_jawab=d["penanggung_jawab"],
            ),
        )
        if status == 200:
            messages.success(request, "Rencana tindak lanjut dicatat.")
            return redirect(reverse("layanan:skm", args=[layanan.kode]) + "?" + _query(p) + "#tindak-lanjut")
    return render(request, "layanan/skm/indeks.html", _konteks(request, layanan, p, form), status=status)


def _unduh(isi, jenis: str, nama: str):
    if isinstance(isi, bytes):
        respon = HttpResponse(isi, content_type=jenis)
        respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    else:
        respon = FileResponse(isi, as_attachment=True, filename=nama, content_type=jenis)
    respon["Cache-Control"] = "private, no-store"
    return respon


@login_required
def skm_pdf(request, kode: str):
    """The SKM report as PDF; its appendix (the tabulation per respondent) for the pengelola only."""
    layanan = _layanan(request, kode)
    p = pilihan(request, layanan.unit.instansi_id, layanan.skema_survei)
    lap = skm_laporan.laporan(layanan, p["skema"], p["per"])
    try:
        isi = skm_laporan.pdf(lap, lampiran=sel.boleh_kelola(request.user, layanan.unit))
    except WaktuHabis:
        messages.error(request, "Laporan PDF terlalu lama dibuat; unduh XLSX-nya atau pilih periode lebih pendek.")
        return redirect(reverse("layanan:skm", args=[layanan.kode]) + "?" + _query(p))
    return _unduh(isi, "application/pdf", lap.nama_berkas("pdf"))


@login_required
def skm_xlsx(request, kode: str):
    """The SKM report as XLSX: Tabulasi (every respondent), Ringkasan, Rencana Tindak Lanjut (pengelola)."""
    layanan = _layanan(request, kode)
    _harus_kelola(request, layanan)
    p = pilihan(request, layanan.unit.instansi_id, layanan.skema_survei)
    lap = skm_laporan.laporan(layanan, p["skema"], p["per"])
    return _unduh(skm_laporan.xlsx_berkas(lap), skm_laporan.XLSX, lap.nama_berkas("xlsx"))


@login_required
def skm_templat(request, kode: str):
    """An empty tabulation for the service's scheme, to fill and import."""
    layanan = _layanan(request, kode)
    _harus_kelola(request, layanan)
    isi = skm_laporan.templat(layanan.skema_survei, layanan)
    return _unduh(isi, skm_laporan.XLSX, f"templat-skm-{layanan.kode}.xlsx")


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas tabulasi (XLSX)",
        help_text=f"Paling besar {impor.MAKS_BAIT // 1024 // 1024} MB, {impor.MAKS_BARIS:,} responden.".replace(
            ",", "."
        ),
    )


@login_required
def skm_impor(request, kode: str):
    """Import paper forms from an XLSX in the tabulation layout: every row or none."""
    layanan = _layanan(request, kode)
    _harus_kelola(request, layanan)
    form = ImporForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            baru, status = jalankan(
                request, form, lambda: impor.impor(pelaku=request.user, layanan=layanan, berkas=berkas)
            )
            if status == 200:
                awal, akhir = min(r.tanggal for r in baru), max(r.tanggal for r in baru)
                messages.success(request, f"{len(baru)} responden diimpor.")
                q = {"periode": awal.year} if awal.year == akhir.year else {"mulai": awal, "selesai": akhir}
                return redirect(reverse("layanan:skm", args=[layanan.kode]) + "?" + urlencode(q))
    unsur = sorted(layanan.skema_survei.unsur.all(), key=lambda u: u.urutan)
    return render(
        request,
        "layanan/skm/impor.html",
        {
            "layanan": layanan,
            "form": form,
            "unsur": unsur,
            "skema": layanan.skema_survei,
            "kolom_profil": skm_baca.KOLOM_PROFIL,
            "maks_baris": f"{impor.MAKS_BARIS:,}".replace(",", "."),
        },
        status=status,
    )


# --- a unit's and the instansi's index ------------------------------------------------------------------


def _baris_indeks(baris: list[dict]) -> list[dict]:
    for b in baris:
        h = b["hasil"]
        b.update(
            responden=h.responden,
            ikm=h.ikm_teks,
            ikm_tampil=grafik.angka(h.ikm_teks),
            mutu=h.mutu.mutu if h.mutu else "—",
            kinerja=h.mutu.kinerja if h.mutu else "",
        )
    return baris


def _grafik_baris(skema, baris: list[dict], label) -> dict | None:
    isi = [(label(b), b["hasil"]) for b in baris if b["hasil"].k][:40]
    return grafik.indeks_mendatar(indeks.skema_dari(skema), isi) if isi else None


@login_required
def skm_beranda(request):
    """Where the index pages start: the instansi's agency list for who runs every counter (the Bagian
    Organisasi), one's own Perangkat Daerah for its staff."""
    diri = pegawai_dari_user(request.user)
    path = Unit.objects.filter(pk=diri.unit_id).values_list("path", flat=True).first() if diri else None
    if sel.jalur_pengelola(request.user) is None:
        qs = Unit.objects.filter(depth=1)
        tujuan = (qs.filter(path=path[: Unit.steplen]) if path else qs).order_by("path").first()
    else:
        tujuan = Unit.objects.filter(path=path[: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH]).first() if path else None
    if tujuan is None or not sel.boleh_kelola(request.user, tujuan):
        raise Http404("Tidak ada unit yang indeksnya dapat Anda lihat.")
    q = request.GET.urlencode()
    return redirect(reverse("layanan:skm_unit", args=[tujuan.kode]) + (f"?{q}" if q else ""))


@login_required
def skm_unit(request, kode: str):
    """A unit's pooled index with each service's; at the instansi's root, every Perangkat Daerah's too."""
    unit = get_object_or_404(Unit.objects.select_related("instansi"), kode=kode)
    if not sel.boleh_kelola(request.user, unit):
        raise Http404("Unit tidak ditemukan.")
    p = pilihan(request, unit.instansi_id, None)
    per, skema = p["per"], p["skema"]
    hasil = sel.ikm(skema=skema, mulai=per.mulai, selesai=per.selesai, unit=unit)
    layanan = _baris_indeks(skm_baca.per_layanan(skema, unit, per.mulai, per.selesai))
    pd = None
    if unit.depth < KEDALAMAN_PERANGKAT_DAERAH:
        pd = _baris_indeks(skm_baca.per_perangkat_daerah(skema, unit, per.mulai, per.selesai))
    if request.GET.get("urut") == "nama":
        layanan.sort(key=lambda b: b["nama"])
        pd and pd.sort(key=lambda b: b["nama"])
    kolom = skm_baca.banding(skema, per.mulai.year, bulanan=False, unit=unit)
    for k in kolom:
        k["aktif"] = k["kode"] == p["kode"]
    return render(
        request,
        "layanan/skm/unit.html",
        {
            "unit": unit,
            "p": p,
            "k": skm_baca.kerja(hasil),
            "hasil": hasil,
            "grafik_nrr": grafik.nrr_unsur(hasil, skema.nilai_maks) if hasil.k else None,
            "layanan": layanan,
            "grafik_layanan": _grafik_baris(skema, layanan, lambda b: b["nama"][:40]),
            "pd": pd,
            "grafik_pd": _grafik_baris(skema, pd, lambda b: b["nama"][:40]) if pd else None,
            "banding": grafik.banding_periode(hasil.skema, kolom),
            "query": _query(p),
            "periode_pilihan": _daftar_periode(per),
            "nilai_persepsi": skm_baca.nilai_persepsi(hasil.skema),
        },
        status=400 if p["galat"] else 200,
    )
