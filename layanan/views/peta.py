"""Pages of the business-process maps (Pasal 13): the agencies the reader sees with their counts, an agency's
maps as a tree (each with its version in force, units involved, related SOPs and open findings), a map's page
with its versions, drawings (served through a checked view; a BPMN model always as an XML download), upload
of a new version, setting it in force, editing and history. Someone who may not see a map or agency gets
404; someone who sees it but may not act, 403; a step its state does not allow, 409 with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Unit
from sistemkerja.berkas import kirim_berkas

from .. import peta_baca as pb
from .. import selectors as sel
from ..choices import FormatPeta, StatusVersi
from ..forms_peta import PetaForm, TetapkanPetaForm, VersiPetaForm
from ..models import PetaProses, Sop, Temuan
from ..services import peta as services
from . import _dasar


@login_required
@require_GET
def daftar(request):
    user = request.user
    daftar_pd = list(pb.pd_terlihat(user))
    ringkas = pb.ringkasan_pd(user, daftar_pd)
    kelompok: dict[int, dict] = {}
    for u in daftar_pd:
        k = kelompok.setdefault(u.instansi_id, {"instansi": u.instansi, "baris": []})
        r = ringkas[u.path]
        k["baris"].append({"pd": u, **r, "belum": r["peta"] - r["berlaku"]})
    return render(request, "layanan/peta/daftar.html", {"kelompok": list(kelompok.values())})


def _pd(request, kode: str) -> Unit:
    return get_object_or_404(pb.pd_terlihat(request.user), kode=kode)


@login_required
@require_GET
def unit(request, kode):
    """The agency's hierarchy page."""
    user = request.user
    pd = _pd(request, kode)
    reviu = pb.ringkasan_reviu(pb.reviu_terlihat(user).filter(perangkat_daerah=pd)).order_by("-tahun", "-id")
    return render(
        request,
        "layanan/peta/unit.html",
        {
            "pd": pd,
            "pohon": pb.hierarki(user, pd),
            "lihat_temuan": pb.boleh_lihat_reviu(user, pd),
            "boleh_daftar": sel.boleh_kelola(user, pd),
            "reviu": list(reviu[:10]),
        },
    )


def _pilihan_peta(user, pd: Unit, peta: PetaProses | None = None) -> dict:
    """The choices of the map form: the agency's units the reader runs, its maps, the instansi's units and
    the SOPs the reader sees."""
    unit = Unit.objects.filter(pb.q_pd(pd.path, "path"), aktif=True).filter(sel._q(sel.jalur_pengelola(user), "path"))
    induk = pb.peta_terlihat(user).filter(pb.q_pd(pd.path)).select_related(None).order_by("level", "kode")
    if peta is not None:
        induk = induk.exclude(pk=peta.pk)
    return {
        "unit": unit.order_by("path"),
        "induk": induk,
        "unit_terlibat": Unit.objects.filter(instansi_id=pd.instansi_id, aktif=True).order_by("path"),
        "sop": Sop.objects.filter(pb.sop_terlihat_q(user), unit__instansi_id=pd.instansi_id).order_by("nomor"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def baru(request, kode):
    user = request.user
    pd = _pd(request, kode)
    if not sel.boleh_kelola(user, pd):
        raise PermissionDenied
    pilihan = _pilihan_peta(user, pd)
    form = PetaForm(request.POST or None, **pilihan, initial={"induk": request.GET.get("induk", "")})
    status = 200
    if request.method == "POST":
        unit_per_id = {str(u.pk): u for u in pilihan["unit"]}

        def daftarkan(d):
            return services.peta_daftarkan(
                pelaku=user,
                unit=unit_per_id[d["unit"]],
                kode=d["kode"],
                nama=d["nama"],
                jenis=d["jenis"],
                level=d["level"] or None,
                induk=d["induk"] or None,
                unit_terlibat=d["unit_terlibat"],
                sop=d["sop"],
                uraian=d["uraian"],
            )

        peta, status = _dasar.kirim(request, form, daftarkan)
        if status == 200:
            messages.success(request, f"Peta {peta.kode} didaftarkan; unggah berkas petanya.")
            return redirect("layanan:peta_detail", pk=peta.pk)
    return render(request, "layanan/peta/form.html", {"pd": pd, "form": form, "judul": "Daftarkan peta"}, status=status)


def _peta(request, pk) -> PetaProses:
    return get_object_or_404(pb.peta_dengan_rincian(request.user, pb.peta_terlihat(request.user)), pk=pk)


def konteks_peta(request, peta: PetaProses, ganti: tuple[str, object] | None = None) -> dict:
    user = request.user
    pd = Unit.objects.get(path=pb.jalur_pd(peta.unit.path))
    lihat_temuan = pb.boleh_lihat_reviu(user, pd)
    versi = list(pb.versi_terlihat(user, peta))
    riwayat = peta.riwayat.select_related("oleh", "akun").order_by("waktu", "id")
    if not lihat_temuan:
        riwayat = riwayat.filter(reviu__isnull=True)
    forms = {"versi": VersiPetaForm(), "tetapkan": TetapkanPetaForm()}
    if ganti:
        forms[ganti[0]] = ganti[1]
    temuan = Temuan.objects.filter(peta=peta).select_related("reviu").order_by("-id") if lihat_temuan else []
    return {
        "peta": peta,
        "pd": pd,
        "versi": versi,
        "ada_draf": any(v.status == StatusVersi.DRAF for v in versi),
        "anak": sorted(pb.peta_terlihat(user).filter(induk=peta), key=pb.urut_peta),
        "temuan": list(temuan),
        "lihat_temuan": lihat_temuan,
        "riwayat": list(riwayat),
        "boleh_kelola": sel.boleh_kelola(user, peta.unit),
        "boleh_tetapkan": sel.boleh_tetapkan(user, peta.unit),
        "forms": forms,
        "F": FormatPeta,
        "S": StatusVersi,
    }


@login_required
@require_GET
def detail(request, pk):
    peta = _peta(request, pk)
    return render(request, "layanan/peta/detail.html", konteks_peta(request, peta))


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk):
    user = request.user
    peta = _peta(request, pk)
    if not sel.boleh_kelola(user, peta.unit):
        raise PermissionDenied
    pd = Unit.objects.get(path=pb.jalur_pd(peta.unit.path))
    awal = {
        "kode": peta.kode,
        "nama": peta.nama,
        "jenis": peta.jenis,
        "induk": str(peta.induk_id or ""),
        "unit_terlibat": [str(u.pk) for u in peta.unit_terlibat.all()],
        "sop": [str(s.pk) for s in peta.sop.all()],
        "uraian": peta.uraian,
        "aktif": peta.aktif,
    }
    form = PetaForm(request.POST or None, **_pilihan_peta(user, pd, peta), ubah=True, initial=awal)
    status = 200
    if request.method == "POST":

        def simpan(d):
            return services.peta_ubah(
                pelaku=user,
                peta=peta,
                kode=d["kode"],
                nama=d["nama"],
                jenis=d["jenis"],
                induk=d["induk"] or None,
                unit_terlibat=d["unit_terlibat"],
                sop=d["sop"],
                uraian=d["uraian"],
                aktif=d["aktif"],
            )

        _, status = _dasar.kirim(request, form, simpan)
        if status == 200:
            messages.success(request, "Data peta disimpan.")
            return redirect("layanan:peta_detail", pk=peta.pk)
    konteks = {"pd": pd, "peta": peta, "form": form, "judul": f"Ubah peta {peta.kode}"}
    return render(request, "layanan/peta/form.html", konteks, status=status)


def _langkah(request, pk, nama: str, form_kelas, aksi, pesan: str):
    peta = _peta(request, pk)
    form = form_kelas(request.POST, request.FILES)
    _, status = _dasar.kirim(request, form, lambda d: aksi(peta, d))
    if status == 200:
        messages.success(request, pesan)
        return redirect("layanan:peta_detail", pk=peta.pk)
    peta = _peta(request, pk)
    return render(request, "layanan/peta/detail.html", konteks_peta(request, peta, ganti=(nama, form)), status=status)


@login_required
@require_POST
def versi_unggah(request, pk):
    def aksi(peta, d):
        return services.peta_versi_unggah(pelaku=request.user, peta=peta, berkas=d["berkas"], catatan=d["catatan"])

    return _langkah(request, pk, "versi", VersiPetaForm, aksi, "Versi baru diunggah sebagai draf.")


@login_required
@require_POST
def tetapkan(request, pk):
    def aksi(peta, d):
        return services.peta_terbitkan(pelaku=request.user, peta=peta, tanggal_penetapan=d["tanggal_penetapan"])

    return _langkah(request, pk, "tetapkan", TetapkanPetaForm, aksi, "Draf terbaru ditetapkan dan berlaku.")


@login_required
@require_GET
def berkas(request, pk, n):
    """A version's drawing after the rights check: images and PDFs shown as they are (sandboxed), a BPMN model
    always downloaded as XML, never rendered."""
    peta = _peta(request, pk)
    versi = get_object_or_404(pb.versi_terlihat(request.user, peta), nomor=n)
    nama = f"peta-{slugify(peta.kode) or peta.pk}-v{versi.nomor}"
    respons = kirim_berkas(versi.berkas, nama_unduh=nama)
    if versi.format == FormatPeta.BPMN:
        respons["Content-Type"] = "application/xml"
        respons["Content-Disposition"] = content_disposition_header(True, f"{nama}.bpmn")
    return respons
