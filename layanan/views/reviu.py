"""Pages of the review and evaluation rounds (Pasal 13 ayat 3–4): the rounds the reader sees (the Bagian
Organisasi of the instansi, the reviewed agency's staff), opening one (the Bagian Organisasi), a round's page
with its findings per SOP and map, the follow-up form for the agency, accept/return for the Bagian
Organisasi, and the status steps. Outsiders get 404; a step the reader may not take 403; a step the state does
not allow 409."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Unit
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

from .. import peta_baca as pb
from .. import selectors as sel
from ..choices import StatusReviu, StatusTemuan
from ..forms_peta import ReviuForm, StatusReviuForm, TemuanForm, TindakLanjutForm, TutupTemuanForm
from ..models import PetaProses, Reviu, Sop
from ..services import reviu as services
from ..services.reviu import URUTAN
from . import _dasar


def _pd_bo(user):
    """The agencies of the instansi whose Bagian Organisasi the user is (where they may open rounds)."""
    bo = sel.instansi_bagian_organisasi(user)
    qs = Unit.objects.filter(depth__lte=KEDALAMAN_PERANGKAT_DAERAH, aktif=True)
    if bo is not None:
        qs = qs.filter(instansi__in=sorted(bo)) if bo else qs.none()
    return qs.order_by("path")


@login_required
@require_GET
def daftar(request):
    user = request.user
    qs = pb.ringkasan_reviu(pb.reviu_terlihat(user))
    status = request.GET.get("status", "")
    if status in StatusReviu.values:
        qs = qs.filter(status=status)
    hal = _dasar.halaman(request, qs.order_by("-tahun", "perangkat_daerah__path", "-id"))
    bo = sel.instansi_bagian_organisasi(user)
    konteks = {"halaman": hal, "status": status, "S": StatusReviu, "boleh_buka": bo is None or bool(bo)}
    return render(request, "layanan/reviu/daftar.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    user = request.user
    pilihan = list(_pd_bo(user))
    if not pilihan:
        raise PermissionDenied
    awal = {"tahun": timezone.localdate().year, "perangkat_daerah": request.GET.get("pd", "")}
    form = ReviuForm(request.POST or None, perangkat_daerah=pilihan, initial=awal)
    status = 200
    if request.method == "POST":
        per_id = {str(u.pk): u for u in pilihan}

        def buka(d):
            return services.reviu_buka(
                pelaku=user,
                perangkat_daerah=per_id[d["perangkat_daerah"]],
                tahun=d["tahun"],
                judul=d["judul"],
                metode=d["metode"],
                mulai=d["mulai"],
                selesai=d["selesai"],
            )

        r, status = _dasar.kirim(request, form, buka)
        if status == 200:
            messages.success(request, "Reviu dan evaluasi dibuka (direncanakan).")
            return redirect("layanan:reviu_detail", pk=r.pk)
    return render(request, "layanan/reviu/baru.html", {"form": form}, status=status)


def _reviu(request, pk) -> Reviu:
    return get_object_or_404(pb.reviu_terlihat(request.user), pk=pk)


def _kelompok(temuan: list) -> list[dict]:
    """Findings grouped by what they are about, SOPs first, in the order recorded."""
    kelompok: dict[tuple, dict] = {}
    for t in temuan:
        kunci = ("sop", t.sop_id) if t.sop_id else ("peta", t.peta_id)
        kelompok.setdefault(kunci, {"jenis": kunci[0], "objek": t.sop or t.peta, "temuan": []})["temuan"].append(t)
    return sorted(kelompok.values(), key=lambda k: (k["jenis"] != "sop", str(k["objek"])))


def _id(tid: int) -> str:
    """The ids of a finding's form fields: one form per finding on the page, each field's id its own."""
    return f"temuan{tid}-%s"


def konteks_reviu(request, r: Reviu, ganti: tuple | None = None) -> dict:
    """The round's page for this reader; `ganti` = (form name, finding id or None, bound form) with errors."""
    user = request.user
    pd = r.perangkat_daerah
    bo = sel.di_bagian_organisasi(user, pd.instansi_id)
    temuan = list(r.temuan.select_related("sop", "peta", "dicatat_oleh", "ditindaklanjuti_oleh").order_by("id"))
    pokok = {}
    if bo and r.status == StatusReviu.BERJALAN:
        pokok = {
            "sop": Sop.objects.filter(pb.q_pd(pd.path)).order_by("nomor"),
            "peta": PetaProses.objects.filter(pb.q_pd(pd.path)).order_by("level", "kode"),
        }
    forms = {
        "status": StatusReviuForm(initial={"status": URUTAN.get(r.status, "")}),
        "temuan": TemuanForm(**pokok) if pokok else None,
    }
    per_temuan = {
        t.pk: {"tindak": TindakLanjutForm(auto_id=_id(t.pk)), "tutup": TutupTemuanForm(auto_id=_id(t.pk))}
        for t in temuan
    }
    if ganti:
        nama, tid, form = ganti
        if tid is None:
            forms[nama] = form
        elif tid in per_temuan:
            per_temuan[tid][nama] = form
    for t in temuan:
        t.forms = per_temuan[t.pk]
    return {
        "r": r,
        "pd": pd,
        "kelompok": _kelompok(temuan),
        "jumlah": {s: sum(t.status == s for t in temuan) for s in StatusTemuan.values},
        "bo": bo,
        "pengelola": sel.boleh_kelola(user, pd),
        "berikut": URUTAN.get(r.status),
        "forms": forms,
        "riwayat": list(r.riwayat.select_related("oleh", "akun").order_by("waktu", "id")),
        "S": StatusReviu,
        "T": StatusTemuan,
    }


@login_required
@require_GET
def detail(request, pk):
    r = _reviu(request, pk)
    return render(request, "layanan/reviu/detail.html", konteks_reviu(request, r))


def _langkah(request, r: Reviu, nama: str, tid, form, aksi, pesan: str):
    _, status = _dasar.kirim(request, form, aksi)
    if status == 200:
        messages.success(request, pesan)
        return redirect("layanan:reviu_detail", pk=r.pk)
    r.refresh_from_db()
    konteks = konteks_reviu(request, r, ganti=(nama, tid, form))
    return render(request, "layanan/reviu/detail.html", konteks, status=status)


@login_required
@require_POST
def status(request, pk):
    r = _reviu(request, pk)
    form = StatusReviuForm(request.POST)

    def aksi(d):
        return services.reviu_status(pelaku=request.user, reviu=r, status=d["status"], kesimpulan=d["kesimpulan"])

    ke = request.POST.get("status")
    pesan = f"Reviu kini {StatusReviu(ke).label.lower()}." if ke in StatusReviu.values else ""
    return _langkah(request, r, "status", None, form, aksi, pesan)


@login_required
@require_POST
def temuan(request, pk):
    r = _reviu(request, pk)
    pd = r.perangkat_daerah
    form = TemuanForm(
        request.POST,
        sop=Sop.objects.filter(pb.q_pd(pd.path)).order_by("nomor"),
        peta=PetaProses.objects.filter(pb.q_pd(pd.path)).order_by("level", "kode"),
    )

    def aksi(d):
        return services.temuan_catat(
            pelaku=request.user,
            reviu=r,
            **form.pokok_terpilih(),
            uraian=d["uraian"],
            rekomendasi=d["rekomendasi"],
            tenggat=d["tenggat"],
        )

    return _langkah(request, r, "temuan", None, form, aksi, "Temuan dicatat; kepala perangkat daerah diberi tahu.")


@login_required
@require_POST
def tindak_lanjut(request, pk, tid):
    r = _reviu(request, pk)
    t = get_object_or_404(r.temuan.all(), pk=tid)
    form = TindakLanjutForm(request.POST, auto_id=_id(t.pk))

    def aksi(d):
        return services.temuan_tindak_lanjut(pelaku=request.user, temuan=t, tindak_lanjut=d["tindak_lanjut"])

    return _langkah(request, r, "tindak", t.pk, form, aksi, "Tindak lanjut dicatat.")


@login_required
@require_POST
def tutup(request, pk, tid):
    r = _reviu(request, pk)
    t = get_object_or_404(r.temuan.all(), pk=tid)
    form = TutupTemuanForm(request.POST, auto_id=_id(t.pk))

    def aksi(d):
        terima = d["keputusan"] == "terima"
        return services.temuan_tutup(pelaku=request.user, temuan=t, terima=terima, catatan=d["catatan"])

    pesan = "Keputusan atas tindak lanjut dicatat."
    return _langkah(request, r, "tutup", t.pk, form, aksi, pesan)
