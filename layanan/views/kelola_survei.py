"""The counter's survey work: one-time codes issued and printed as slips (each with a QR code to the survey
page carrying the code), and paper questionnaires entered in a grid, all rows or none."""

from __future__ import annotations

import re

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from sistemkerja.errors import GalatDomain
from sistemkerja.masukan import bentuk_id

from .. import services
from ..choices import JenisKelamin, Pekerjaan, Pendidikan
from ..forms import KodeSurveiForm
from ..models import KodeSurvei
from ..services.survei import KODE_MAKS_SEKALI
from . import _dasar

BARIS_BAWAAN, BARIS_MAKS = 10, 20
PROFIL = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")
_NOMOR_BARIS = re.compile(r"^Baris \d+: ")
_KUNCI_BARIS = re.compile(r"^\[(\d+)\](?:\.(?:jawaban\.)?(.+))?$")


@login_required
@require_http_methods(["GET", "POST"])
def kode_survei(request, kode):
    """Issue N one-time codes; then the printable slips of that batch."""
    layanan = _dasar.layanan_staf(request, kode)
    form = KodeSurveiForm(request.POST or None)
    status = 200
    if request.method == "POST":
        baru, status = _dasar.kirim(
            request,
            form,
            lambda d: services.kode_survei_buat(
                pelaku=request.user, layanan=layanan, jumlah=d["jumlah"], hari=d["hari"]
            ),
        )
        if baru:
            messages.success(request, f"{len(baru)} kode survei dibuat; cetak slipnya di bawah.")
            rentang = {"dari": min(k.pk for k in baru), "sampai": max(k.pk for k in baru)}
            return redirect(reverse("layanan:kode_cetak", kwargs={"kode": layanan.kode}) + "?" + urlencode(rentang))
    sekarang = timezone.now()
    hitung = KodeSurvei.objects.filter(layanan=layanan).aggregate(
        siap=Count("pk", filter=Q(dipakai__isnull=True, berlaku_sampai__gt=sekarang)),
        terpakai=Count("pk", filter=Q(dipakai__isnull=False)),
        kedaluwarsa=Count("pk", filter=Q(dipakai__isnull=True, berlaku_sampai__lte=sekarang)),
    )
    konteks = {"layanan": layanan, "form": form, "hitung": hitung, "url_survei": _url_survei(layanan)}
    return render(request, "layanan/kelola/kode_survei.html", konteks, status=status)


def _url_survei(layanan, kode: str = "") -> str:
    path = reverse("layanan:survei", kwargs={"kode": layanan.kode})
    return _dasar.alamat_situs(path + (f"?{urlencode({'kode': kode})}" if kode else ""))


@login_required
@require_GET
def kode_cetak(request, kode):
    """Slips to print and cut: the service, the code, a QR code to the survey page with the code filled in,
    the short address for typing. `?dari=&sampai=`: one batch (ids); without: every code still usable."""
    layanan = _dasar.layanan_staf(request, kode)
    qs = KodeSurvei.objects.filter(layanan=layanan, dipakai__isnull=True, berlaku_sampai__gt=timezone.now())
    dari, sampai = bentuk_id(request.GET.get("dari")), bentuk_id(request.GET.get("sampai"))
    if dari and sampai:
        qs = qs.filter(pk__gte=dari, pk__lte=sampai)
    slip = []
    for k in qs.order_by("pk")[:KODE_MAKS_SEKALI]:
        qr = segno.make(_url_survei(layanan, k.kode), error="m")
        svg = qr.svg_inline(scale=3, border=2, svgclass="lay-slip-qr", lineclass=None, omitsize=True)
        slip.append({"kode": services.tampil_kode(k.kode), "sampai": k.berlaku_sampai, "qr": mark_safe(svg)})  # noqa: S308
    rentang = qs.aggregate(awal=Min("dibuat"), akhir=Max("dibuat"))
    konteks = {"layanan": layanan, "slip": slip, "url_survei": _url_survei(layanan), "rentang": rentang}
    return render(request, "layanan/kelola/kode_cetak.html", konteks)


# --- paper questionnaires -------------------------------------------------------------------------


def _baris_kosong(unsur, n: int) -> list[dict]:
    hari_ini = timezone.localdate().isoformat()
    return [
        {"i": i, "nomor": i + 1, "tanggal": hari_ini, "jawaban": {u.kode: "" for u in unsur}, "galat": {}}
        | dict.fromkeys(PROFIL, "")
        for i in range(n)
    ]


def _baca_grid(post, unsur) -> list[dict] | None:
    """The grid's rows as sent (every row, filled or not); None when its row count is not one it sends."""
    n = post.get("n", str(BARIS_BAWAAN))
    if not (n.isascii() and n.isdigit() and 1 <= int(n) <= BARIS_MAKS):
        return None
    n = int(n)
    baris = []
    for i in range(n):
        b = {"i": i, "nomor": i + 1, "galat": {}, "tanggal": post.get(f"r{i}-tanggal", "").strip()}
        b["jawaban"] = {u.kode: post.get(f"r{i}-{u.kode}", "").strip() for u in unsur}
        b |= {k: post.get(f"r{i}-{k}", "").strip() for k in PROFIL}
        baris.append(b)
    return baris


def _terisi(b: dict) -> bool:
    return any(b["jawaban"].values()) or any(b[k] for k in PROFIL)


def _tempel_galat(baris: list[dict], terisi: list[dict], galat: dict) -> list[str]:
    """The service's errors (keyed by its list's index: `[2].jawaban.U3`) on the grid's cells, and as a list
    numbered by the grid's own rows (empty rows were not sent, so the numbers differ)."""
    daftar = []
    for kunci, pesan in galat.items():
        m = _KUNCI_BARIS.match(kunci or "")
        b = terisi[int(m.group(1))] if m and int(m.group(1)) < len(terisi) else None
        for p in pesan:
            teks = _NOMOR_BARIS.sub("", p)
            if b is None:
                daftar.append(teks)
                continue
            b["galat"].setdefault(m.group(2) or "baris", []).append(teks)
            daftar.append(f"Baris {b['nomor']}: {teks}")
    return daftar


@login_required
@require_http_methods(["GET", "POST"])
def responden(request, kode):
    """Paper forms entered at once (up to 20 rows): date, an answer 1..4 or none per element, the profile."""
    layanan = _dasar.layanan_staf(request, kode)
    skema = layanan.skema_survei
    unsur = list(skema.unsur.all())
    status, galat = 200, []
    if request.method == "POST":
        baris = _baca_grid(request.POST, unsur) or []
        terisi = [b for b in baris if _terisi(b)]
        kirim = [
            {"tanggal": b["tanggal"], "jawaban": {k: v for k, v in b["jawaban"].items() if v}}
            | {k: b[k] for k in PROFIL if b[k]}
            for b in terisi
        ]
        if not baris:
            hasil, status = None, 400
            galat = [f"Jumlah baris formulir tidak sah (1 sampai {BARIS_MAKS})."]
            baris = _baris_kosong(unsur, BARIS_BAWAAN)
        else:
            try:
                hasil = services.responden_catat(pelaku=request.user, layanan=layanan, baris=kirim) if kirim else None
            except (ValidationError, GalatDomain) as e:  # shown on the grid's cells and above it
                hasil, status = None, getattr(e, "status_code", 400)
                galat = _tempel_galat(baris, terisi, _dasar.galat_dict(e))
            else:
                if hasil:
                    messages.success(request, f"{len(hasil)} kuesioner dicatat.")
                    return redirect("layanan:responden", kode=layanan.kode)
                status, galat = 400, ["Isi paling sedikit satu baris."]
    else:
        n = bentuk_id(request.GET.get("baris")) or BARIS_BAWAAN
        baris = _baris_kosong(unsur, min(n, BARIS_MAKS))
    for b in baris:
        b["sel"] = [{"kode": u.kode, "nilai": b["jawaban"][u.kode], "galat": b["galat"].get(u.kode)} for u in unsur]
    konteks = {
        "layanan": layanan,
        "skema": skema,
        "unsur": unsur,
        "baris": baris,
        "galat": galat,
        "nilai": [str(i) for i in range(1, skema.nilai_maks + 1)],
        "pilihan": {
            "jenis_kelamin": JenisKelamin.choices,
            "pendidikan": Pendidikan.choices,
            "pekerjaan": Pekerjaan.choices,
        },
        "url_skm": _dasar.tautan("layanan:skm", kode=layanan.kode),
    }
    return render(request, "layanan/kelola/responden.html", konteks, status=status)
