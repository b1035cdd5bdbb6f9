"""Browser pages of penugasan: the inbox, a request and its steps, starting a flow, teams, letters.

Thin: objects come through `restrict` (an outsider gets 404), every change through `services`, and a
refused transition comes back as a message (403/409) or as field errors, never as a half-done change.
NIPs typed into a form are looked up only within the caller's reach, or once the caller is known to be
allowed, so a page never tells whether a NIP exists (penugasan.forms).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Pegawai, Unit
from organisasi.permissions import pegawai_dari_user
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import tempel_galat
from sistemkerja.masukan import bentuk_id

from . import selectors, services
from .choices import JenisSurat, StatusBerkas
from .forms import (
    AnggotaForm,
    CabutForm,
    KompetensiForm,
    LanjutForm,
    PenugasanForm,
    PeriodeForm,
    TarikForm,
    TimForm,
    TolakForm,
    awal_periode,
)
from .masukan import unit_dari_teks
from .models import AnggotaTim, Kompetensi, KompetensiPegawai, PenerimaSurat, Penugasan, Surat, Tembusan, TimKerja
from .pdf import respon_pdf
from .services.surat import pemegang_kini
from .verifikasi import rincian_verifikasi

BATAS_KANDIDAT = 50


def _jalankan(request, form, aksi):
    """Run a service; its refusals become form errors or a message with the status they mean."""
    try:
        return aksi(), 200
    except ValidationError as e:
        tempel_galat(form, e)
        return None, 400
    except GalatDomain as e:
        messages.error(request, e.pesan)
        return None, e.status_code


@require_GET
def verifikasi(request, kode):
    """Public: whether a letter with this code was issued (the QR code on every letter points here)."""
    data = rincian_verifikasi(kode)
    return render(request, "penugasan/verifikasi.html", {"kode": kode, "surat": data}, status=200 if data else 404)


@require_GET
@login_required
def kotak_masuk(request):
    diri = pegawai_dari_user(request.user)
    return render(request, "penugasan/kotak_masuk.html", {"diri": diri, **selectors.kotak_masuk(diri, request.user)})


def _penugasan(request, pk) -> Penugasan:
    qs = (
        Penugasan.objects.restrict(request.user)
        .select_related("pemohon__jabatan", "unit_pemohon", "unit_tujuan__instansi", "tim")
        .prefetch_related(
            "orang__pegawai__jabatan",
            "tembusan__pegawai",
            "riwayat__oleh",
            Prefetch("surat", queryset=Surat.objects.order_by("id")),
        )
    )
    return get_object_or_404(qs, pk=pk)


def _konteks_detail(request, p: Penugasan, **lain) -> dict:
    diri = pegawai_dari_user(request.user)
    boleh_bertindak = diri is not None and p.berjalan and diri.nip in p.pelaku_nip
    perlu_pegawai = (p.alur, p.langkah) in selectors.PERLU_PEGAWAI
    konteks = {
        "p": p,
        "diri": diri,
        "boleh_bertindak": boleh_bertindak,
        "perlu_pegawai": perlu_pegawai,
        "boleh_tarik": diri is not None and p.berjalan and p.pemohon_id == diri.pk,
        "ditugaskan": [o.pegawai for o in p.orang.all() if not o.usulan],
        "usulan": [o.pegawai for o in p.orang.all() if o.usulan],
        "pelaku": list(Pegawai.objects.filter(nip__in=p.pelaku_nip).select_related("jabatan")),
        "form_lanjut": LanjutForm(),
        "form_tolak": TolakForm(),
        "form_tarik": TarikForm(),
        "form_cabut": CabutForm(),
        # letters this person may revoke or replace: as today's holder of the signing role (as the service says)
        "surat_saya": {
            s.pk for s in p.surat.all() if diri is not None and any(pj.pegawai.pk == diri.pk for pj in pemegang_kini(s))
        },
    }
    if boleh_bertindak and perlu_pegawai:
        saring = _saring_kompetensi(request, list(p.kompetensi_diperlukan.values_list("pk", flat=True)))
        konteks.update(saring, tautan_saring=f"{request.path}{saring['tautan_saring']}#tindakan")
        konteks["kandidat"] = selectors.kandidat(
            unit=p.unit_tujuan,
            mulai=p.mulai,
            selesai=p.selesai,
            kompetensi=list(saring["id_diminta"]),
            hanya_cocok=saring["hanya_cocok"],
        )[:BATAS_KANDIDAT]
        konteks["terpilih"] = {o.nip for o in konteks["usulan"] + konteks["ditugaskan"]}
    return {**konteks, **lain}


@require_GET
@login_required
def penugasan_detail(request, pk):
    p = _penugasan(request, pk)
    diri = pegawai_dari_user(request.user)
    if diri is not None:  # opening it reads the copies and letters addressed to me
        Tembusan.objects.filter(penugasan=p, pegawai=diri, dibaca__isnull=True).update(dibaca=timezone.now())
        PenerimaSurat.objects.filter(surat__penugasan=p, pegawai=diri, dibaca__isnull=True).update(
            dibaca=timezone.now()
        )
    return render(request, "penugasan/detail.html", _konteks_detail(request, p))


def _langkah(request, pk, Form, nama_form: str, aksi):
    """A step on a visible request: `Form(data)` validated, then the service decides (403, 409, 400)."""
    p = _penugasan(request, pk)
    form = Form(request.POST)
    status = 400
    if form.is_valid():
        hasil, status = _jalankan(request, form, lambda: aksi(p, form.cleaned_data))
        if hasil is not None:
            messages.success(
                request,
                f"Penugasan #{p.pk}: {hasil.get_status_display().lower()}"
                + (f", menunggu {hasil.get_langkah_display().lower()}." if hasil.langkah else "."),
            )
            return redirect("penugasan:detail", pk=p.pk)
    return render(request, "penugasan/detail.html", _konteks_detail(request, p, **{nama_form: form}), status=status)


@require_POST
@login_required
def penugasan_lanjut(request, pk):
    return _langkah(
        request,
        pk,
        lambda data: LanjutForm(data, terjangkau=Pegawai.objects.restrict(request.user)),
        "form_lanjut",
        lambda p, d: services.penugasan_lanjut(
            pelaku=request.user, penugasan=p, catatan=d["catatan"], pegawai=d["pegawai"]
        ),
    )


@require_POST
@login_required
def penugasan_tolak(request, pk):
    return _langkah(
        request,
        pk,
        TolakForm,
        "form_tolak",
        lambda p, d: services.penugasan_tolak(pelaku=request.user, penugasan=p, alasan=d["alasan"]),
    )


@require_POST
@login_required
def penugasan_tarik(request, pk):
    return _langkah(
        request,
        pk,
        TarikForm,
        "form_tarik",
        lambda p, d: services.penugasan_tarik(pelaku=request.user, penugasan=p, alasan=d["alasan"]),
    )


def _pesan_diajukan(p: Penugasan) -> str:
    """What starting a flow did: flow A is decided at once and its letter issued; the others wait at a step."""
    if p.berjalan:
        return f"Penugasan #{p.pk} diajukan; menunggu {p.get_langkah_display().lower()}."
    surat = p.surat.filter(jenis=JenisSurat.PENUGASAN).order_by("-id").first()
    return f"Penugasan #{p.pk} selesai: surat penugasan{f' {surat.nomor}' if surat else ''} sudah terbit."


@require_http_methods(["GET", "POST"])
@login_required
def penugasan_baru(request):
    tim_qs = TimKerja.objects.restrict(request.user).order_by("nama")
    if request.method == "POST":
        form = PenugasanForm(request.POST, tim_qs=tim_qs, terjangkau=Pegawai.objects.restrict(request.user))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            p, status = _jalankan(
                request,
                form,
                lambda: services.penugasan_ajukan(
                    pelaku=request.user,
                    alur=d["alur"],
                    unit_tujuan=d["unit_tujuan"],
                    pegawai=d["pegawai"],
                    tim=d["tim"],
                    maksud=d["maksud"],
                    kompetensi=d["kompetensi"],
                    kompetensi_daftar=d["kompetensi_daftar"],
                    target=d["target"],
                    mulai=d["mulai"],
                    selesai=d["selesai"],
                    batas_keputusan=d["batas_keputusan"],
                    rujukan=d["rujukan"],
                ),
            )
            if p is not None:
                messages.success(request, _pesan_diajukan(p))
                return redirect("penugasan:detail", pk=p.pk)
    else:
        # another page may open the form prefilled (a target's strategy in kinerja: alur, maksud, target, ...)
        isi = {
            k: request.GET[k] for k in ("maksud", "target", "mulai", "selesai", "tim", "rujukan") if k in request.GET
        }
        form = PenugasanForm(initial={"alur": request.GET.get("alur", "A"), **awal_periode(), **isi}, tim_qs=tim_qs)
        status = 200
    return render(request, "penugasan/form.html", {"form": form}, status=status)


def _saring_kompetensi(request, kompetensi: list[int]) -> dict:
    """The candidate list's competency filter, stated and removable: those holding the competencies asked
    for come first and are marked; `?hanya_cocok=1` shows only them. `tautan_saring` is the query string
    that flips it (the page's own address goes in front)."""
    hanya = request.GET.get("hanya_cocok") == "1" and bool(kompetensi)
    q = request.GET.copy()
    q.pop("hanya_cocok", None)
    if not hanya:
        q["hanya_cocok"] = "1"
    return {
        "hanya_cocok": hanya,
        "id_diminta": set(kompetensi),
        "kompetensi_diminta": list(Kompetensi.objects.filter(pk__in=kompetensi).order_by("nama")) if kompetensi else [],
        "tautan_saring": f"?{q.urlencode()}",
    }


def _unit_terjangkau(user, teks: str) -> Unit | None:
    """The unit typed or picked in a form's unit box, when it is within the user's scope."""
    try:
        # among the units in scope: a name another agency's unit shares is no reason to ask which
        return unit_dari_teks(teks, dalam=Unit.objects.restrict(user)) if teks else None
    except ValidationError:
        return None


@require_GET
@login_required
def kandidat(request):
    """htmx: candidates in a unit for a period, those with the competencies asked for first and marked
    (only them with `hanya_cocok=1`), then the lightest load."""
    if not selectors.boleh_memilih_pegawai(request.user):
        return render(request, "penugasan/_kandidat.html", {"unit": None, "bukan_pimpinan": True}, status=403)
    # a request's unit or a team's
    unit = _unit_terjangkau(request.user, request.GET.get("unit_tujuan") or request.GET.get("unit_pemilik", ""))
    periode = PeriodeForm(request.GET)
    mulai, selesai = (
        (periode.cleaned_data["mulai"], periode.cleaned_data["selesai"]) if periode.is_valid() else (None, None)
    )
    kompetensi = [k for k in map(bentuk_id, request.GET.getlist("kompetensi_daftar")[:50]) if k is not None]
    saring = _saring_kompetensi(request, kompetensi)
    daftar = []
    if unit is not None and mulai and selesai:
        terlihat = Pegawai.objects.restrict(request.user).values("pk")
        daftar = selectors.kandidat(
            unit=unit, mulai=mulai, selesai=selesai, kompetensi=kompetensi, hanya_cocok=saring["hanya_cocok"]
        ).filter(pk__in=terlihat)[:BATAS_KANDIDAT]
    return render(
        request,
        "penugasan/_kandidat.html",
        {
            **saring,
            "unit": unit,
            "kandidat": daftar,
            "terpilih": set(request.GET.getlist("pegawai")),
            "tautan_saring": reverse("penugasan:kandidat") + saring["tautan_saring"],
            "saring_htmx": True,
        },
    )


# --- letters -----------------------------------------------------------------------------------------


def _surat(request, pk) -> Surat:
    return get_object_or_404(Surat.objects.restrict(request.user), pk=pk)


@require_GET
@login_required
def surat_status(request, pk):
    """htmx: a letter's row, polled while its PDF is being rendered."""
    return render(request, "penugasan/_surat.html", {"s": _surat(request, pk)})


@require_GET
@login_required
def surat_pdf(request, pk):
    surat = _surat(request, pk)
    if surat.status_berkas != StatusBerkas.SELESAI or not surat.berkas:
        raise Http404("PDF surat belum selesai dibuat.")
    return respon_pdf(surat)


@require_POST
@login_required
def surat_cabut(request, pk):
    surat = _surat(request, pk)
    form = CabutForm(request.POST)
    if form.is_valid():
        hasil, status = _jalankan(
            request,
            form,
            lambda: services.surat_cabut(pelaku=request.user, surat=surat, alasan=form.cleaned_data["alasan"]),
        )
        if hasil is not None:
            messages.success(request, f"Surat {surat.nomor} dicabut. Terbitkan penggantinya bila perlu.")
            return redirect("penugasan:detail", pk=surat.penugasan_id)
    else:
        status = 400
    p = _penugasan(request, surat.penugasan_id)
    return render(
        request, "penugasan/detail.html", _konteks_detail(request, p, form_cabut=form, cabut_id=surat.pk), status=status
    )


@require_POST
@login_required
def surat_terbitkan_ulang(request, pk):
    surat = _surat(request, pk)
    try:
        baru = services.surat_terbitkan_ulang(pelaku=request.user, surat=surat)
        messages.success(request, f"Surat {baru.nomor} diterbitkan menggantikan {surat.nomor}.")
    except GalatDomain as e:
        messages.error(request, e.pesan)
    return redirect("penugasan:detail", pk=surat.penugasan_id)


# --- competencies ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def kompetensi_saya(request):
    diri = pegawai_dari_user(request.user)
    if diri is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    form, status = KompetensiForm(request.POST or None), 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            hasil, status = _jalankan(
                request,
                form,
                lambda: services.kompetensi_catat(
                    pelaku=request.user,
                    pegawai=diri,
                    kompetensi=form.cleaned_data["kompetensi"],
                    bukti=form.cleaned_data["bukti"],
                ),
            )
            if hasil is not None:
                messages.success(request, f"{hasil.kompetensi.nama} tercatat pada profil Anda.")
                return redirect("penugasan:kompetensi")
    daftar = KompetensiPegawai.objects.filter(pegawai=diri).select_related("kompetensi")
    return render(request, "penugasan/kompetensi.html", {"form": form, "daftar": daftar}, status=status)


@require_POST
@login_required
def kompetensi_hapus(request, pk):
    k = get_object_or_404(KompetensiPegawai.objects.filter(pegawai=pegawai_dari_user(request.user)), pk=pk)
    services.kompetensi_hapus(pelaku=request.user, kompetensi_pegawai=k)
    messages.success(request, f"{k.kompetensi.nama} dihapus dari profil Anda.")
    return redirect("penugasan:kompetensi")


# --- teams -------------------------------------------------------------------------------------------


@require_GET
@login_required
def tim_daftar(request):
    tim = (
        TimKerja.objects.restrict(request.user)
        .select_related("unit_pemilik", "ketua")
        .prefetch_related("anggota")
        .order_by("-mulai", "nama")
    )
    return render(request, "penugasan/tim_daftar.html", {"daftar_tim": tim})


@require_GET
@login_required
def tim_detail(request, pk):
    return render(request, "penugasan/tim_detail.html", _konteks_tim(request, _tim(request, pk)))


def _konteks_tim(request, tim, **lain) -> dict:
    anggota = [a for a in tim.anggota.all() if a.selesai is None]
    return {
        "tim": tim,
        "anggota": anggota,
        "peringatan": selectors.peringatan_tim(tim),
        "boleh_kelola": services.boleh_kelola_tim(request.user, tim),
        "form_anggota": AnggotaForm(),
        "penugasan": Penugasan.objects.restrict(request.user).filter(tim=tim).select_related("unit_tujuan"),
        **lain,
    }


def _tim(request, pk) -> TimKerja:
    return get_object_or_404(
        TimKerja.objects.restrict(request.user)
        .select_related("unit_pemilik", "ketua__unit")
        .prefetch_related("anggota__pegawai__unit"),
        pk=pk,
    )


@require_POST
@login_required
def tim_anggota_tambah(request, pk):
    tim = _tim(request, pk)
    if not services.boleh_kelola_tim(request.user, tim):  # before any NIP is looked up
        messages.error(request, "Anggota tim diatur oleh ketua tim atau pimpinan unit pemilik kinerja.")
        return render(request, "penugasan/tim_detail.html", _konteks_tim(request, tim), status=403)
    form = AnggotaForm(request.POST, terjangkau=Pegawai.objects.all())  # a team may take anyone (Lampiran B.3)
    status = 400
    if form.is_valid():
        hasil, status = _jalankan(
            request,
            form,
            lambda: services.tim_anggota_tambah(
                pelaku=request.user, tim=tim, pegawai=form.cleaned_data["nip"], peran=form.cleaned_data["peran"]
            ),
        )
        if hasil is not None:
            messages.success(request, f"{hasil.pegawai.nama} masuk {tim.nama}.")
            return redirect("penugasan:tim_detail", pk=tim.pk)
    return render(request, "penugasan/tim_detail.html", _konteks_tim(request, tim, form_anggota=form), status=status)


@require_POST
@login_required
def tim_anggota_akhiri(request, pk, anggota_pk):
    tim = _tim(request, pk)
    anggota = get_object_or_404(AnggotaTim, tim=tim, pk=anggota_pk)
    form = AnggotaForm()
    hasil, status = _jalankan(request, form, lambda: services.tim_anggota_akhiri(pelaku=request.user, anggota=anggota))
    if hasil is None:
        return render(
            request, "penugasan/tim_detail.html", _konteks_tim(request, tim, form_anggota=form), status=status
        )
    messages.success(request, f"Keanggotaan {anggota.pegawai.nama} diakhiri.")
    return redirect("penugasan:tim_detail", pk=tim.pk)


@require_http_methods(["GET", "POST"])
@login_required
def tim_baru(request):
    if request.method == "POST":
        form = TimForm(request.POST, pelaku=request.user)
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            tim, status = _jalankan(
                request,
                form,
                lambda: services.tim_bentuk(
                    pelaku=request.user,
                    nama=d["nama"],
                    tujuan=d["tujuan"],
                    unit_pemilik=d["unit_pemilik"],
                    sifat=d["sifat"],
                    mulai=d["mulai"],
                    selesai=d["selesai"],
                    ketua=d["ketua"],
                    anggota=d["anggota"],
                ),
            )
            if tim is not None:
                for w in selectors.peringatan_tim(tim):
                    messages.warning(request, w)
                messages.success(request, f"Tim {tim.nama} dibentuk.")
                return redirect("penugasan:tim_detail", pk=tim.pk)
        elif form.bukan_wewenang:
            status = 403
    else:
        form, status = TimForm(initial=awal_periode()), 200
    return render(request, "penugasan/tim_form.html", {"form": form}, status=status)
