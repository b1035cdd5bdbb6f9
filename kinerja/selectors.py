"""Reads of kinerja: who owns a target and who reviews a result on a day, progress figures, inboxes.

Who acts is always resolved from organisasi's kedudukan on the day (Plt, Plh, delegate, vacancy), with
one query for a unit's ancestors and their role holders (`leluhur_dan_pejabat`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from organisasi.choices import SEBAGAI_ATASAN, JenisPeran
from organisasi.models import Pegawai, Unit
from organisasi.selectors import Pejabat, hari_ini, leluhur_dan_pejabat, susun_kedudukan

from .choices import StatusHasil, StatusRencana
from .models import Hasil, Kegiatan, PengaturanKinerja, PermintaanLaporan, RencanaKegiatan, Target, UmpanBalik

BATAS_TINJAU_BAWAAN = 5


@dataclass(frozen=True)
class Simpul:
    """Who acts for a unit on a day: its head (`pemimpin`: definitive, Plt/Plh or the head above a vacancy)
    and the review chain of a staff member placed in it (SPEC §3: PPK first, Pimpinan last)."""

    unit: Unit
    pemimpin: Pejabat | None
    rantai: tuple[Pejabat, ...]
    pimpinan_unit_organisasi: Pejabat | None


def simpul(unit: Unit, tanggal: dt.date | None = None) -> Simpul:
    tanggal = tanggal or hari_ini()
    leluhur, peta = leluhur_dan_pejabat(unit, tanggal)
    k = susun_kedudukan(pegawai=Pegawai(), unit=unit, jabatan=None, leluhur=leluhur, peta=peta, tanggal=tanggal)
    pemimpin = None
    for u in reversed(leluhur):
        baris = peta.pimpinan(u.pk)
        if baris is not None:
            pemimpin = Pejabat(baris.pegawai, baris.jenis if u.pk == unit.pk else SEBAGAI_ATASAN, u)
            break
    return Simpul(unit, pemimpin, k.rantai, k.pimpinan)


def pemimpin(unit: Unit, tanggal: dt.date | None = None) -> Pejabat | None:
    return simpul(unit, tanggal).pemimpin


# --- the review chain of a result -----------------------------------------------------------------------


def kunci(pj: Pejabat) -> tuple[int, int]:
    """A chain entry's place: deeper units first; within one unit a PPK delegate before the head."""
    return (-pj.unit.depth, 0 if pj.sebagai == JenisPeran.DELEGASI else 1)


def kunci_posisi(kedalaman: int, delegasi: bool) -> tuple[float, int]:
    return (float("-inf"), 0) if kedalaman == 0 else (-kedalaman, 0 if delegasi else 1)


def posisi_awal(rantai: tuple[Pejabat, ...], pengaju_id: int) -> tuple[int, bool]:
    """Where review of a result starts: at the first head, or above the submitter when they are on the chain."""
    sendiri = [pj for pj in rantai if pj.pegawai.pk == pengaju_id]
    if not sendiri:
        return 0, False
    pj = sendiri[-1]
    return pj.unit.depth, pj.sebagai == JenisPeran.DELEGASI


def rantai_sisa(rantai: tuple[Pejabat, ...], kedalaman: int, delegasi: bool, pengaju_id: int) -> list[Pejabat]:
    batas = kunci_posisi(kedalaman, delegasi)
    return [pj for pj in rantai if kunci(pj) > batas and pj.pegawai.pk != pengaju_id]


@dataclass(frozen=True)
class Tinjauan:
    """A result's review as resolved on a day: the reviewers from the start of this round, and who acts now."""

    rantai: list[Pejabat]
    peninjau: Pejabat | None


def tinjauan(hasil: Hasil, tanggal: dt.date | None = None) -> Tinjauan:
    rantai = simpul(hasil.target.unit, tanggal).rantai
    awal = posisi_awal(rantai, hasil.pengaju_id)
    semua = rantai_sisa(rantai, *awal, hasil.pengaju_id)
    if hasil.status != StatusHasil.DITINJAU:
        return Tinjauan(semua, None)
    sisa = rantai_sisa(rantai, hasil.posisi_kedalaman, hasil.posisi_delegasi, hasil.pengaju_id)
    return Tinjauan(semua, sisa[0] if sisa else None)


def batas_tinjau_hari(instansi_id: int) -> int:
    """How many working days a result may wait on one reviewer in this instansi (set by the Bagian Organisasi)."""
    p = PengaturanKinerja.objects.filter(instansi_id=instansi_id).values_list("batas_tinjau_hari", flat=True)
    return next(iter(p), BATAS_TINJAU_BAWAAN)


def awal_tepat_waktu(batas_hari: int, hari: dt.date) -> dt.datetime:
    """The instant before which a result still waiting is late: waiting since a day d is late when more than
    `batas_hari` working days (Monday–Friday) lie in (d, hari] — the rule of `selectors.terlambat`, turned
    into one bound a query can compare with."""
    d, kerja = hari, 0
    while kerja <= batas_hari:
        kerja += d.weekday() < 5
        d -= dt.timedelta(days=1)
    # d is now the latest late day; everything from the start of the next day is on time
    awal = dt.datetime.combine(d + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(awal, timezone.get_current_timezone())


def terlambat(menunggu_sejak, batas_hari: int, sekarang=None) -> bool:
    """Waiting longer than `batas_hari` working days (Monday to Friday)."""
    if menunggu_sejak is None:
        return False
    hari = timezone.localdate(sekarang) if sekarang else timezone.localdate()
    return menunggu_sejak < awal_tepat_waktu(batas_hari, hari)


# --- plans and figures ----------------------------------------------------------------------------------


def rencana_berlaku(target: Target) -> RencanaKegiatan | None:
    return target.rencana.filter(status=StatusRencana.DISETUJUI).first()


def capaian(target_ids) -> dict[int, Decimal]:
    """The achievement of each target: the sum of the finished results filed against it and against the
    parts handed down from it (a part's result achieves its parent too). Two queries for any number."""
    ids = set(target_ids)
    if not ids:
        return {}
    pk = Target.objects.filter(pk__in=ids).values("perjanjian_id")
    induk = dict(Target.objects.filter(perjanjian_id__in=pk).values_list("pk", "induk_id"))
    sendiri = (
        Hasil.objects.filter(target_id__in=list(induk), status=StatusHasil.SELESAI)
        .order_by()
        .values_list("target_id")
        .annotate(n=Sum("capaian"))
    )
    total = gulung(induk, dict(sendiri))
    return {i: total[i] for i in ids if i in total}


def gulung(induk: dict[int, int | None], sendiri: dict[int, Decimal]) -> dict[int, Decimal]:
    """Each target's own figure added to it and to every ancestor present in `induk` (target -> parent)."""
    total: dict[int, Decimal] = {}
    for t, n in sendiri.items():
        simpul, dilalui = t, set()
        while simpul is not None and simpul not in dilalui and (simpul in induk or simpul == t):
            total[simpul] = total.get(simpul, Decimal(0)) + n
            dilalui.add(simpul)
            simpul = induk.get(simpul)
    return total


def pelaksana_target(target: Target) -> set[int]:
    """Who carries the target out: the pelaksana of its approved plan and, for a team, its ketua."""
    ids = set(
        Kegiatan.objects.filter(rencana__target=target, rencana__status=StatusRencana.DISETUJUI).values_list(
            "pelaksana", flat=True
        )
    )
    ids.discard(None)
    if target.tim_id:
        ids.add(target.tim.ketua_id)
    return ids


def anggota_tim(target: Target) -> set[int]:
    if not target.tim_id:
        return set()
    return {target.tim.ketua_id, *target.tim.anggota.filter(selesai__isnull=True).values_list("pegawai_id", flat=True)}


def staf_unit(unit: Unit) -> set[int]:
    """Active staff placed in the unit or below it."""
    return set(Pegawai.objects.filter(aktif=True, unit__path__startswith=unit.path).values_list("pk", flat=True))


# --- inbox ----------------------------------------------------------------------------------------------


def kotak_masuk(diri: Pegawai) -> dict:
    """What waits for a person, as querysets (counted on the home page, listed in the inbox)."""
    from organisasi.models import PejabatUnit

    dipimpin = PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri).values("unit_id")
    tahun = hari_ini().year
    return {
        "hasil": Hasil.objects.filter(status=StatusHasil.DITINJAU, peninjau=diri),
        "rencana": RencanaKegiatan.objects.filter(status=StatusRencana.DIAJUKAN, target__unit__in=dipimpin),
        # targets of units the person heads, not handed down, still without a strategy or a plan
        "target": Target.objects.filter(aktif=True, tahun__gte=tahun, unit__in=dipimpin, turunan__isnull=True)
        .filter(Q(cara="") | Q(rencana__isnull=True))
        .distinct(),
        "permintaan": PermintaanLaporan.objects.filter(kepada=diri, dijawab__isnull=True),
        "umpan_balik": UmpanBalik.objects.filter(kepada=diri, dibaca__isnull=True),
        "dikembalikan": Hasil.objects.filter(status=StatusHasil.DIKEMBALIKAN, pengaju=diri),
    }


def ringkasan_kotak_masuk(diri: Pegawai) -> dict[str, int]:
    """Counts for the home card, one query each."""
    return {k: qs.count() for k, qs in kotak_masuk(diri).items()}


def progres_kegiatan(rencana_ids) -> dict[int, int]:
    """The latest progress per activity (one query)."""
    return dict(Kegiatan.objects.filter(rencana_id__in=rencana_ids).values_list("pk", "persen"))
