"""Browser pages: beranda, the structure tree and its search, unit and person pages, the audit.

Thin: each view finds its objects through `restrict` (outsiders get 404), asks the
selectors, and renders. No rule of the regulation is decided here.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Q, Value, When
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from sistemkerja import registry
from sistemkerja.api import catat_akses
from sistemkerja.masukan import bentuk_nip, periksa_teks

from . import cache as cache_struktur
from . import nip as nip_mod
from . import selectors
from .audit import audit_kelembagaan, dapat_mengaudit
from .forms import CariForm, TanggalForm
from .models import Pegawai, PejabatUnit, Penempatan, Unit
from .permissions import cakupan_jalur, pegawai_dari_user
from .templatetags.sistemkerja import pohon_html

BATAS_HASIL_CARI = 20
BATAS_SARAN = 10  # suggestions of a form's search box (sistemkerja.widgets.Cari)
BATAS_RIWAYAT = 50


# --- what organisasi adds to the home page (registered in apps.py) ---------------------------------


def kartu_kedudukan(request) -> dict:
    """The reader's own kedudukan today (or why their account has none)."""
    diri = pegawai_dari_user(request.user)
    return {"diri": diri, "kedudukan": selectors.kedudukan_pada(diri) if diri is not None else None}


def kartu_memimpin(request) -> dict | None:
    """The units the reader heads, acts for or holds PPK authority of today."""
    diri = pegawai_dari_user(request.user)
    if diri is None:
        return None
    memimpin = list(
        PejabatUnit.objects.pada(selectors.hari_ini())
        .filter(pegawai=diri)
        .select_related("unit")
        .order_by("unit__path", "jenis")
    )
    return {"memimpin": memimpin} if memimpin else None


def _akar_terlihat(user) -> list[Unit]:
    """The top units of the user's scope: every instansi, or the highest nodes they may see."""
    terlihat = Unit.objects.restrict(user)
    jalur = cakupan_jalur(user, "view")
    if jalur is None:
        return list(terlihat.filter(depth=1))
    teratas = [j for j in jalur if not any(j != k and j.startswith(k) for k in jalur)]
    return list(terlihat.filter(path__in=teratas))


def _jalur_terbuka(user) -> set[str]:
    """The ancestors of the user's own unit, so the tree opens down to where they sit."""
    diri = pegawai_dari_user(user)
    if diri is None or diri.unit_id is None:
        return set()
    return set(diri.unit.jalur_leluhur()[:-1])


def _cari(user, kata: str) -> dict:
    """Units by name or kode, people by name or NIP (typed with or without spaces), within scope."""
    unit = Unit.objects.restrict(user).filter(Q(nama__icontains=kata) | Q(kode__icontains=kata))[:BATAS_HASIL_CARI]
    q_pegawai = Q(nama__icontains=kata)
    angka = nip_mod.bersihkan(kata)
    if angka.isdigit():
        q_pegawai |= Q(nip__contains=angka)
    pegawai = (
        Pegawai.objects.restrict(user)
        .filter(q_pegawai)
        .select_related("unit", "jabatan")
        .order_by("nama")[:BATAS_HASIL_CARI]
    )
    return {"unit": list(unit), "pegawai": list(pegawai), "batas": BATAS_HASIL_CARI}


@require_GET
@login_required
def struktur(request):
    cari = CariForm(request.GET or None)
    kata = cari.kata()
    tanggal = selectors.hari_ini()
    semua = request.GET.get("semua") == "1"
    return render(
        request,
        "organisasi/struktur.html",
        {
            "cari": cari,
            "kata": kata,
            "hasil": _cari(request.user, kata) if kata else None,
            "pohon_html": _pohon_html(request.user, tanggal, semua),
            "tanggal": tanggal,
            "semua": semua,
        },
    )


def _pohon_html(user, tanggal, semua: bool) -> str:
    """The tree the user may see (every branch, or those open at first: `pohon_html`), rendered once per
    structure version, date, scope and open branch."""
    terbuka = _jalur_terbuka(user)

    def hitung() -> str:
        return pohon_html(
            [selectors.pohon(akar, tanggal=tanggal) for akar in _akar_terlihat(user)], terbuka, semua=semua
        )

    return mark_safe(
        cache_struktur.ambil_atau_hitung(  # pohon_html escaped every value
            user, ("pohon_html", tanggal, sorted(terbuka), semua), hitung
        )
    )


@require_GET
@login_required
def struktur_cabang(request, kode):
    """htmx: the sub-units of a branch opened in the tree, each with its own branch to fetch."""
    unit = get_object_or_404(Unit.objects.restrict(request.user), kode=kode)
    tanggal = selectors.hari_ini()

    def hitung() -> str:
        return pohon_html(selectors.pohon(unit, tanggal=tanggal)["anak"], set(), semua=False, akar_terbuka=False)

    return HttpResponse(cache_struktur.ambil_atau_hitung(request.user, ("pohon_cabang", unit.pk, tanggal), hitung))


@require_GET
@login_required
def struktur_cari(request):
    """htmx: the search results alone, swapped in under the search box."""
    cari = CariForm(request.GET or None)
    kata = cari.kata()
    return render(
        request,
        "organisasi/_hasil_cari.html",
        {"kata": kata, "hasil": _cari(request.user, kata) if kata else None, "cari": cari},
    )


# --- suggestions for the forms' search boxes (sistemkerja.widgets.Cari, static/js/cari.js) -------------


def _kata_saran(request) -> str | None:
    """The typed `q`, bounded like any free text (at most 100 characters, no control characters);
    None when it is refused (the box then gets a 400 and shows no suggestions)."""
    try:
        return " ".join(periksa_teks(request.GET.get("q", ""), maks=100, baris=False, wajib=False).split())
    except ValidationError:
        return None


def _semua_kata(kata: str, kolom: str = "nama") -> Q:
    """Every typed word (at most five) somewhere in `kolom`: "bidang kesehatan" finds "Bidang Sumber Daya
    Kesehatan"."""
    q = Q()
    for k in kata.split()[:5]:
        q &= Q(**{f"{kolom}__icontains": k})
    return q


def _saran(request, cari) -> HttpResponse:
    kata = _kata_saran(request)
    if kata is None:
        return HttpResponseBadRequest("Kata kunci tidak sah.", content_type="text/plain; charset=utf-8")
    saran = cari(kata) if len(kata) >= 2 else []
    return render(request, "widgets/_saran.html", {"saran": saran})


@require_GET
@login_required
def saran_unit(request):
    """htmx: active units whose name holds every word typed, or whose code holds it, each shown with its
    parent; names that start with the words first. Unit names are not restricted: a request may go to any
    agency's unit (flow C), and the forms resolve any unit by code or name (penugasan.masukan)."""

    def cari(kata):
        unit = (
            Unit.objects.filter(_semua_kata(kata) | Q(kode__icontains=kata), aktif=True)
            .exclude(depth=1)
            .select_related("induk")
            .order_by(Case(When(nama__istartswith=kata, then=Value(0)), default=Value(1)), "nama", "path")
        )
        return [
            {"nilai": f"{u.nama} ({u.kode})", "nama": u.nama, "rinci": f"{u.induk.nama} · {u.kode}"}
            for u in unit[:BATAS_SARAN]
        ]

    return _saran(request, cari)


@require_GET
@login_required
def saran_pegawai(request):
    """htmx: active people the reader may see (`restrict`) whose name holds every word typed or whose NIP
    holds the digits typed (spaces allowed), each shown with their unit."""

    def cari(kata):
        q = _semua_kata(kata)
        if (angka := nip_mod.bersihkan(kata)).isdigit():
            q |= Q(nip__contains=angka)
        pegawai = (
            Pegawai.objects.restrict(request.user).filter(q, aktif=True).select_related("unit").order_by("nama", "nip")
        )
        return [
            {
                "nilai": f"{p.nama} ({nip_mod.tampilkan(p.nip)})",
                "nama": p.nama,
                "rinci": f"{nip_mod.tampilkan(p.nip)} · {p.unit.nama if p.unit else 'tanpa unit'}",
            }
            for p in pegawai[:BATAS_SARAN]
        ]

    return _saran(request, cari)


@require_GET
@login_required
def unit_detail(request, kode):
    unit = get_object_or_404(Unit.objects.restrict(request.user), kode=kode)
    tanggal = selectors.hari_ini()
    leluhur = list(Unit.objects.leluhur_dari(unit, termasuk_diri=False))
    anak = list(Unit.objects.restrict(request.user).filter(induk=unit))
    peta_anak = selectors.PetaPejabat.muat([a.pk for a in anak], tanggal)
    penempatan = list(
        Penempatan.objects.pada(tanggal)
        .filter(unit=unit, pegawai__in=Pegawai.objects.restrict(request.user))
        .select_related("pegawai", "jabatan", "unit")
        .order_by("pegawai__nama")
    )
    kedudukan = selectors.kedudukan_banyak(penempatan, tanggal)
    return render(
        request,
        "organisasi/unit.html",
        {
            "unit": unit,
            "tanggal": tanggal,
            "leluhur": leluhur,
            "unit_organisasi": next((u for u in reversed(leluhur + [unit]) if u.adalah_unit_organisasi), None),
            "pimpinan": selectors.pimpinan_unit_pada(unit, tanggal),
            "sub_unit": [{"unit": a, "pimpinan": peta_anak.pimpinan(a.pk)} for a in anak],
            "staf": [kedudukan[p.pegawai_id] for p in penempatan],
        },
    )


def _riwayat_perubahan(pegawai: Pegawai) -> list[tuple[str, object]]:
    """The person's own history rows, their placements' and their roles', newest first."""
    sumber = (
        ("Data pegawai", pegawai.history.all()),
        ("Penempatan", Penempatan.history.filter(pegawai_id=pegawai.pk)),
        ("Peran pimpinan", PejabatUnit.history.filter(pegawai_id=pegawai.pk)),
    )
    baris = [
        (judul, h)
        for judul, qs in sumber
        for h in qs.select_related("history_user").order_by("-history_date")[:BATAS_RIWAYAT]
    ]
    return sorted(baris, key=lambda b: b[1].history_date, reverse=True)[:BATAS_RIWAYAT]


@require_GET
@login_required
def pegawai_detail(request, nip):
    bersih = bentuk_nip(nip)  # checked for shape before any lookup
    if bersih is None:
        raise Http404("Pegawai tidak ditemukan.")
    if nip != bersih:  # one address per person (a NIP typed with spaces)
        return redirect("pegawai_detail", bersih)
    pegawai = get_object_or_404(Pegawai.objects.restrict(request.user).select_related("unit", "jabatan"), nip=bersih)
    # a person's page shows their personal data: logged as the API's reads are (UU 27/2022)
    catat_akses(request, [pegawai.nip])
    form = TanggalForm(request.GET or None)
    hari_ini = selectors.hari_ini()
    tanggal = form.tanggal_atau(hari_ini)
    return render(
        request,
        "organisasi/pegawai.html",
        {
            "pegawai": pegawai,
            "bagian": registry.render_bagian("pegawai", request, pegawai=pegawai),
            "form": form,
            "tanggal": tanggal,
            "hari_ini": hari_ini,
            "kedudukan": selectors.kedudukan_pada(pegawai, tanggal),
            "penempatan": pegawai.riwayat_penempatan.select_related("unit", "jabatan", "mutasi").order_by("-mulai"),
            "peran": pegawai.peran_pimpinan.select_related("unit").order_by("-mulai"),
            "riwayat": _riwayat_perubahan(pegawai),
        },
    )


@require_GET
@login_required
def audit(request):
    if not dapat_mengaudit(request.user):
        raise PermissionDenied("Audit kelembagaan hanya untuk Admin Organisasi dan admin unit.")
    form = TanggalForm(request.GET or None)
    hasil = audit_kelembagaan(user=request.user, tanggal=form.tanggal_atau(selectors.hari_ini()))
    return render(request, "organisasi/audit.html", {"hasil": hasil, "form": form})
