"""Reads of the clusters of agencies (seed 003): who sees which, and a cluster's agencies side by side for a
year, so the cluster's programmes and budgets can be aligned from allocation to spending:

- each agency's PK targets of the year (the indicators of its PKs in force, with the parts handed down
  counted apart), the budget planned against them (budget lines of the approved plans) and spent
  (realisasi, under every version of a plan: money spent stays spent), and the absorption;
- the teams (penugasan's TimKerja) and assignments (Penugasan) of the year that bring together people of
  two or more agencies, at least one of them in the cluster; the agency of a person is that of their
  current unit, a team's owning unit and ketua count as its people, an assignment's requesting and target
  units and the staff assigned as its people;
- the SOPs and services the cluster shares.

Everything in a fixed number of grouped queries whatever the number of agencies, targets or rows: the
members, the targets with their sums, the teams, the teams' members by agency, the assignments, their staff
by agency, the names of the agencies met, the shared SOPs and the shared services.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Substr

from kinerja.choices import StatusPK, StatusRencana
from kinerja.dasbor import SERATUS, bulat
from kinerja.models import Anggaran, Realisasi, Target
from kinerja.selectors import gulung
from organisasi.models import Unit
from penugasan.choices import Status as StatusPenugasan
from penugasan.models import AnggotaTim, PegawaiPenugasan, Penugasan, TimKerja

from .models import Rumpun
from .peta_baca import PANJANG_PD, instansi_terlihat, jalur_pd, q_pd, sop_terlihat_q

STATUS_PENUGASAN = [StatusPenugasan.BERJALAN, StatusPenugasan.SELESAI]


def rumpun_terlihat(user):
    """Clusters the user reads: those of the instansi they work in or whose Bagian Organisasi they are."""
    qs = Rumpun.objects.select_related("instansi")
    inst = instansi_terlihat(user)
    if inst is None:
        return qs
    return qs.filter(instansi__in=sorted(inst)) if inst else qs.none()


def daftar_rumpun(user):
    """The clusters with their member agencies (two queries)."""
    return (
        rumpun_terlihat(user)
        .annotate(jumlah_pd=Count("perangkat_daerah", distinct=True))
        .prefetch_related(Prefetch("perangkat_daerah", queryset=Unit.objects.order_by("path")))
        .order_by("instansi__nama", "-aktif", "nama")
    )


# --- side by side ---------------------------------------------------------------------------------


@dataclass
class BarisTarget:
    id: int
    uraian: str
    unit_nama: str
    satuan: str
    target: Decimal
    anggaran: int = 0  # own and of the parts handed down from it
    realisasi: int = 0

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.anggaran, self.realisasi)


@dataclass
class KolomPD:
    unit: Unit
    target: list[BarisTarget] = field(default_factory=list)  # the PK's indicators
    turunan: int = 0  # parts handed down to units below
    anggaran: int = 0
    realisasi: int = 0
    tim: int = 0
    penugasan: int = 0

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.anggaran, self.realisasi)


@dataclass
class Lintas:
    """A team or an assignment across agencies: the cluster's agencies in it and the others."""

    id: int
    jenis: str  # "tim" or "penugasan"
    judul: str
    keterangan: str
    mulai: dt.date
    selesai: dt.date
    pd_rumpun: list[Unit] = field(default_factory=list)
    pd_lain: list[Unit] = field(default_factory=list)

    @property
    def antar_anggota(self) -> bool:
        """Two or more of the cluster's own agencies (not only one of them with outsiders)."""
        return len(self.pd_rumpun) >= 2


@dataclass
class SisiRumpun:
    rumpun: Rumpun
    tahun: int
    kolom: list[KolomPD]
    tim: list[Lintas]
    penugasan: list[Lintas]
    sop: list
    layanan: list

    @property
    def anggaran(self) -> int:
        return sum(k.anggaran for k in self.kolom)

    @property
    def realisasi(self) -> int:
        return sum(k.realisasi for k in self.kolom)

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.anggaran, self.realisasi)

    @property
    def jumlah_target(self) -> int:
        return sum(len(k.target) for k in self.kolom)


def serapan(anggaran: int, realisasi: int) -> Decimal | None:
    """Spending as a percentage of the budget, one decimal (None without a budget)."""
    return bulat(Decimal(realisasi) * SERATUS / anggaran) if anggaran else None


def _atau(jalur: list[str], kolom: str) -> Q:
    """Rows whose unit belongs to one of the agencies (nothing for none)."""
    if not jalur:
        return Q(pk__in=[])
    return functools.reduce(operator.or_, (q_pd(j, kolom) for j in jalur))


def _jumlah(model, *, disetujui: bool) -> Subquery:
    qs = model.objects.filter(kegiatan__rencana__target=OuterRef("pk"))
    if disetujui:
        qs = qs.filter(kegiatan__rencana__status=StatusRencana.DISETUJUI)
    qs = qs.order_by().values("kegiatan__rencana__target").annotate(n=Sum("jumlah")).values("n")[:1]
    return Subquery(qs, output_field=IntegerField())


def _target(kolom: dict[str, KolomPD], tahun: int) -> None:
    """The targets in force of the year owned in the agencies, with their budget and spending (one query)."""
    baris = list(
        Target.objects.filter(
            _atau(list(kolom), "unit__path"),
            tahun=tahun,
            aktif=True,
            perjanjian__status=StatusPK.DITETAPKAN,
        )
        .annotate(anggaran_=_jumlah(Anggaran, disetujui=True), realisasi_=_jumlah(Realisasi, disetujui=False))
        .order_by("unit__path", "id")
        .values("id", "induk_id", "uraian", "unit__path", "unit__nama", "satuan", "target", "anggaran_", "realisasi_")
    )
    induk = {b["id"]: b["induk_id"] for b in baris}
    anggaran = gulung(induk, {b["id"]: b["anggaran_"] for b in baris if b["anggaran_"]})
    realisasi = gulung(induk, {b["id"]: b["realisasi_"] for b in baris if b["realisasi_"]})
    for b in baris:
        k = kolom.get(jalur_pd(b["unit__path"]))
        if k is None:
            continue
        k.anggaran += b["anggaran_"] or 0
        k.realisasi += b["realisasi_"] or 0
        if b["induk_id"] in induk:
            k.turunan += 1
            continue
        k.target.append(
            BarisTarget(
                id=b["id"],
                uraian=b["uraian"],
                unit_nama=b["unit__nama"],
                satuan=b["satuan"],
                target=b["target"],
                anggaran=int(anggaran.get(b["id"], 0)),
                realisasi=int(realisasi.get(b["id"], 0)),
            )
        )


def _pd(path: str | None) -> str | None:
    return path[:PANJANG_PD] if path else None


def _tim(jalur: list[str], awal: dt.date, akhir: dt.date) -> dict[int, tuple[dict, set[str]]]:
    """Teams of the year touching the agencies: {id: (row, agency paths of its people)} (two queries)."""
    anggota_tahun = Q(mulai__lte=akhir) & (Q(selesai__isnull=True) | Q(selesai__gte=awal))
    anggota_di = AnggotaTim.objects.filter(anggota_tahun, _atau(jalur, "pegawai__unit__path")).values("tim_id")
    qs = TimKerja.objects.filter(mulai__lte=akhir, selesai__gte=awal).filter(
        _atau(jalur, "unit_pemilik__path") | _atau(jalur, "ketua__unit__path") | Q(pk__in=anggota_di)
    )
    tim = {
        t["id"]: (t, {p for p in (_pd(t["unit_pemilik__path"]), _pd(t["ketua__unit__path"])) if p})
        for t in qs.order_by("mulai", "nama", "id").values(
            "id", "nama", "mulai", "selesai", "ketua__nama", "unit_pemilik__path", "ketua__unit__path"
        )
    }
    for b in (  # the same teams by subquery, so this runs (one query) whether or not there are any
        AnggotaTim.objects.filter(anggota_tahun, tim_id__in=qs.values("id"), pegawai__unit__isnull=False)
        .annotate(pd=Substr("pegawai__unit__path", 1, PANJANG_PD))
        .order_by()
        .values("tim_id", "pd")
        .distinct()
    ):
        if b["tim_id"] in tim:
            tim[b["tim_id"]][1].add(b["pd"])
    return tim


def _penugasan(jalur: list[str], awal: dt.date, akhir: dt.date) -> dict[int, tuple[dict, set[str]]]:
    """Assignments of the year touching the agencies, as `_tim` (two queries)."""
    orang_di = PegawaiPenugasan.objects.filter(usulan=False).filter(_atau(jalur, "pegawai__unit__path"))
    qs = Penugasan.objects.filter(mulai__lte=akhir, selesai__gte=awal, status__in=STATUS_PENUGASAN).filter(
        _atau(jalur, "unit_pemohon__path")
        | _atau(jalur, "unit_tujuan__path")
        | Q(pk__in=orang_di.values("penugasan_id"))
    )
    hasil = {
        p["id"]: (p, {x for x in (_pd(p["unit_pemohon__path"]), _pd(p["unit_tujuan__path"])) if x})
        for p in qs.order_by("mulai", "id").values(
            "id", "maksud", "status", "alur", "mulai", "selesai", "unit_pemohon__path", "unit_tujuan__path"
        )
    }
    for b in (
        PegawaiPenugasan.objects.filter(usulan=False, penugasan_id__in=qs.values("id"), pegawai__unit__isnull=False)
        .annotate(pd=Substr("pegawai__unit__path", 1, PANJANG_PD))
        .order_by()
        .values("penugasan_id", "pd")
        .distinct()
    ):
        if b["penugasan_id"] in hasil:
            hasil[b["penugasan_id"]][1].add(b["pd"])
    return hasil


def _lintas(
    jenis: str, baris: dict[int, tuple[dict, set[str]]], kolom: dict[str, KolomPD], unit: dict[str, Unit]
) -> list[Lintas]:
    """Those with people of two or more agencies, one of them at least in the cluster; each member agency's
    count of them raised."""
    hasil = []
    for i, (r, pd) in baris.items():
        di_rumpun = sorted(p for p in pd if p in kolom)
        if not di_rumpun or len(pd) < 2:
            continue
        lain = sorted(p for p in pd if p not in kolom)
        for p in di_rumpun:
            setattr(kolom[p], jenis, getattr(kolom[p], jenis) + 1)
        if jenis == "tim":
            judul, keterangan = r["nama"], f"Ketua: {r['ketua__nama']}"
        else:
            judul = r["maksud"][:200]
            keterangan = f"Alur {r['alur']}, {StatusPenugasan(r['status']).label.lower()}"
        hasil.append(
            Lintas(
                id=i,
                jenis=jenis,
                judul=judul,
                keterangan=keterangan,
                mulai=r["mulai"],
                selesai=r["selesai"],
                pd_rumpun=[kolom[p].unit for p in di_rumpun],
                pd_lain=[unit[p] for p in lain if p in unit],
            )
        )
    return hasil


def sisi_rumpun(user, rumpun: Rumpun, tahun: int) -> SisiRumpun:
    """The cluster's agencies side by side for `tahun` (module docstring): nine queries, whatever the size."""
    anggota = list(rumpun.perangkat_daerah.order_by("path"))
    kolom = {u.path: KolomPD(unit=u) for u in anggota}
    jalur = list(kolom)
    _target(kolom, tahun)
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    tim = _tim(jalur, awal, akhir)
    penugasan = _penugasan(jalur, awal, akhir)
    ditemui = {p for _, pd in (*tim.values(), *penugasan.values()) for p in pd} | set(jalur)
    unit = {u.path: u for u in Unit.objects.filter(path__in=sorted(ditemui))}
    sop = list(
        rumpun.sop.filter(sop_terlihat_q(user)).select_related("unit", "versi_berlaku").order_by("unit__path", "nomor")
    )
    layanan = list(rumpun.layanan.select_related("unit", "versi_berlaku").order_by("unit__path", "nama"))
    return SisiRumpun(
        rumpun=rumpun,
        tahun=tahun,
        kolom=list(kolom.values()),
        tim=_lintas("tim", tim, kolom, unit),
        penugasan=_lintas("penugasan", penugasan, kolom, unit),
        sop=sop,
        layanan=layanan,
    )


def tahun_dari(nilai, bawaan: int) -> int:
    """The year of `?tahun=` (2000–2099), else `bawaan`."""
    if isinstance(nilai, str) and nilai.isascii() and nilai.isdigit() and len(nilai) == 4:
        t = int(nilai)
        if 2000 <= t <= 2099:
            return t
    return bawaan
