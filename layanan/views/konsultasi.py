"""Pages of the consultations an agency asks of the Bagian Organisasi (seed 001's service): the list the
reader may see (`konsultasi_baca.konsultasi_terlihat`; filters status, kind, late, agency, my turn), the
form to file one, and a request's page with everything about it, its whole history and the form of the
step that waits for the reader: dispose (head of the Bagian Organisasi), schedule and answer (the handler),
close and rate (the requester). Someone who may not see a request gets 404; the services refuse a step the
reader may not take (403) or that the request's state does not allow (409)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Unit
from organisasi.permissions import pegawai_dari_user
from sistemkerja.berkas import kirim_berkas

from .. import dasbor
from .. import konsultasi_baca as kb
from .. import selectors as sel
from ..choices import StatusKonsultasi, TahapLampiran
from ..forms_konsultasi import (
    LABEL_NILAI,
    AjukanForm,
    DisposisiForm,
    JadwalkanForm,
    JawabForm,
    LampiranForm,
    SaringKonsultasiForm,
    TutupForm,
)
from ..models import Konsultasi
from ..services import konsultasi as layanan_konsultasi
from . import _dasar

S = StatusKonsultasi


def _terlihat(user):
    return kb.konsultasi_terlihat(user).select_related("instansi__bagian_organisasi")


def _pilihan_pd(qs) -> list[tuple[int, str]]:
    """The agencies that filed the requests the reader sees (one query)."""
    return list(
        qs.order_by("perangkat_daerah__path").values_list("perangkat_daerah_id", "perangkat_daerah__nama").distinct()
    )


def _saring(qs, d: dict, user):
    if d["status"] == "terbuka":
        qs = qs.exclude(status=S.SELESAI)
    elif d["status"]:
        qs = qs.filter(status=d["status"])
    if d["jenis"]:
        qs = qs.filter(jenis=d["jenis"])
    if d["perangkat_daerah"]:
        qs = qs.filter(perangkat_daerah_id=d["perangkat_daerah"])
    if d["terlambat"]:
        qs = qs.filter(kb.terlambat_q())
    if d["giliran"]:
        qs = qs.filter(dasbor.giliran_q(user))
    return qs


@login_required
@require_GET
def daftar(request):
    user = request.user
    semua = _terlihat(user)
    form = SaringKonsultasiForm(request.GET or None, pilihan_pd=_pilihan_pd(kb.konsultasi_terlihat(user)))
    qs = semua
    if form.is_bound and form.is_valid():
        qs = _saring(qs, form.cleaned_data, user)
    hal = _dasar.halaman(request, qs.order_by("-diajukan", "-id"))
    hari_ini = timezone.localdate()
    kepala = dasbor.kepala_per_instansi(hal)
    for k in hal:
        k.hari_terlambat = dasbor.hari_terlambat(k, hari_ini)
        k.langkah_tampil = dasbor.keterangan_langkah(k, kepala[k.instansi_id])
    diri = pegawai_dari_user(user)
    return render(
        request,
        "layanan/konsultasi/daftar.html",
        {"form": form, "halaman": hal, "boleh_ajukan": diri is not None and diri.aktif and diri.unit_id},
    )


# --- filing a request ---------------------------------------------------------------------------------


def _konteks_baru(request, form) -> dict:
    diri = pegawai_dari_user(request.user)
    instansi = None
    if diri is not None and diri.unit_id:
        instansi = Unit.objects.select_related("instansi__bagian_organisasi").get(pk=diri.unit_id).instansi
    standar = layanan_konsultasi.layanan_konsultasi(instansi) if instansi else None
    return {"form": form, "instansi": instansi, "standar": standar, "diri": diri}


@login_required
@require_http_methods(["GET", "POST"])
def baru(request):
    if request.method != "POST":
        return render(request, "layanan/konsultasi/baru.html", _konteks_baru(request, AjukanForm()))
    form = AjukanForm(request.POST, request.FILES)

    def ajukan(d):
        return layanan_konsultasi.konsultasi_ajukan(
            pelaku=request.user,
            jenis=d["jenis"],
            uraian=d["uraian"],
            dibutuhkan=d["dibutuhkan"] or None,
            lampiran=d["lampiran"],
        )

    k, status = _dasar.kirim(request, form, ajukan)
    if k is not None:
        messages.success(request, "Permohonan konsultasi terkirim kepada Kepala Bagian Organisasi.")
        return redirect("layanan:konsultasi_detail", pk=k.pk)
    return render(request, "layanan/konsultasi/baru.html", _konteks_baru(request, form), status=status)


# --- a request's page -----------------------------------------------------------------------------------


def _konsultasi(request, pk) -> Konsultasi:
    return get_object_or_404(_terlihat(request.user), pk=pk)


def _pilihan_penangan(k: Konsultasi) -> list[tuple[str, str]]:
    return [
        (p.nip, f"{p.nama} — {p.jabatan.nama if p.jabatan_id else p.unit.nama}")
        for p in sel.penangan_konsultasi(k.instansi)
    ]


def _forms(k: Konsultasi, saya: int | None, kepala) -> dict:
    """The forms of the steps this reader takes now (the services decide again when they are sent): dispose
    (the head of the Bagian, again while not yet scheduled), schedule and answer (the handler), close and
    rate (the requester), add a file (either of them, while open)."""
    forms = {}
    if kepala is not None and kepala.pegawai.pk == saya and k.status in (S.DIAJUKAN, S.DIDISPOSISI):
        awal = {"penangan": k.penangan.nip} if k.penangan_id else None
        forms["disposisi"] = DisposisiForm(initial=awal, pilihan_penangan=_pilihan_penangan(k))
    if k.penangan_id is not None and k.penangan_id == saya and k.status in (S.DIDISPOSISI, S.DIJADWALKAN):
        jadwal = None
        if k.waktu_pertemuan:  # moving the meeting starts from the one set
            jadwal = {"waktu": f"{timezone.localtime(k.waktu_pertemuan):%Y-%m-%dT%H:%M}", "tempat": k.tempat_pertemuan}
        forms["jadwal"] = JadwalkanForm(initial=jadwal)
        forms["jawab"] = JawabForm()
    if k.pemohon_id == saya and k.status == S.DIJAWAB:
        forms["tutup"] = TutupForm()
    if saya is not None and k.status != S.SELESAI and saya in (k.pemohon_id, k.penangan_id):
        forms["lampiran"] = LampiranForm()
    return forms


def _konteks(request, k: Konsultasi, ganti: tuple[str, object] | None = None) -> dict:
    """The request's page for this reader; `ganti` = (form name, bound form) sent back with its errors."""
    diri = pegawai_dari_user(request.user)
    saya = diri.pk if diri is not None else None
    kepala = sel.kepala_bagian_organisasi(k.instansi)
    forms = _forms(k, saya, kepala)
    if ganti:
        forms[ganti[0]] = ganti[1]
    lampiran = list(k.lampiran.select_related("diunggah_oleh"))
    hari_ini = timezone.localdate()
    return {
        "k": k,
        "S": S,
        "saya": saya,
        "kepala": kepala,
        "langkah": dasbor.keterangan_langkah(k, kepala),
        "hari_terlambat": dasbor.hari_terlambat(k, hari_ini),
        "terlambat_sekarang": k.status in dasbor.MENUNGGU_JAWABAN and k.tenggat < hari_ini,
        "lampiran_permohonan": [a for a in lampiran if a.tahap == TahapLampiran.PERMOHONAN],
        "lampiran_hasil": [a for a in lampiran if a.tahap == TahapLampiran.HASIL],
        "label_nilai": LABEL_NILAI.get(k.nilai, ""),
        "riwayat": list(k.riwayat.select_related("oleh", "akun").order_by("waktu", "id")),
        "forms": forms,
        "standar": layanan_konsultasi.layanan_konsultasi(k.instansi),
    }


@login_required
@require_GET
def detail(request, pk):
    k = _konsultasi(request, pk)
    return render(request, "layanan/konsultasi/detail.html", _konteks(request, k))


@login_required
@require_GET
def lampiran(request, pk, lid):
    k = _konsultasi(request, pk)
    a = get_object_or_404(k.lampiran.all(), pk=lid)
    return kirim_berkas(a.berkas, nama_unduh=f"konsultasi-{k.pk}-lampiran-{a.pk}")


def _langkah(request, pk, nama: str, form, aksi, pesan: str):
    """A step on the request: run the service with the form's data; back to the page, or the page again
    with the form's errors (400) or the service's refusal (403, 409) as a message."""
    k = _konsultasi(request, pk)
    _, status = _dasar.kirim(request, form, lambda d: aksi(k, d))
    if status == 200:
        messages.success(request, pesan)
        return redirect("layanan:konsultasi_detail", pk=k.pk)
    k.refresh_from_db()
    ganti = (nama, form) if status == 400 else None  # a refused actor or turn: the message, no form
    return render(request, "layanan/konsultasi/detail.html", _konteks(request, k, ganti=ganti), status=status)


@login_required
@require_POST
def disposisi(request, pk):
    k = _konsultasi(request, pk)
    form = DisposisiForm(request.POST, pilihan_penangan=_pilihan_penangan(k))

    def aksi(k, d):
        return layanan_konsultasi.konsultasi_disposisi(
            pelaku=request.user, konsultasi=k, penangan=d["penangan"], catatan=d["catatan"]
        )

    return _langkah(request, pk, "disposisi", form, aksi, "Konsultasi didisposisikan kepada penangan.")


@login_required
@require_POST
def jadwalkan(request, pk):
    def aksi(k, d):
        return layanan_konsultasi.konsultasi_jadwalkan(
            pelaku=request.user, konsultasi=k, waktu=d["waktu"], tempat=d["tempat"]
        )

    return _langkah(request, pk, "jadwal", JadwalkanForm(request.POST), aksi, "Jadwal pertemuan disimpan.")


@login_required
@require_POST
def jawab(request, pk):
    def aksi(k, d):
        return layanan_konsultasi.konsultasi_jawab(
            pelaku=request.user, konsultasi=k, jawaban=d["jawaban"], lampiran=d["lampiran"]
        )

    form = JawabForm(request.POST, request.FILES)
    return _langkah(request, pk, "jawab", form, aksi, "Jawaban terkirim kepada pemohon.")


@login_required
@require_POST
def tutup(request, pk):
    def aksi(k, d):
        return layanan_konsultasi.konsultasi_tutup(
            pelaku=request.user, konsultasi=k, nilai=d["nilai"] or None, catatan=d["catatan"]
        )

    return _langkah(
        request, pk, "tutup", TutupForm(request.POST), aksi, "Konsultasi ditutup. Terima kasih atas penilaian Anda."
    )


@login_required
@require_POST
def lampiran_tambah(request, pk):
    def aksi(k, d):
        return layanan_konsultasi.konsultasi_lampiran_tambah(pelaku=request.user, konsultasi=k, berkas=d["berkas"])

    form = LampiranForm(request.POST, request.FILES)
    return _langkah(request, pk, "lampiran", form, aksi, "Lampiran ditambahkan.")
