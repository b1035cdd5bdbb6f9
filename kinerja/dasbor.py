"""The figures of the kinerja dashboards: a unit's or a Perangkat Daerah's targets, and every agency side by side.

Everything is read over a subtree (`unit__path__startswith`) with a fixed number of aggregate queries, one
per kind of figure (targets, results, budget, spending, team members, the instansi's review limit), so a
dashboard costs the same number of queries for one target or a thousand. Python only joins the rows by
target id and adds them up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from organisasi.models import Instansi, Unit
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH, hari_ini
from penugasan.models import AnggotaTim

from .choices import StatusHasil, StatusRencana
from .models import Anggaran, Hasil, Realisasi, Target
from .selectors import awal_tepat_waktu, batas_tinjau_hari, gulung

SERATUS = Decimal(100)


def bulat(x: Decimal | None) -> Decimal | None:
    """One decimal, halves up (33,35 → 33,4), as people round a percentage by hand."""
    return None if x is None else x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class BarisTarget:
    id: int
    uraian: str
    unit_kode: str
    unit_nama: str
    unit_path: str
    akar: bool  # an indikator of the PK, not a part handed down
    induk_id: int | None
    satuan: str
    target: Decimal
    capaian: Decimal = Decimal(0)
    anggaran: int = 0
    realisasi: int = 0
    menunggu: int = 0
    terlambat: int = 0  # results waiting longer than the instansi's batas_tinjau_hari
    tertua: dt.datetime | None = None  # the oldest waiting result, since
    tim_id: int | None = None
    tim_nama: str = ""
    tim_ketua: str = ""

    @property
    def rasio(self) -> Decimal | None:
        """Achievement in percent, unrounded (None for a target of 0)."""
        return self.capaian * SERATUS / self.target if self.target else None

    @property
    def persen(self) -> Decimal | None:
        return bulat(self.rasio)

    def tertua_hari(self, hari: dt.date) -> int | None:
        return (hari - timezone.localtime(self.tertua).date()).days if self.tertua else None


@dataclass
class BarisTim:
    id: int
    nama: str
    ketua: str
    target: int = 0
    anggota: int = 0


@dataclass
class Ringkasan:
    """Totals of a set of targets (a dashboard, or one agency on the Bagian Organisasi's page)."""

    target: int = 0
    persen_rata: Decimal | None = None  # mean achievement of the targets with a non-zero value
    anggaran: int = 0
    realisasi: int = 0
    menunggu: int = 0
    terlambat: int = 0
    tertua: dt.datetime | None = None

    @classmethod
    def dari(cls, baris: list[BarisTarget]) -> Ringkasan:
        persen = [b.rasio for b in baris if b.rasio is not None]
        tertua = [b.tertua for b in baris if b.tertua]
        return cls(
            target=len(baris),
            persen_rata=bulat(sum(persen) / len(persen)) if persen else None,
            anggaran=sum(b.anggaran for b in baris),
            realisasi=sum(b.realisasi for b in baris),
            menunggu=sum(b.menunggu for b in baris),
            terlambat=sum(b.terlambat for b in baris),
            tertua=min(tertua) if tertua else None,
        )

    @property
    def persen_realisasi(self) -> Decimal | None:
        return bulat(Decimal(self.realisasi) * SERATUS / self.anggaran) if self.anggaran else None


@dataclass
class Dasbor:
    unit: Unit
    tahun: int
    hari: dt.date
    batas_hari: int
    target: list[BarisTarget]
    tim: list[BarisTim]
    ringkasan: Ringkasan = field(init=False)

    def __post_init__(self):
        self.ringkasan = Ringkasan.dari(self.target)

    @property
    def instansi(self) -> Instansi:
        return self.unit.instansi

    def tertua_hari(self) -> int | None:
        t = self.ringkasan.tertua
        return (self.hari - timezone.localtime(t).date()).days if t else None


@dataclass
class BarisPD:
    unit: Unit
    ringkasan: Ringkasan


def baris_target(path: str, tahun: int, batas_hari: int, hari: dt.date) -> list[BarisTarget]:
    """The year's targets in force owned within the subtree of `path`, with their figures (two queries:
    the targets with their budget and spending, the results grouped by target)."""
    saring = _saring_target(path, tahun)
    kolom = ("id", "uraian", "unit__kode", "unit__nama", "unit__path", "induk_id", "satuan", "target")
    per_id: dict[int, BarisTarget] = {}
    for r in (
        Target.objects.filter(**saring)
        .annotate(
            anggaran_=_jumlah_per_target(Anggaran, rencana_disetujui=True), realisasi_=_jumlah_per_target(Realisasi)
        )
        .order_by("unit__path", "id")
        .values(*kolom, "tim_id", "tim__nama", "tim__ketua__nama", "anggaran_", "realisasi_")
    ):
        per_id[r["id"]] = BarisTarget(
            id=r["id"],
            uraian=r["uraian"],
            unit_kode=r["unit__kode"],
            unit_nama=r["unit__nama"],
            unit_path=r["unit__path"],
            akar=r["induk_id"] is None,
            induk_id=r["induk_id"],
            satuan=r["satuan"],
            target=r["target"],
            anggaran=r["anggaran_"] or 0,
            realisasi=r["realisasi_"] or 0,
            tim_id=r["tim_id"],
            tim_nama=r["tim__nama"] or "",
            tim_ketua=r["tim__ketua__nama"] or "",
        )
    _isi_hasil(per_id, saring, awal_tepat_waktu(batas_hari, hari))
    # a part's finished results achieve the target it was handed down from (selectors.capaian)
    induk = {i: b.induk_id for i, b in per_id.items()}
    for i, n in gulung(induk, {i: b.capaian for i, b in per_id.items() if b.capaian}).items():
        per_id[i].capaian = n
    return list(per_id.values())


def _saring_target(path: str, tahun: int) -> dict:
    return {"unit__path__startswith": path, "tahun": tahun, "aktif": True}


def _jumlah_per_target(model, *, rencana_disetujui: bool = False) -> Subquery:
    """The sum of `jumlah` of a target's budget lines (of its approved plan) or spending (under every version
    of the plan: money spent stays spent when the plan changes), as a subquery of the target row."""
    qs = model.objects.filter(kegiatan__rencana__target=OuterRef("pk"))
    if rencana_disetujui:
        qs = qs.filter(kegiatan__rencana__status=StatusRencana.DISETUJUI)
    return Subquery(qs.order_by().values("kegiatan__rencana__target").annotate(n=Sum("jumlah")).values("n")[:1])


def _isi_hasil(per_id: dict[int, BarisTarget], saring: dict, awal: dt.datetime) -> None:
    ditinjau = Q(status=StatusHasil.DITINJAU)
    hasil = (
        Hasil.objects.filter(**{f"target__{k}": v for k, v in saring.items()})
        .order_by()
        .values("target_id")
        .annotate(
            capaian_=Sum("capaian", filter=Q(status=StatusHasil.SELESAI)),
            menunggu_=Count("id", filter=ditinjau),
            terlambat_=Count("id", filter=ditinjau & Q(menunggu_sejak__lt=awal)),
            tertua_=Min("menunggu_sejak", filter=ditinjau),
        )
    )
    for r in hasil:
        if b := per_id.get(r["target_id"]):
            b.capaian = r["capaian_"] or Decimal(0)
            b.menunggu, b.terlambat, b.tertua = r["menunggu_"], r["terlambat_"], r["tertua_"]


def baris_tim(target: list[BarisTarget], path: str, tahun: int, hari: dt.date) -> list[BarisTim]:
    """Each team carrying targets: how many targets, how many members in force today. The members are
    counted over the subtree's teams by subquery, so the query runs (one) whether or not there are teams."""
    per_id: dict[int, BarisTim] = {}
    for b in target:
        if b.tim_id:
            per_id.setdefault(b.tim_id, BarisTim(b.tim_id, b.tim_nama, b.tim_ketua)).target += 1
    tim = Target.objects.filter(**_saring_target(path, tahun), tim__isnull=False).values("tim_id")
    anggota = (
        AnggotaTim.objects.filter(tim_id__in=tim, mulai__lte=hari)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=hari))
        .order_by()
        .values("tim_id")
        .annotate(n=Count("pegawai_id", distinct=True))
    )
    for r in anggota:
        if t := per_id.get(r["tim_id"]):
            t.anggota = r["n"]
    return sorted(per_id.values(), key=lambda t: (-t.target, t.nama))


def dasbor(unit: Unit, tahun: int, hari: dt.date | None = None) -> Dasbor:
    """The dashboard of a unit (a Unit Organisasi, a Perangkat Daerah) and everything below it: four queries."""
    hari = hari or hari_ini()
    batas = batas_tinjau_hari(unit.instansi_id)
    target = baris_target(unit.path, tahun, batas, hari)
    return Dasbor(
        unit=unit,
        tahun=tahun,
        hari=hari,
        batas_hari=batas,
        target=target,
        tim=baris_tim(target, unit.path, tahun, hari),
    )


def perangkat_daerah_semua(instansi: Instansi, tahun: int, hari: dt.date | None = None) -> list[BarisPD]:
    """Every Perangkat Daerah of the instansi with its totals, for the Bagian Organisasi (five queries)."""
    hari = hari or hari_ini()
    akar = Unit.objects.filter(instansi=instansi, depth=1).values_list("path", flat=True).first()
    if akar is None:
        return []
    pd = list(Unit.objects.filter(instansi=instansi, depth=KEDALAMAN_PERANGKAT_DAERAH).order_by("path"))
    per_pd: dict[str, list[BarisTarget]] = defaultdict(list)
    for b in baris_target(akar, tahun, batas_tinjau_hari(instansi.pk), hari):
        per_pd[b.unit_path[: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH]].append(b)
    return [BarisPD(u, Ringkasan.dari(per_pd.get(u.path, []))) for u in pd]
