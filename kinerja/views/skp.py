"""The appraisal's pages for the person and their PPK: my SKPs, drafting and changing an SKP (repeated result
and indikator rows, added on the server), and an SKP's page with its monitoring, evaluations, objections,
follow-up and documents. Thin like kinerja's other pages: the SKP comes through `Skp.objects.restrict`
(the person, the PPK, the atasan PPK, the Bagian Organisasi; anyone else gets 404), every change through
`kinerja.services`, a refusal back as field errors (400) or a message (403/409)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Pegawai
from organisasi.permissions import adalah_admin_organisasi
from organisasi.selectors import kedudukan_pada, penempatan_pada

from .. import penilaian, services
from .. import selectors_skp as sel
from ..choices import (
    Aspek,
    JenisHasilKerja,
    ModelSkp,
    Pendekatan,
    Perspektif,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusKeberatan,
    StatusSkp,
)
from ..forms_skp import (
    CatatanSkpForm,
    KeberatanForm,
    KembalikanSkpForm,
    NilaiForm,
    NilaiPeriodeForm,
    PengembanganForm,
    PutusKeberatanForm,
    SkpBaruForm,
    TetapkanForm,
    TindakLanjutForm,
    UmpanBalikSkpForm,
    hasil_dari_post,
    hasil_dari_skp,
    hasil_tambah,
    ke_layanan,
    lampiran_dari_post,
    lampiran_dari_skp,
    periksa_baris,
    perilaku_dari_post,
    perilaku_dari_skp,
    tempel_galat_skp,
)
from ..models import (
    DokumenKinerja,
    Evaluasi,
    Keberatan,
    PredikatImpor,
    RencanaPengembangan,
    Skp,
    TandaTangan,
    TindakLanjut,
)
from ..services import penilaian as layanan_penilaian
from . import _dasar
from .skp_grafik import distribusi_banyak

BATAS_TARGET = 200
BISA_DIUBAH = (StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN)


def hari_ini() -> dt.date:
    """The services' clock, so a test that moves it (kinerja.services.penilaian.hari_ini) moves the pages too."""
    return layanan_penilaian.hari_ini()


# --- who the reader is for an SKP ---


def skp_terlihat(request, pk) -> Skp:
    """The SKP for whoever may read it (`restrict`), or for a signatory of one of its documents (a PPK who
    rated it before the position changed hands still signs what they decided); 404 for anyone else."""
    qs = Skp.objects.select_related(
        "pegawai", "unit", "unit_organisasi", "jabatan", "ppk", "atasan_ppk", "disetujui_oleh", "pendahulu"
    )
    skp = qs.filter(pk__in=Skp.objects.restrict(request.user).filter(pk=pk).values("pk")).first()
    diri = _dasar.diri(request)
    if skp is None and diri is not None and TandaTangan.objects.filter(dokumen__skp_id=pk, pegawai=diri).exists():
        skp = qs.filter(pk=pk).first()
    if skp is None:
        raise Http404
    return skp


@dataclass(frozen=True)
class Peran:
    diri: Pegawai | None
    pegawai: bool
    ppk: bool
    atasan: bool
    admin: bool
    penilai: sel.Penilai

    @property
    def pengelola(self) -> bool:
        """Sees the unit's distribution and records follow-up: the PPK, the atasan PPK, the Bagian Organisasi."""
        return self.ppk or self.atasan or self.admin


def peran(request, skp: Skp) -> Peran:
    diri = _dasar.diri(request)
    pen = sel.penilai(skp)

    def sama(pj) -> bool:
        return diri is not None and pj is not None and pj.pegawai.pk == diri.pk

    return Peran(
        diri=diri,
        pegawai=diri is not None and skp.pegawai_id == diri.pk,
        ppk=sama(pen.ppk),
        atasan=sama(pen.atasan_ppk),
        admin=adalah_admin_organisasi(request.user),
        penilai=pen,
    )


def periode_skp(skp: Skp, evaluasi=(), jenis: str | None = None) -> list[penilaian.Periode]:
    """The SKP's periods of evaluation (the instansi's choice, then the year) within its span, plus any
    period already evaluated under an earlier choice."""
    jenis = jenis or sel.pengaturan(skp.unit.instansi_id).periode_evaluasi
    daftar = [p for p in penilaian.periode_tahun(skp.tahun, jenis) if p.mulai <= skp.selesai and p.selesai >= skp.mulai]
    ada = {p.kode for p in daftar}
    for e in evaluasi:
        per = penilaian.periode(e.periode)
        if per and per.kode not in ada:
            daftar.append(per)
            ada.add(per.kode)
    return sorted(daftar, key=lambda p: (p.jenis == "tahunan", p.mulai, p.selesai))


def tautan(nama: str, *pilihan_args) -> str:
    """The URL of a page another part may provide (documents' download and verification), or ""."""
    for args in pilihan_args:
        try:
            return reverse(nama, args=args)
        except NoReverseMatch:
            continue
    return ""


def dokumen_skp(skp: Skp, diri) -> list[DokumenKinerja]:
    """The SKP's documents with their signatures, whether the reader may sign, and links to the PDF."""
    daftar = list(
        skp.dokumen.select_related("evaluasi").prefetch_related(
            Prefetch("tanda_tangan", queryset=TandaTangan.objects.select_related("pegawai"))
        )
    )
    for d in daftar:
        d.ttd = list(d.tanda_tangan.all())
        d.lengkap = all(t.waktu for t in d.ttd)
        d.boleh_ttd = diri is not None and d.berlaku and any(t.pegawai_id == diri.pk and t.waktu is None for t in d.ttd)
        d.label_periode = (
            penilaian.periode(d.evaluasi.periode).label if d.evaluasi and penilaian.periode(d.evaluasi.periode) else ""
        )
        d.url_unduh = tautan("kinerja:dokumen_unduh", (d.pk,)) if d.berkas or (d.lengkap and d.berlaku) else ""
        d.url_verifikasi = tautan("kinerja:dokumen_verifikasi", (d.kode_verifikasi,))
    return daftar


def _bukti(jenis: str, x) -> dict:
    if jenis == "progres":
        return {
            "jenis": "Progres kegiatan",
            "tanggal": x.tanggal,
            "uraian": f"{x.uraian} ({x.persen}%)",
            "url": reverse("kinerja:kegiatan_detail", args=[x.kegiatan_id]),
        }
    if jenis == "hasil":
        return {
            "jenis": "Hasil selesai",
            "tanggal": x.selesai,
            "uraian": x.uraian,
            "url": reverse("kinerja:hasil_detail", args=[x.pk]),
        }
    return {
        "jenis": "Laporan",
        "tanggal": x.dibuat,
        "uraian": x.isi,
        "url": reverse("kinerja:target_detail", args=[x.target_id]),
    }


MATRIKS_TAMPIL = [
    {
        "hasil": dict(Rating.choices)[rh],
        "sel": [Predikat(penilaian.MATRIKS[(rh, rp)]).label for rp in Rating.values],
    }
    for rh in reversed(Rating.values)
]


def _batas_keberatan(ev: Evaluasi, hari: int) -> dt.date | None:
    return timezone.localdate(ev.ditetapkan) + dt.timedelta(days=hari) if ev.ditetapkan else None


def konteks_skp(request, skp: Skp, ganti: tuple | None = None) -> dict:
    """Everything the SKP's page shows for this reader. `ganti` = (form name, key, bound form): a form sent
    back with its errors takes the place of the empty one."""

    dipakai = []

    def form(nama: str, kunci, buat):
        if ganti and ganti[0] == nama and ganti[1] == kunci:
            dipakai.append(nama)
            return ganti[2]
        return buat()

    r = peran(request, skp)
    atur = sel.pengaturan(skp.unit.instansi_id)
    hasil = list(skp.hasil_kerja.prefetch_related("indikator").select_related("intervensi_target__unit"))
    catatan = list(skp.catatan.select_related("hasil_kerja"))
    umpan = list(skp.umpan_balik.select_related("dari", "hasil_kerja"))
    bukti = sel.bukti_otomatis(skp)
    for h in hasil:
        h.bukti = [_bukti(j, x) for j, x in bukti["per_hasil_kerja"].get(h.pk, [])]
        h.catatan_pegawai = [c for c in catatan if c.hasil_kerja_id == h.pk]
        h.jumlah_bukti = len(h.bukti) + len(h.catatan_pegawai)
    evaluasi = list(
        skp.evaluasi.select_related("penilai", "ditetapkan_oleh", "unit_organisasi").prefetch_related(
            Prefetch("keberatan", queryset=Keberatan.objects.select_related("pemutus")),
            Prefetch("tindak_lanjut", queryset=TindakLanjut.objects.select_related("dicatat_oleh")),
        )
    )
    periode = periode_skp(skp, evaluasi, atur.periode_evaluasi)
    pilihan_periode = [(p.kode, p.label) for p in periode]
    pilihan_hasil = [(str(h.pk), h.uraian[:90]) for h in hasil]
    sekarang = hari_ini()

    # the distribution of the evaluation area (PPK, atasan PPK, Bagian Organisasi): the period asked for, or
    # the first rated and not yet final, or the latest begun
    evs = {e.periode: e for e in evaluasi}
    kode_aktif = request.GET.get("periode", "")
    if kode_aktif not in evs and kode_aktif not in {p.kode for p in periode}:
        dinilai = [p.kode for p in periode if p.kode in evs and evs[p.kode].status == StatusEvaluasi.DINILAI]
        mulai = [p.kode for p in periode if p.mulai <= sekarang]
        kode_aktif = (dinilai or mulai[-1:] or [p.kode for p in periode][:1] or [""])[0]
    unit_dist = evs[kode_aktif].unit_organisasi if kode_aktif in evs else skp.unit_organisasi
    pasangan = [(e.unit_organisasi, e.periode) for e in evaluasi if e.status == StatusEvaluasi.DINILAI]
    if unit_dist is not None and kode_aktif:
        pasangan.append((unit_dist, kode_aktif))
    peta_dist = {(d["unit_obj"].pk, d["periode"]): d for d in distribusi_banyak(pasangan)} if r.pengelola else {}
    dist_aktif = peta_dist.get((unit_dist.pk, kode_aktif)) if unit_dist is not None else None

    baris = []
    for per in periode:
        e = evs.get(per.kode)
        b = {"per": per, "ev": e, "dimulai": per.mulai <= sekarang, "aktif": per.kode == kode_aktif}
        if e is None:
            if r.ppk and skp.disetujui and b["dimulai"]:
                b["form_nilai"] = form(
                    "nilai",
                    per.kode,
                    lambda per=per: NilaiPeriodeForm(initial={"periode": per.kode}, auto_id=f"id_{per.kode}_%s"),
                )
        else:
            e.label = per.label
            e.keberatan_daftar = list(e.keberatan.all())
            e.tindak_lanjut_daftar = list(e.tindak_lanjut.all())
            e.batas_keberatan = _batas_keberatan(e, atur.keberatan_hari)
            if e.status == StatusEvaluasi.DINILAI:
                b["distribusi"] = peta_dist.get((e.unit_organisasi_id, e.periode))
                if r.ppk:
                    b["form_ulang"] = form(
                        "ulang",
                        e.pk,
                        lambda e=e: NilaiForm(
                            initial={
                                "rating_hasil": e.rating_hasil,
                                "rating_perilaku": e.rating_perilaku,
                                "catatan": e.catatan,
                            },
                            auto_id=f"id_u{e.pk}_%s",
                        ),
                    )
                    b["form_tetapkan"] = form("tetapkan", e.pk, lambda e=e: TetapkanForm(auto_id=f"id_t{e.pk}_%s"))
            else:
                if (
                    r.pegawai
                    and not e.keberatan_daftar
                    and e.batas_keberatan is not None
                    and sekarang <= e.batas_keberatan
                ):
                    b["form_keberatan"] = form("keberatan", e.pk, lambda e=e: KeberatanForm(auto_id=f"id_k{e.pk}_%s"))
                if r.ppk or r.admin:
                    b["form_tindak_lanjut"] = form(
                        "tindak_lanjut", e.pk, lambda e=e: TindakLanjutForm(auto_id=f"id_tl{e.pk}_%s")
                    )
            for k in e.keberatan_daftar:
                if r.atasan and k.status == StatusKeberatan.DIAJUKAN:
                    k.form_putus = form("putus", k.pk, lambda k=k: PutusKeberatanForm(auto_id=f"id_p{k.pk}_%s"))
        baris.append(b)
    for b in baris:
        if b["per"].jenis == "tahunan":
            b["riwayat_periode"] = [x for x in baris if x["per"].jenis != "tahunan"]

    pengembangan = list(skp.pengembangan.select_related("dicatat_oleh"))
    if ganti and not dipakai:  # a form with no place on the page now (a forged or stale POST): its errors on top
        for pesan in ganti[2].errors.values():
            for p in pesan:
                messages.error(request, p)
    konteks = {
        "skp": skp,
        "peran": r,
        "atur": atur,
        "rekonsiliasi": sel.rekonsiliasi(skp),
        "hasil": hasil,
        "perilaku": list(skp.perilaku.all()),
        "lampiran": lampiran_dari_skp(skp),
        "catatan": catatan,
        "umpan_balik": umpan,
        "masukan_ketua": [u for u in umpan if u.sebagai == "ketua"],
        "pengembangan": pengembangan,
        "bukti_lain": [_bukti(j, x) for j, x in bukti["lain"]],
        "baris_evaluasi": baris,
        "ada_tahunan": any(b["per"].jenis == "tahunan" for b in baris),
        "distribusi": dist_aktif,
        "matriks": MATRIKS_TAMPIL,
        "rating": Rating.choices,
        "dokumen": dokumen_skp(skp, r.diri),
        "riwayat": list(skp.riwayat.select_related("oleh").order_by("-waktu", "-id")[:50]),
        "penerus": Skp.objects.restrict(request.user).filter(pendahulu=skp).first(),
        "boleh_ubah": r.pegawai and skp.status in BISA_DIUBAH,
        "form_kembalikan": form("kembalikan", skp.pk, KembalikanSkpForm),
        "form_catatan": form(
            "catatan", skp.pk, lambda: CatatanSkpForm(hasil_kerja=pilihan_hasil, periode=pilihan_periode)
        ),
        "form_umpan_balik": form(
            "umpan_balik", skp.pk, lambda: UmpanBalikSkpForm(hasil_kerja=pilihan_hasil, periode=pilihan_periode)
        ),
        "form_pengembangan": form("pengembangan", skp.pk, PengembanganForm),
    }
    return konteks


def halaman_skp(request, skp: Skp, ganti: tuple | None = None, status: int = 200):
    return render(request, "kinerja/skp/detail.html", konteks_skp(request, skp, ganti), status=status)


# --- my SKPs ---


@require_GET
@login_required
def skp_saya(request):
    diri = _dasar.diri(request)
    konteks: dict = {"diri": diri, "admin": adalah_admin_organisasi(request.user)}
    if diri is not None:
        sekarang = hari_ini()
        tahun = [sekarang.year, sekarang.year - 1]
        milik = list(
            Skp.objects.filter(pegawai=diri, tahun__in=tahun).select_related("unit", "ppk").order_by("-tahun", "-mulai")
        )
        evaluasi = list(
            Evaluasi.objects.filter(skp__pegawai=diri)
            .select_related("skp")
            .order_by("-skp__tahun", "jenis", "-mulai")[:60]
        )
        for e in evaluasi:
            per = penilaian.periode(e.periode)
            e.label = per.label if per else e.periode
        ak = sel.angka_kredit(diri)
        ak["jenjang_label"] = ak["jenjang"].replace("_", " ").title()
        for b in ak["tahun"]:
            b["label_predikat"] = dict(Predikat.choices).get(b["predikat"], b["predikat"])
        konteks.update(
            per_tahun=[
                {
                    "tahun": t,
                    "skp": [s for s in milik if s.tahun == t],
                    "boleh_susun": not any(s.tahun == t and s.status != StatusSkp.DITUTUP for s in milik),
                }
                for t in tahun
            ],
            evaluasi=evaluasi,
            tahunan=[e for e in evaluasi if e.jenis == "tahunan"],
            impor=list(PredikatImpor.objects.filter(pegawai=diri).order_by("-tahun")[:20]),
            angka_kredit=ak if (ak["jenjang"] or ak["tahun"]) else None,
            tanda_tangan=list(
                TandaTangan.objects.filter(pegawai=diri, waktu__isnull=True, dokumen__berlaku=True)
                .select_related("dokumen__skp__pegawai", "dokumen__evaluasi")
                .order_by("dokumen__dibuat")[:50]
            ),
            menilai=Skp.objects.filter(ppk=diri).exists() or Skp.objects.filter(atasan_ppk=diri).exists(),
        )
    return render(request, "kinerja/skp/saya.html", konteks)


# --- drafting and changing an SKP ---


def _skp_sementara(diri: Pegawai, tahun: int) -> Skp | None:
    """An unsaved SKP for the year as the service would draft it (placement, model, PPK), to offer the
    results and targets it may intervene; None without a placement."""
    sekarang = hari_ini()
    tanggal = sekarang if tahun == sekarang.year else dt.date(tahun, 12, 31)
    pen = penempatan_pada(tanggal, pegawai=diri)
    if pen is None:
        return None
    ked = kedudukan_pada(diri, tanggal)
    return Skp(
        pegawai=diri,
        tahun=tahun,
        unit=pen.unit,
        jabatan=pen.jabatan,
        model=sel.model_skp(pen.jabatan),
        ppk=ked.ppk.pegawai if ked.ppk else None,
        unit_organisasi=ked.unit_organisasi,
    )


def pilihan_intervensi(skp: Skp) -> list[tuple[str, list[tuple[str, str]]]]:
    """Groups of (value, label) for the intervention select: the PPK's SKP results (non-JPT), the targets."""
    grup = []
    if skp.model != ModelSkp.JPT:
        hk = sel.hasil_kerja_ppk(skp)
        if hk:
            grup.append(("Hasil kerja dalam SKP PPK", [(f"hasil_kerja:{h.pk}", h.uraian[:120]) for h in hk]))
    target = (sel.target_boleh(skp.unit, skp.pegawai, skp.tahun).select_related("unit").order_by("unit__path", "id"))[
        :BATAS_TARGET
    ]
    if target:
        grup.append(
            ("Target perjanjian kinerja", [(f"target:{t.pk}", f"{t.uraian[:100]} — {t.unit.nama}") for t in target])
        )
    return grup


def _form_skp(request, *, lama: Skp | None = None):
    diri = _dasar.diri(request)
    post = request.method == "POST"
    judul = f"Ubah SKP {lama.tahun}" if lama else "Susun SKP"
    if diri is None:
        messages.error(request, "Akun Anda tidak terhubung dengan data pegawai; SKP disusun oleh pegawai.")
        return render(request, "kinerja/skp/form.html", {"judul": judul, "tidak_bisa": True}, status=403)
    sekarang = hari_ini()
    tahun_boleh = [sekarang.year, sekarang.year - 1]
    if lama is None:
        form = SkpBaruForm(request.POST if post else None, tahun_boleh=tahun_boleh, initial={"tahun": sekarang.year})
        minta = request.POST.get("tahun", "") if post else request.GET.get("tahun", "")
        tahun = int(minta) if minta in {str(t) for t in tahun_boleh} else sekarang.year
        if not post and minta:
            form = SkpBaruForm(tahun_boleh=tahun_boleh, initial={"tahun": tahun})
        skp = _skp_sementara(diri, tahun)
        if skp is None:
            messages.error(request, f"Anda tidak memiliki penempatan pada tahun {tahun}; SKP tidak dapat disusun.")
            return render(request, "kinerja/skp/form.html", {"judul": judul, "tidak_bisa": True}, status=409)
    else:
        form, skp = SkpBaruForm(request.POST if post else None, tahun_boleh=[]), lama
        form.fields.pop("tahun")
    if post:
        hasil, perilaku, lampiran = (
            hasil_dari_post(request.POST),
            perilaku_dari_post(request.POST),
            lampiran_dari_post(request.POST),
        )
    elif lama is not None:
        hasil, perilaku, lampiran = hasil_dari_skp(lama), perilaku_dari_skp(lama), lampiran_dari_skp(lama)
    else:
        hasil, perilaku, lampiran = [], perilaku_dari_post({}), lampiran_dari_post({})
    status, galat_atas = 200, []
    if post and "tambah" not in request.POST:
        status = 400
        rusak = _dasar.baris_rusak(request.POST)
        id_sah = {str(pk) for pk in lama.hasil_kerja.values_list("pk", flat=True)} if lama else set()
        pra = periksa_baris(hasil, id_sah)
        if rusak:
            galat_atas = rusak
        elif pra:
            _dasar.sah(form)
            galat_atas = [p for v in tempel_galat_skp(hasil, perilaku, lampiran, pra).values() for p in v]
        elif _dasar.sah(form):
            isi = {
                "hasil_kerja": ke_layanan(hasil),
                "perilaku": {p["nilai"]: p["ekspektasi"] for p in perilaku},
                "lampiran": {x["kunci"]: x["isi"] for x in lampiran},
            }
            if lama is None:
                aksi = lambda: services.skp_susun(pelaku=request.user, tahun=form.cleaned_data["tahun"], **isi)  # noqa: E731
            else:
                aksi = lambda: services.skp_ubah(pelaku=request.user, skp=lama, **isi)  # noqa: E731
            tersimpan, status, galat = _dasar.jalankan_baris(request, aksi)
            if tersimpan is not None:
                messages.success(request, f"{tersimpan} disimpan sebagai draf; ajukan kepada PPK bila sudah lengkap.")
                return redirect("kinerja:skp_detail", pk=tersimpan.pk)
            sisa = tempel_galat_skp(hasil, perilaku, lampiran, galat)
            for kolom in list(sisa):
                if kolom in form.fields:
                    form.add_error(kolom, sisa.pop(kolom))
            galat_atas = [p for v in sisa.values() for p in v]
    hasil_tambah(hasil, request.POST.get("tambah", "") if post else "")
    return render(
        request,
        "kinerja/skp/form.html",
        {
            "judul": judul,
            "form": form,
            "lama": lama,
            "skp": skp,
            "jpt": skp.model == ModelSkp.JPT,
            "hasil": hasil,
            "perilaku": perilaku,
            "lampiran": lampiran,
            "galat_atas": galat_atas,
            "intervensi": pilihan_intervensi(skp),
            "jenis_hasil": JenisHasilKerja.choices,
            "aspek": Aspek.choices,
            "pendekatan": Pendekatan.choices,
            "perspektif": Perspektif.choices,
            "rekonsiliasi": sel.rekonsiliasi(lama) if lama else [],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def skp_baru(request):
    return _form_skp(request)


@require_http_methods(["GET", "POST"])
@login_required
def skp_ubah(request, pk):
    skp = skp_terlihat(request, pk)
    diri = _dasar.diri(request)
    if diri is None or skp.pegawai_id != diri.pk or skp.status not in BISA_DIUBAH:
        messages.error(request, "SKP ini hanya dapat diubah pemiliknya selama berstatus draf atau dikembalikan.")
        return halaman_skp(request, skp, status=403 if diri is None or skp.pegawai_id != diri.pk else 409)
    return _form_skp(request, lama=skp)


# --- an SKP's page and what is sent from it ---


@require_GET
@login_required
def skp_detail(request, pk):
    return halaman_skp(request, skp_terlihat(request, pk))


def kembali_ke(skp: Skp, jangkar: str, periode: str = "") -> str:
    url = reverse("kinerja:skp_detail", args=[skp.pk])
    return url + (f"?periode={periode}" if periode else "") + (f"#{jangkar}" if jangkar else "")


def aksi_skp(request, skp: Skp, nama: str, kunci, form, aksi, pesan: str, jangkar: str, periode: str = ""):
    """A POST sent from the SKP's page: the form checked, the service decides, the page again on refusal."""
    status = 400
    if form is None or _dasar.sah(form):
        hasil, status = _dasar.jalankan(request, form, aksi)
        if hasil is not None:
            messages.success(request, pesan)
            return redirect(kembali_ke(skp, jangkar, periode))
    ganti = (nama, kunci, form) if form is not None else None
    return halaman_skp(request, skp, ganti, status)


def isian(form, *kolom, kosong=()) -> dict:
    """The form's cleaned `kolom` as the service's arguments; one in `kosong` goes as None when empty (no form,
    no arguments)."""
    d = form.cleaned_data if form is not None else {}
    return {k: (d[k] or None) if k in kosong else d[k] for k in kolom}


def _aksi(request, pk, nama, form_class, layanan, pesan: str, jangkar: str, kolom=(), pilihan=False):
    """A POST on the SKP `pk` the reader may see, through `aksi_skp`: `layanan(pelaku=, skp=)` with the
    form's `kolom` (hasil_kerja None when empty); `pilihan` gives the form the SKP's results and periods."""
    skp = skp_terlihat(request, pk)
    form = None
    if form_class is not None:
        form = form_class(request.POST, **(_pilihan(skp) if pilihan else {}))
    return aksi_skp(
        request,
        skp,
        nama,
        skp.pk,
        form,
        lambda: layanan(pelaku=request.user, skp=skp, **isian(form, *kolom, kosong=("hasil_kerja",))),
        pesan,
        jangkar,
    )


@require_POST
@login_required
def skp_ajukan(request, pk):
    return _aksi(request, pk, "ajukan", None, services.skp_ajukan, "SKP diajukan kepada PPK.", "status")


@require_POST
@login_required
def skp_setujui(request, pk):
    pesan = "SKP disetujui; dokumennya menunggu tanda tangan."
    return _aksi(request, pk, "setujui", None, services.skp_setujui, pesan, "dokumen")


@require_POST
@login_required
def skp_kembalikan(request, pk):
    pesan = "SKP dikembalikan kepada pegawai."
    return _aksi(request, pk, "kembalikan", KembalikanSkpForm, services.skp_kembalikan, pesan, "status", ["catatan"])


def _pilihan(skp: Skp) -> dict:
    hasil = [(str(h.pk), h.uraian[:90]) for h in skp.hasil_kerja.all()]
    periode = [(p.kode, p.label) for p in periode_skp(skp, skp.evaluasi.all())]
    return {"hasil_kerja": hasil, "periode": periode}


@require_POST
@login_required
def skp_catatan(request, pk):
    kolom = ["uraian", "hasil_kerja", "periode", "realisasi", "bukti"]
    layanan = services.catatan_skp_catat
    return _aksi(request, pk, "catatan", CatatanSkpForm, layanan, "Catatan dicatat.", "catatan", kolom, pilihan=True)


@require_POST
@login_required
def skp_umpan_balik(request, pk):
    kolom = ["isi", "hasil_kerja", "periode"]
    layanan = services.umpan_balik_skp_kirim
    pesan = "Umpan balik dikirim."
    return _aksi(request, pk, "umpan_balik", UmpanBalikSkpForm, layanan, pesan, "umpan-balik", kolom, pilihan=True)


@require_POST
@login_required
def skp_pengembangan(request, pk):
    kolom = ["jenis", "uraian", "rencana_selesai"]
    layanan, pesan = services.pengembangan_catat, "Rencana pengembangan dicatat."
    return _aksi(request, pk, "pengembangan", PengembanganForm, layanan, pesan, "pengembangan", kolom)


@require_POST
@login_required
def skp_pengembangan_terlaksana(request, pk):
    rencana = get_object_or_404(RencanaPengembangan.objects.filter(skp__in=Skp.objects.restrict(request.user)), pk=pk)
    skp = skp_terlihat(request, rencana.skp_id)
    return aksi_skp(
        request,
        skp,
        "terlaksana",
        rencana.pk,
        None,
        lambda: services.pengembangan_terlaksana(pelaku=request.user, rencana=rencana),
        "Rencana pengembangan ditandai terlaksana.",
        "pengembangan",
    )


@require_POST
@login_required
def skp_tandatangani(request, pk):
    dokumen = get_object_or_404(DokumenKinerja, pk=pk)
    skp = skp_terlihat(request, dokumen.skp_id)
    return aksi_skp(
        request,
        skp,
        "tandatangani",
        dokumen.pk,
        None,
        lambda: services.dokumen_tandatangani(pelaku=request.user, dokumen=dokumen),
        f"{dokumen.get_jenis_display()} ditandatangani.",
        "dokumen",
    )
