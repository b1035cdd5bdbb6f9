"""Pages of the SOP registry under /sop/: the SOPs the reader sees (filters: agency, status, search; the
services still without an SOP), registering one, an SOP's page (the identity block of the version shown, its
flowchart drawn server-side, the activity table, the services it governs, its versions and history), any
version readable (drafts by the drafting circle only), the draft edited (identity block and the activity
table as a grid), its table imported from XLSX, approval by the penetap, the PDF and the SVG.

Thin: every change goes through `services.sop`; the SOP is found through `sop_baca.sop_terlihat` (404 for an
SOP the reader may not know), a draft through `sop_baca.versi_terlihat` (404), and a page that changes
something needs the pengelola's right (403) or the penetap's (the service refuses: 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from penugasan.pdf import WaktuHabis
from sistemkerja.errors import GalatDomain

from .. import selectors as sel
from .. import sop_baca, sop_dokumen, sop_impor
from ..choices import StatusVersi
from ..forms_sop import ImporForm, SahkanForm, SaringSopForm, SopBaruForm, SopUbahForm
from ..models import Sop
from ..services import sop as sop_services
from ..services import sop_isi as cek
from . import _dasar

RIWAYAT_MAKS = 50
TANPA_SOP_MAKS = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def instansi_pembaca(user) -> int | None:
    """The reader's instansi (None for the global admins and accounts without staff record)."""
    diri = pegawai_dari_user(user)
    return diri.unit.instansi_id if diri is not None and diri.aktif and diri.unit_id else None


def layanan_pilihan(user, instansi_id: int | None):
    """Services an SOP may govern, as the reader sees them: of their instansi (every one for the admins)."""
    qs = sel.layanan_terlihat(user).select_related(None).select_related("unit").order_by("unit__path", "nama")
    return qs.filter(unit__instansi_id=instansi_id) if instansi_id else qs


def sop_untuk(request, pk) -> Sop:
    return get_object_or_404(sop_baca.sop_terlihat(request.user).select_related("unit__instansi"), pk=pk)


def harus_kelola(request, sop: Sop) -> None:
    if not sop_baca.boleh_kelola(request.user, sop):
        raise PermissionDenied


# --- the list ---------------------------------------------------------------------------------------------------


@login_required
@require_safe
def daftar(request):
    """The SOPs the reader sees, in a constant number of queries whatever their number."""
    user = request.user
    instansi = instansi_pembaca(user)
    pd = Unit.objects.filter(depth=2, aktif=True).order_by("path")
    if not sel.adalah_bagian_organisasi(user):
        pd = pd.filter(instansi_id=instansi)
    pd = list(pd.only("pk", "nama", "path"))
    form = SaringSopForm(request.GET or None, pilihan_pd=pd)
    qs = sop_baca.anotasi_draf(sop_baca.sop_terlihat(user)).prefetch_related("layanan")
    tanpa_sop = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(nomor__icontains=d["q"]) | Q(nama__icontains=d["q"]))
        if d["pd"]:
            jalur = next((u.path for u in pd if str(u.pk) == d["pd"]), None)
            qs = qs.filter(unit__path__startswith=jalur)
        qs = {
            "berlaku": lambda q: q.filter(versi_berlaku__isnull=False, aktif=True),
            "draf": lambda q: q.filter(versi_berlaku__isnull=True),
            "ada_draf": lambda q: q.filter(draf__isnull=False),
            "dicabut": lambda q: q.filter(aktif=False),
        }.get(d["status"], lambda q: q)(qs)
        if d["tanpa_sop"]:
            tanpa_sop = _tanpa_sop(user, instansi, d["pd"] and jalur)
    hal = _dasar.halaman(request, qs.order_by("unit__path", "nomor"))
    for s in hal:
        s.lihat_draf = sop_baca.boleh_lihat_draf(user, s)
    konteks = {
        "form": form,
        "halaman": hal,
        "tanpa_sop": tanpa_sop,
        "boleh_daftar": sel.jalur_pengelola(user) != [],
    }
    return render(request, "layanan/sop/daftar.html", konteks)


def _tanpa_sop(user, instansi: int | None, jalur: str | None) -> dict:
    """Published services of the reader's instansi that no active SOP governs (at most `TANPA_SOP_MAKS`)."""
    qs = (
        layanan_pilihan(user, instansi)
        .filter(aktif=True, versi_berlaku__isnull=False)
        .exclude(pk__in=Sop.layanan.through.objects.filter(sop__aktif=True).values("layanan_id"))
    )
    if jalur:
        qs = qs.filter(unit__path__startswith=jalur)
    daftar_ = list(qs[: TANPA_SOP_MAKS + 1])
    return {"layanan": daftar_[:TANPA_SOP_MAKS], "lebih": len(daftar_) > TANPA_SOP_MAKS}


# --- registering, changing -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    """Register an SOP (version 1, a draft) for a unit the reader drafts for."""
    user = request.user
    jalur = sel.jalur_pengelola(user)
    if jalur == []:
        raise PermissionDenied
    unit_pilihan = None
    if jalur is not None:
        unit_pilihan = Unit.objects.filter(sel._q(jalur, "path"), aktif=True).order_by("path")
    form = SopBaruForm(
        request.POST or None, unit_pilihan=unit_pilihan, layanan_qs=layanan_pilihan(user, instansi_pembaca(user))
    )
    status = 200
    if request.method == "POST":
        sop, status = _dasar.kirim(
            request,
            form,
            lambda d: sop_services.sop_daftarkan(
                pelaku=user, unit=d["unit"], nomor=d["nomor"], nama=d["nama"], layanan=list(d["layanan"])
            ),
        )
        if sop is not None:
            messages.success(request, f"SOP {sop.nomor} didaftarkan; versi 1 (draf) siap disusun.")
            return redirect("layanan:sop_versi_ubah", pk=sop.pk, n=1)
    return render(request, "layanan/sop/baru.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk):
    """Rename, renumber, the services governed; withdraw or bring back (penetap)."""
    sop = sop_untuk(request, pk)
    harus_kelola(request, sop)
    awal = {"nomor": sop.nomor, "nama": sop.nama, "layanan": list(sop.layanan.all()), "aktif": sop.aktif}
    form = SopUbahForm(
        request.POST or None,
        initial=awal,
        layanan_qs=layanan_pilihan(request.user, sop.unit.instansi_id),
        boleh_cabut=sop_baca.boleh_sahkan(request.user, sop),
    )
    status = 200
    if request.method == "POST":
        hasil, status = _dasar.kirim(
            request,
            form,
            lambda d: sop_services.sop_ubah(
                pelaku=request.user,
                sop=sop,
                nomor=d["nomor"],
                nama=d["nama"],
                layanan=list(d["layanan"]),
                aktif=d.get("aktif"),
            ),
        )
        if hasil is not None:
            messages.success(request, "Data SOP disimpan.")
            return redirect("layanan:sop_detail", pk=sop.pk)
    return render(request, "layanan/sop/ubah.html", {"sop": sop, "form": form}, status=status)


# --- an SOP's page ---------------------------------------------------------------------------------------------


def konteks_sop(request, sop: Sop, versi, **lain) -> dict:
    user = request.user
    semua = list(sop_baca.versi_terlihat(user, sop))
    draf = next((v for v in semua if v.status == StatusVersi.DRAF), None)
    langkah = sop_baca.langkah_bagan(versi) if versi else []
    pelaksana = list(versi.pelaksana or []) if versi else []
    if versi is not None:
        versi.sop = sop
    return {
        "sop": sop,
        "versi": versi,
        "semua_versi": semua,
        "draf": draf,
        "langkah": [
            {"b": b, "pelaksana": pelaksana[b.pelaksana - 1] if 0 < b.pelaksana <= len(pelaksana) else ""}
            for b in langkah
        ],
        "svg": mark_safe(sop_baca.svg_bagan(versi, langkah))
        if versi and langkah
        else "",  # bagan escapes every text it draws
        "layanan": list(sop.layanan.select_related("unit")),
        "terkait": list(versi.sop_terkait.all()) if versi else [],
        "riwayat": list(sop.riwayat.select_related("oleh", "akun").order_by("-waktu", "-id")[:RIWAYAT_MAKS]),
        "boleh_kelola": sop_baca.boleh_kelola(user, sop),
        "boleh_sahkan": sop_baca.boleh_sahkan(user, sop),
        "form_sahkan": lain.pop("form_sahkan", None) or SahkanForm(),
        "judul": f"Versi {versi.nomor}" if versi is not None and lain.pop("versi_khusus", False) else "",
        "S": StatusVersi,
        **lain,
    }


@login_required
@require_safe
def detail(request, pk):
    sop = sop_untuk(request, pk)
    versi = sop_baca.versi_tampil(request.user, sop)
    return render(request, "layanan/sop/detail.html", konteks_sop(request, sop, versi))


def versi_untuk(request, sop: Sop, n):
    return get_object_or_404(sop_baca.versi_terlihat(request.user, sop), nomor=n)


@login_required
@require_safe
def versi(request, pk, n):
    """Any version the reader may read: the published ones for everyone who sees the SOP, drafts for its circle."""
    sop = sop_untuk(request, pk)
    v = versi_untuk(request, sop, n)
    return render(request, "layanan/sop/detail.html", konteks_sop(request, sop, v, versi_khusus=True))


@login_required
@require_POST
def versi_baru(request, pk):
    sop = sop_untuk(request, pk)
    harus_kelola(request, sop)
    v, status = _dasar.jalankan(request, None, lambda: sop_services.sop_versi_buat(pelaku=request.user, sop=sop))
    if v is not None:
        messages.success(request, f"Draf versi {v.nomor} disusun dari versi terakhir; ubah yang perlu diubah.")
        return redirect("layanan:sop_versi_ubah", pk=sop.pk, n=v.nomor)
    sop.refresh_from_db()
    konteks = konteks_sop(request, sop, sop_baca.versi_tampil(request.user, sop))
    return render(request, "layanan/sop/detail.html", konteks, status=status)


LABEL_SAHKAN = {**cek.LABEL, "pelaksana": "Pelaksana", "langkah": "Tabel kegiatan"}


@login_required
@require_POST
def sahkan(request, pk):
    """The penetap approves the latest draft (the service refuses anyone else: 403); what is still missing is
    named part by part."""
    sop = sop_untuk(request, pk)
    form = SahkanForm(request.POST)
    status = 400
    if _dasar.sah(form):
        try:
            v = sop_services.sop_terbitkan(
                pelaku=request.user, sop=sop, tanggal_efektif=form.cleaned_data["tanggal_efektif"] or None
            )
        except ValidationError as e:
            for kolom, pesan in e.message_dict.items():
                if kolom == "tanggal_efektif":
                    form.add_error(kolom, pesan)
                else:
                    messages.error(request, f"{LABEL_SAHKAN.get(kolom, kolom).capitalize()}: {' '.join(pesan)}")
        except GalatDomain as e:
            messages.error(request, e.pesan)
            status = e.status_code
        else:
            messages.success(request, f"SOP {sop.nomor} versi {v.nomor} disahkan dan berlaku.")
            return redirect("layanan:sop_detail", pk=sop.pk)
    sop.refresh_from_db()
    draf = sop.versi.filter(status=StatusVersi.DRAF).order_by("-nomor").first()
    konteks = konteks_sop(request, sop, draf or sop_baca.versi_tampil(request.user, sop), form_sahkan=form)
    return render(request, "layanan/sop/detail.html", konteks, status=status)


# --- import, template, PDF, SVG ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def impor(request, pk, n):
    """A draft's activity table from XLSX: every row or none."""
    sop = sop_untuk(request, pk)
    v = versi_untuk(request, sop, n)
    harus_kelola(request, sop)
    form = ImporForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            hasil, status = _dasar.jalankan(
                request, form, lambda: sop_services.sop_impor_langkah(pelaku=request.user, versi=v, berkas=berkas)
            )
            if hasil is not None:
                messages.success(request, f"Tabel kegiatan diimpor: {hasil.langkah.count()} baris.")
                return redirect("layanan:sop_versi", pk=sop.pk, n=v.nomor)
    konteks = {"sop": sop, "versi": v, "form": form, "kolom": sop_impor.KOLOM}
    return render(request, "layanan/sop/impor.html", konteks, status=status)


def _unduh(isi: bytes, jenis: str, nama: str, *, lampiran: bool = True) -> HttpResponse:
    respon = HttpResponse(isi, content_type=jenis)
    respon["Content-Disposition"] = f'{"attachment" if lampiran else "inline"}; filename="{nama}"'
    respon["Cache-Control"] = "private, no-store"
    return respon


@login_required
@require_safe
def templat_kosong(request):
    return _unduh(sop_impor.templat(), XLSX, "templat-tabel-kegiatan-sop.xlsx")


@login_required
@require_safe
def templat(request, pk, n):
    """The version's activity table as the import's workbook (to edit in Excel and import into a draft)."""
    sop = sop_untuk(request, pk)
    v = versi_untuk(request, sop, n)
    isi = sop_impor.templat(v.pelaksana or [], list(v.langkah.order_by("urutan")))
    return _unduh(isi, XLSX, f"tabel-kegiatan-sop-{sop.pk}-versi-{v.nomor}.xlsx")


def _sop_versi(request, pk, n=None) -> tuple[Sop, object]:
    """The SOP and the version asked for (`n`), or the one its page shows; 404 when the reader may not see it."""
    sop = sop_untuk(request, pk)
    v = versi_untuk(request, sop, n) if n is not None else sop_baca.versi_tampil(request.user, sop)
    if v is None:
        raise Http404
    v.sop = sop
    return sop, v


@login_required
@require_safe
def pdf(request, pk, n=None):
    """The identity block and the flowchart pages, as PDF (a draft marked DRAF)."""
    _, v = _sop_versi(request, pk, n)
    try:
        isi = sop_dokumen.pdf_sop(v)
    except WaktuHabis:
        respon = HttpResponse("Pembuatan PDF SOP terlalu lama; coba lagi nanti.", status=503)
        respon["Retry-After"] = "60"
        return respon
    return _unduh(isi, "application/pdf", sop_dokumen.nama_berkas(v), lampiran=False)


@login_required
@require_safe
def svg(request, pk, n=None):
    """The whole flowchart as a standalone SVG image."""
    _, v = _sop_versi(request, pk, n)
    respon = HttpResponse(sop_baca.svg_bagan(v), content_type="image/svg+xml; charset=utf-8")
    respon["Cache-Control"] = "private, no-store"
    respon["X-Content-Type-Options"] = "nosniff"
    respon["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return respon
