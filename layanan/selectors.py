"""Who may see and do what in layanan, and the reads: the index per service, unit or agency and period,
its breakdowns by respondent profile, and complaint statistics.

Two circles of staff around a unit's services:
- **penetap** (they register a service and publish its standard): the Bagian Organisasi (global right to
  change units), an admin of the unit (guardian `kelola_unit` on it or above), the head of the unit or of a
  unit above it (definitif, Plt or Plh) on the day;
- **pengelola** (they run the counter: survey codes, paper forms, complaints): the penetap, and every
  active staff member of the Perangkat Daerah the service belongs to.
A published service is public; a draft is seen by its penetap and pengelola only. A complaint is seen by
the Bagian Organisasi and the pengelola of the unit it is assigned to; one not yet assigned, by the Bagian
Organisasi.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict

from django.db.models import Case, CharField, Count, Prefetch, Q, Sum, Value, When
from django.utils import timezone

from organisasi.choices import JenisPeran
from organisasi.models import PejabatUnit, Unit
from organisasi.permissions import cakupan_jalur, pegawai_dari_user

from . import indeks
from .choices import JenisKelamin, Pekerjaan, Pendidikan, StatusPengaduan
from .models import Jawaban, Layanan, Pengaduan, Responden, SkemaSurvei
from .skema_bawaan import SKEMA_BAWAAN

PERAN_PIMPINAN = [JenisPeran.DEFINITIF, JenisPeran.PLT, JenisPeran.PLH]


# --- who ------------------------------------------------------------------------------------------


def jalur_penetap(user) -> list[str] | None:
    """Tree paths under which the user may register and publish standards; None: everywhere."""
    cache = getattr(user, "__dict__", {}).setdefault("_layanan_jalur", {})
    if "penetap" in cache:
        return cache["penetap"]
    jalur = cakupan_jalur(user, "change")
    if jalur is not None:
        diri = pegawai_dari_user(user)
        jalur = set(jalur)
        if diri is not None and diri.aktif:
            jalur.update(
                PejabatUnit.objects.pada(timezone.localdate())
                .filter(pegawai=diri, jenis__in=PERAN_PIMPINAN)
                .values_list("unit__path", flat=True)
            )
        jalur = sorted(jalur)
    cache["penetap"] = jalur
    return jalur


def jalur_pengelola(user) -> list[str] | None:
    """Tree paths under which the user runs services' counters; None: everywhere."""
    cache = getattr(user, "__dict__", {}).setdefault("_layanan_jalur", {})
    if "pengelola" in cache:
        return cache["pengelola"]
    jalur = jalur_penetap(user)
    if jalur is not None:
        jalur = set(jalur)
        diri = pegawai_dari_user(user)
        if diri is not None and diri.aktif and diri.unit_id:
            path = Unit.objects.filter(pk=diri.unit_id).values_list("path", flat=True).first()
            if path:
                jalur.add(path[: Unit.steplen * 2])  # the whole Perangkat Daerah
        jalur = sorted(jalur)
    cache["pengelola"] = jalur
    return jalur


def _di(path: str, jalur: list[str] | None) -> bool:
    return jalur is None or any(path.startswith(j) for j in jalur)


def _q(jalur: list[str] | None, kolom: str) -> Q:
    """Rows whose unit lies under one of the paths (everything for None, nothing for [])."""
    if jalur is None:
        return Q()
    if not jalur:
        return Q(pk__in=[])
    return functools.reduce(operator.or_, (Q(**{f"{kolom}__startswith": j}) for j in jalur))


def adalah_bagian_organisasi(user) -> bool:
    return getattr(user, "is_authenticated", False) and cakupan_jalur(user, "change") is None


def boleh_tetapkan(user, unit: Unit) -> bool:
    return _di(unit.path, jalur_penetap(user))


def boleh_kelola(user, unit: Unit) -> bool:
    return _di(unit.path, jalur_pengelola(user))


def layanan_terlihat(user):
    """Services the user may see in the staff pages and API: every published one, and drafts they run."""
    qs = Layanan.objects.select_related("unit", "versi_berlaku", "skema_survei")
    jalur = jalur_pengelola(user)
    if jalur is None:
        return qs
    return qs.filter(Q(versi_berlaku__isnull=False) | _q(jalur, "unit__path"))


def layanan_dikelola(user):
    """Services whose counter the user runs (survey codes, paper forms, complaints)."""
    return Layanan.objects.select_related("unit", "versi_berlaku", "skema_survei").filter(
        _q(jalur_pengelola(user), "unit__path")
    )


def layanan_publik():
    """The services in force, for the public pages and API."""
    return Layanan.objects.filter(aktif=True, versi_berlaku__isnull=False).select_related(
        "unit", "unit__instansi", "versi_berlaku"
    )


def pengaduan_terlihat(user):
    qs = Pengaduan.objects.select_related("layanan", "unit", "instansi")
    jalur = jalur_pengelola(user)
    if jalur is None:
        return qs
    return qs.filter(unit__isnull=False).filter(_q(jalur, "unit__path"))


# --- the index ------------------------------------------------------------------------------------


def skema(kode: str | None = None) -> SkemaSurvei | None:
    """A scheme with its elements and bands (the shipped default for None)."""
    return SkemaSurvei.objects.prefetch_related("unsur", "mutu").filter(kode=kode or SKEMA_BAWAAN).first()


def skema_tersedia(instansi_id: int | None = None):
    """The schemes one may choose: the shipped ones and the instansi's own."""
    q = Q(instansi__isnull=True) | (Q(instansi_id=instansi_id) if instansi_id else Q(pk__in=[]))
    return SkemaSurvei.objects.filter(q).prefetch_related("unsur", "mutu")


def saring_responden(*, skema: SkemaSurvei, mulai: dt.date, selesai: dt.date, layanan=None, unit=None, awalan=""):
    """The filter of the questionnaires of a scheme in a period, for one service or every service under a
    unit, as keyword arguments (`awalan="responden__"` to filter their answers through the join)."""
    saring = {f"{awalan}skema": skema, f"{awalan}tanggal__gte": mulai, f"{awalan}tanggal__lte": selesai}
    if layanan is not None:
        saring[f"{awalan}layanan"] = layanan
    if unit is not None:
        saring[f"{awalan}layanan__unit__path__startswith"] = unit.path
    return saring


def responden_dari(**kw):
    return Responden.objects.filter(**saring_responden(**kw))


def jawaban_dari(**kw):
    return Jawaban.objects.filter(**saring_responden(**kw, awalan="responden__"))


def agregat(jawaban_qs, skema: SkemaSurvei) -> dict[str, tuple[int, int]]:
    """Per element code: (sum of answers, number of answers), in one grouped query."""
    kode = {u.pk: u.kode for u in skema.unsur.all()}
    baris = jawaban_qs.values("unsur_id").annotate(s=Sum("nilai"), n=Count("id")).order_by()
    return {kode[b["unsur_id"]]: (b["s"], b["n"]) for b in baris if b["unsur_id"] in kode}


def ikm(*, skema: SkemaSurvei, mulai: dt.date, selesai: dt.date, layanan=None, unit=None) -> indeks.Hasil:
    """The index of a service (or of all services under a unit, their answers pooled) for a period: two
    queries (answers grouped by element, questionnaires counted)."""
    kw = dict(skema=skema, mulai=mulai, selesai=selesai, layanan=layanan, unit=unit)
    return indeks.hitung(indeks.skema_dari(skema), agregat(jawaban_dari(**kw), skema), responden_dari(**kw).count())


PROFIL = {
    "jenis_kelamin": ("Jenis kelamin", JenisKelamin.choices),
    "pendidikan": ("Pendidikan", Pendidikan.choices),
    "pekerjaan": ("Pekerjaan", Pekerjaan.choices),
}
KELOMPOK_USIA = [("< 25", 0, 24), ("25–34", 25, 34), ("35–44", 35, 44), ("45–54", 45, 54), ("≥ 55", 55, 200)]
TIDAK_DIISI = "Tidak diisi"


def _kelompok_usia(kolom: str) -> Case:
    return Case(
        *[When(**{f"{kolom}__gte": a, f"{kolom}__lte": b}, then=Value(lbl)) for lbl, a, b in KELOMPOK_USIA],
        default=Value(TIDAK_DIISI),
        output_field=CharField(),
    )


def rincian_profil(*, skema: SkemaSurvei, mulai: dt.date, selesai: dt.date, layanan=None, unit=None) -> list[dict]:
    """The index per value of each profile field and age group ("Tidak diisi" included). Two grouped queries
    whatever the number of responses: the answers grouped by every profile field at once, and the
    questionnaires counted the same way; the fields are rolled up here."""
    kw = dict(skema=skema, mulai=mulai, selesai=selesai, layanan=layanan, unit=unit)
    kode = {u.pk: u.kode for u in skema.unsur.all()}
    bidang = [*PROFIL, "usia"]
    jawaban = (
        jawaban_dari(**kw)
        .annotate(usia_k=_kelompok_usia("responden__usia"))
        .values("responden__jenis_kelamin", "responden__pendidikan", "responden__pekerjaan", "usia_k", "unsur_id")
        .annotate(s=Sum("nilai"), n=Count("id"))
        .order_by()
    )
    per: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for b in jawaban:
        if b["unsur_id"] not in kode:
            continue
        nilai = [b["responden__jenis_kelamin"], b["responden__pendidikan"], b["responden__pekerjaan"], b["usia_k"]]
        for f, v in zip(bidang, nilai, strict=True):
            sel_ = per[(f, v)][kode[b["unsur_id"]]]
            sel_[0] += b["s"]
            sel_[1] += b["n"]
    jumlah: dict[tuple[str, str], int] = defaultdict(int)
    for b in (
        responden_dari(**kw)
        .annotate(usia_k=_kelompok_usia("usia"))
        .values("jenis_kelamin", "pendidikan", "pekerjaan", "usia_k")
        .annotate(c=Count("pk"))
        .order_by()
    ):
        for f, v in zip(bidang, [b["jenis_kelamin"], b["pendidikan"], b["pekerjaan"], b["usia_k"]], strict=True):
            jumlah[(f, v)] += b["c"]
    murni = indeks.skema_dari(skema)

    def baris(f: str, pilihan) -> list[dict]:
        return [
            {
                "nilai": v,
                "label": lbl,
                "hasil": indeks.hitung(murni, {k: tuple(x) for k, x in per[(f, v)].items()}, jumlah[(f, v)]),
            }
            for v, lbl in pilihan
        ]

    hasil = [
        {"bidang": f, "label": label, "baris": baris(f, [*pilihan, ("", TIDAK_DIISI)])}
        for f, (label, pilihan) in PROFIL.items()
    ]
    usia = [(lbl, lbl) for lbl, _, _ in KELOMPOK_USIA] + [(TIDAK_DIISI, TIDAK_DIISI)]
    hasil.append({"bidang": "usia", "label": "Usia", "baris": baris("usia", usia)})
    return hasil


# --- complaints -----------------------------------------------------------------------------------


def statistik_pengaduan(layanan_ids, mulai: dt.date, selesai: dt.date) -> dict[int, dict]:
    """Per service: complaints received in the period, finished, still open, and open past their deadline
    (one grouped query). Feeds the SKM report and the dashboards."""
    hari_ini = timezone.localdate()
    awal = timezone.make_aware(dt.datetime.combine(mulai, dt.time.min))
    akhir = timezone.make_aware(dt.datetime.combine(selesai + dt.timedelta(days=1), dt.time.min))
    baris = (
        Pengaduan.objects.filter(layanan_id__in=list(layanan_ids), diterima__gte=awal, diterima__lt=akhir)
        .values("layanan_id")
        .annotate(
            diterima=Count("pk"),
            selesai=Count("pk", filter=Q(status=StatusPengaduan.SELESAI)),
            terbuka=Count("pk", filter=~Q(status=StatusPengaduan.SELESAI)),
            terlambat=Count("pk", filter=~Q(status=StatusPengaduan.SELESAI) & Q(tenggat__lt=hari_ini)),
        )
        .order_by()
    )
    return {b.pop("layanan_id"): b for b in baris}


def terlambat_q() -> Q:
    """Complaints past their deadline and not closed."""
    return ~Q(status=StatusPengaduan.SELESAI) & Q(tenggat__lt=timezone.localdate())


def versi_publik(layanan: Layanan):
    """The published versions of a service, newest first (drafts never)."""
    return layanan.versi.filter(berlaku_sejak__isnull=False).order_by("-nomor")


def prefetch_tanggapan_terbit():
    from .models import Tanggapan

    return Prefetch(
        "tanggapan", queryset=Tanggapan.objects.filter(diterbitkan__isnull=False), to_attr="tanggapan_terbit"
    )


def pengaduan_lacak(kode: str | None) -> Pengaduan | None:
    """The complaint with this tracking code (as `services.normal_lacak` gives it), its published answers in
    `tanggapan_terbit`; None when there is none or no code."""
    if not kode:
        return None
    return Pengaduan.objects.filter(kode_lacak=kode).prefetch_related(prefetch_tanggapan_terbit()).first()


# --- the Bagian Organisasi of an instansi (API.md: named by the instansi, never by a unit's name) ------------


def kepala_bagian_organisasi(instansi, tanggal: dt.date | None = None):
    """Who disposes consultations on the day: the head of the instansi's Bagian Organisasi as kedudukan
    says (definitif, else Plt/Plh, else the head above); None where the instansi names no Bagian."""
    from organisasi.selectors import pimpinan_unit_pada

    if instansi.bagian_organisasi_id is None:
        return None
    return pimpinan_unit_pada(instansi.bagian_organisasi, tanggal)["memimpin"]


def instansi_bagian_organisasi(user) -> set[int] | None:
    """The instansi whose Bagian Organisasi the user works in: its active staff (the unit and the units
    under it) and whoever heads it on the day; None: every instansi (the global organisation admins)."""
    from organisasi.models import Instansi

    cache = getattr(user, "__dict__", {}).setdefault("_layanan_jalur", {})
    if "bo" in cache:
        return cache["bo"]
    if not getattr(user, "is_authenticated", False):
        hasil: set[int] | None = set()
    elif adalah_bagian_organisasi(user):
        hasil = None
    else:
        hasil = set()
        diri = pegawai_dari_user(user)
        if diri is not None and diri.aktif:
            bagian = list(
                Instansi.objects.filter(bagian_organisasi__isnull=False).values_list("pk", "bagian_organisasi__path")
            )
            if bagian:
                jalur = set(
                    PejabatUnit.objects.pada(timezone.localdate())
                    .filter(pegawai=diri, jenis__in=PERAN_PIMPINAN)
                    .values_list("unit__path", flat=True)
                )
                if diri.unit_id:
                    jalur.update(Unit.objects.filter(pk=diri.unit_id).values_list("path", flat=True))
                hasil = {pk for pk, path in bagian if any(j.startswith(path) for j in jalur)}
    cache["bo"] = hasil
    return hasil


def di_bagian_organisasi(user, instansi_id: int) -> bool:
    bo = instansi_bagian_organisasi(user)
    return bo is None or instansi_id in bo


def penangan_konsultasi(instansi):
    """The staff a consultation may be disposed to: active staff of the Bagian Organisasi and its units."""
    from organisasi.models import Pegawai

    if instansi.bagian_organisasi_id is None:
        return Pegawai.objects.none()
    return (
        Pegawai.objects.filter(aktif=True, unit__path__startswith=instansi.bagian_organisasi.path)
        .select_related("unit", "jabatan")
        .order_by("nama")
    )
