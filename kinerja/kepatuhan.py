"""Compliance of the appraisal (kepatuhan SKP) per Perangkat Daerah and unit: who has no SKP, whose SKP is
not approved past the deadline, whose periods are not evaluated past theirs.

The rules, for a year and a day (`tanggal`, today by default):

- Staff: the placements in force on the reference day (`tanggal`, or 31 December for a past year) of active
  staff, counted in the unit they are placed in.
- `tanpa_skp`: no SKP of the year that is still open (a closed one belongs to a former placement).
  `belum_disetujui`: an open SKP not approved yet (draft, submitted, returned).
- `skp_lewat_batas` (not compliant): no approved SKP although the deadline has passed: the instansi's
  `batas_skp_hari` after 1 January or after the start of the current placement, whichever is later.
- `evaluasi_lewat_batas` (not compliant): a period of the year (the instansi's `periode_evaluasi`, and the
  year itself) whose deadline (`batas_evaluasi_hari` after its end) has passed, that the person was in the
  instansi for (it ends on or after their first placement in force that year), with no evaluation on any
  of their SKPs of the year. `periode_lewat_batas` counts such (person, period) pairs.
- `tidak_patuh`: staff with either; `patuh` = the others.

Everything comes from one grouped query over the placements, each person's figures as correlated
subqueries (the open SKP's status, their first day in the instansi that year, how many due periods they
have an evaluation for) grouped by unit and by those figures; Python adds the groups up per unit and per
Perangkat Daerah. The number of queries is the same for ten staff or twenty thousand: two for a Perangkat
Daerah's or a unit's table, three for the instansi's (its Perangkat Daerah), three for a list of names (on
PostgreSQL one more before the grouped query: JIT off).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Case, Count, DateField, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from organisasi import nip as nip_mod
from organisasi.choices import JenisPeran
from organisasi.models import PejabatUnit, Penempatan, Unit
from organisasi.permissions import pegawai_dari_user
from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH, hari_ini

from . import penilaian
from .choices import JenisPeriode, StatusSkp
from .models import Evaluasi, Skp
from .selectors_skp import pengaturan


@dataclass
class Angka:
    staf: int = 0
    tanpa_skp: int = 0
    belum_disetujui: int = 0
    skp_lewat_batas: int = 0
    evaluasi_lewat_batas: int = 0
    periode_lewat_batas: int = 0
    tidak_patuh: int = 0

    def tambah(self, lain: Angka) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(lain, f.name))

    @property
    def patuh(self) -> int:
        return self.staf - self.tidak_patuh

    @property
    def persen_patuh(self) -> Decimal | None:
        if not self.staf:
            return None
        return (Decimal(self.patuh) * 100 / self.staf).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def tidak_patuh_evaluasi_saja(self) -> int:
        """Not compliant on evaluations only (the SKP is in order): for the chart's middle segment."""
        return self.tidak_patuh - self.skp_lewat_batas


@dataclass(frozen=True)
class Aturan:
    """The deadlines of a year as they stand on a day."""

    tahun: int
    tanggal: dt.date
    acuan: dt.date  # the day whose placements count
    batas_skp_hari: int
    batas_evaluasi_hari: int
    periode: tuple[penilaian.Periode, ...]  # every period of the year, the year last
    jatuh_tempo: tuple[penilaian.Periode, ...]  # those whose deadline has passed, by end date

    @property
    def skp_sebelum(self) -> dt.date:
        """A placement (or the year) starting before this day is past its SKP deadline."""
        return self.tanggal - dt.timedelta(days=self.batas_skp_hari)

    def batas_skp(self, mulai: dt.date) -> dt.date:
        return max(dt.date(self.tahun, 1, 1), mulai) + dt.timedelta(days=self.batas_skp_hari)

    def batas_evaluasi(self, p: penilaian.Periode) -> dt.date:
        return p.selesai + dt.timedelta(days=self.batas_evaluasi_hari)


def aturan(instansi_id: int, tahun: int, tanggal: dt.date | None = None) -> Aturan:
    """The instansi's deadlines for a year on a day (one query)."""
    tanggal = tanggal or hari_ini()
    atur = pengaturan(instansi_id)
    periode = tuple(penilaian.periode_tahun(tahun, atur.periode_evaluasi))
    batas = dt.timedelta(days=atur.batas_evaluasi_hari)
    tempo = tuple(
        sorted(
            (p for p in periode if p.selesai + batas < tanggal),
            key=lambda p: (p.selesai, p.jenis == JenisPeriode.TAHUNAN),
        )
    )
    return Aturan(
        tahun=tahun,
        tanggal=tanggal,
        acuan=min(tanggal, dt.date(tahun, 12, 31)),
        batas_skp_hari=atur.batas_skp_hari,
        batas_evaluasi_hari=atur.batas_evaluasi_hari,
        periode=periode,
        jatuh_tempo=tempo,
    )


# --- the per-person figures, as SQL expressions over a placement row ---


def penempatan(a: Aturan, path: str, *, subpohon: bool = True) -> QuerySet:
    saring = {"unit__path__startswith": path} if subpohon else {"unit__path": path}
    return Penempatan.objects.pada(a.acuan).filter(pegawai__aktif=True, **saring).order_by()


def status_skp(tahun: int) -> Subquery:
    """The status of the person's open SKP of the year (at most one: `skp_satu_terbuka_per_tahun`), or NULL."""
    return Subquery(
        Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun=tahun)
        .exclude(status=StatusSkp.DITUTUP)
        .order_by()
        .values("status")[:1]
    )


def _awal_tahun(a: Aturan) -> Subquery:
    """The start of the person's first placement in force during the year up to the reference day."""
    return Subquery(
        Penempatan.objects.filter(pegawai_id=OuterRef("pegawai_id"), mulai__lte=a.acuan)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=dt.date(a.tahun, 1, 1)))
        .order_by()
        .values("pegawai_id")
        .annotate(m=Min("mulai"))
        .values("m")
    )


def _dinilai(a: Aturan) -> Coalesce:
    """How many of the due periods have an evaluation on one of the person's SKPs of the year."""
    n = (
        Evaluasi.objects.filter(
            skp__pegawai_id=OuterRef("pegawai_id"), skp__tahun=a.tahun, periode__in=[p.kode for p in a.jatuh_tempo]
        )
        .order_by()
        .values("skp__pegawai_id")
        .annotate(n=Count("periode", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(n, output_field=IntegerField()), 0)


def skp_jatuh_tempo(a: Aturan):
    """True when the placement (or the year) started before the SKP deadline's reach."""
    if dt.date(a.tahun, 1, 1) >= a.skp_sebelum:
        return Value(False)
    return Case(When(mulai__lt=a.skp_sebelum, then=Value(True)), default=Value(False))


def kelompok(a: Aturan, path: str) -> QuerySet:
    """The grouped query: staff (`n`) per unit, open SKP's status, SKP deadline passed or not, first day of
    the year they were there (`awal`, from 1 January) and due periods evaluated (`dinilai`)."""
    qs = penempatan(a, path).annotate(
        status_skp=status_skp(a.tahun),
        tempo_skp=skp_jatuh_tempo(a),
        awal=Greatest(_awal_tahun(a), Value(dt.date(a.tahun, 1, 1)), output_field=DateField()),
        dinilai=_dinilai(a) if a.jatuh_tempo else Value(0, output_field=IntegerField()),
    )
    kolom = ("unit_id", "unit__path", "unit__kode", "unit__nama", "status_skp", "tempo_skp", "awal", "dinilai")
    return qs.values(*kolom).annotate(n=Count("pk")).order_by()


def _tanggal(x) -> dt.date:
    return dt.date.fromisoformat(x[:10]) if isinstance(x, str) else x


def _hitung(angka: Angka, status: str | None, lewat: bool, kurang: int, n: int) -> None:
    angka.staf += n
    angka.tanpa_skp += n if status is None else 0
    angka.belum_disetujui += n if status is not None and status != StatusSkp.DISETUJUI else 0
    angka.skp_lewat_batas += n if lewat else 0
    angka.evaluasi_lewat_batas += n if kurang else 0
    angka.periode_lewat_batas += n * kurang
    angka.tidak_patuh += n if lewat or kurang else 0


def angka_per_unit(a: Aturan, path: str) -> dict[int, Baris]:
    """{unit id: its row} for every unit with staff in the subtree of `path` (one query; on PostgreSQL one
    more, turning JIT off for it)."""
    selesai = [p.selesai for p in a.jatuh_tempo]  # by end date
    per_unit: dict[int, Baris] = {}
    qs = kelompok(a, path).values_list(
        "unit_id", "unit__path", "unit__kode", "unit__nama", "status_skp", "tempo_skp", "awal", "dinilai", "n"
    )
    pg = connection.vendor == "postgresql"
    with transaction.atomic(savepoint=False) if pg else nullcontext():
        if pg:  # its cost estimate sends a 20,000-row read to JIT: half a second compiling what runs in 50 ms
            with connection.cursor() as c:
                c.execute("SET LOCAL jit = off")
        baris = list(qs)
    for uid, jalur, kode, nama, status, tempo, awal, dinilai, n in baris:
        b = per_unit.get(uid)
        if b is None:
            unit = Unit(pk=uid, path=jalur, kode=kode, nama=nama, depth=len(jalur) // Unit.steplen)
            b = per_unit[uid] = Baris(unit, Angka())
        wajib = len(selesai) - bisect_left(selesai, _tanggal(awal)) if selesai else 0
        lewat = bool(tempo) and status != StatusSkp.DISETUJUI
        _hitung(b.angka, status, lewat, max(wajib - (dinilai or 0), 0), n)
    return per_unit


# --- the table: per Perangkat Daerah, or per unit within one ---


@dataclass
class Baris:
    unit: Unit
    angka: Angka


@dataclass
class Kepatuhan:
    unit: Unit  # the instansi's root (rows per Perangkat Daerah) or a unit (rows per unit below it)
    aturan: Aturan
    baris: list[Baris]
    total: Angka = field(default_factory=Angka)

    @property
    def per_perangkat_daerah(self) -> bool:
        return self.unit.depth < KEDALAMAN_PERANGKAT_DAERAH

    @property
    def tahun(self) -> int:
        return self.aturan.tahun


def kepatuhan(unit: Unit, tahun: int, tanggal: dt.date | None = None) -> Kepatuhan:
    """The instansi's root: a row per Perangkat Daerah (three queries); a Perangkat Daerah or a unit: a row
    per unit of its subtree that has staff (two queries)."""
    a = aturan(unit.instansi_id, tahun, tanggal)
    per_unit = angka_per_unit(a, unit.path)
    total = Angka()
    for b in per_unit.values():
        total.tambah(b.angka)
    if unit.depth >= KEDALAMAN_PERANGKAT_DAERAH:
        baris = sorted(per_unit.values(), key=lambda b: b.unit.path)
        return Kepatuhan(unit=unit, aturan=a, baris=baris, total=total)
    pd = Unit.objects.filter(path__startswith=unit.path, depth=KEDALAMAN_PERANGKAT_DAERAH).order_by("path")
    per_pd = {u.path: Baris(u, Angka()) for u in pd}
    panjang = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH
    for b in per_unit.values():
        if (x := per_pd.get(b.unit.path[:panjang])) is not None:
            x.angka.tambah(b.angka)
    return Kepatuhan(unit=unit, aturan=a, baris=list(per_pd.values()), total=total)


# --- who may look ---

PERAN_PIMPINAN = (JenisPeran.DEFINITIF, JenisPeran.PLT, JenisPeran.PLH)


def pd_dipimpin(user) -> list[Unit]:
    """The Perangkat Daerah the user heads today (definitive, Plt, Plh): one query."""
    diri = pegawai_dari_user(user)
    if diri is None:
        return []
    pejabat = PejabatUnit.objects.pada(hari_ini()).filter(pegawai=diri, jenis__in=PERAN_PIMPINAN).values("unit_id")
    return list(Unit.objects.filter(pk__in=pejabat, depth=KEDALAMAN_PERANGKAT_DAERAH).order_by("path"))


def boleh_kepatuhan(user) -> bool:
    """Who sees the compliance page (and its menu entry): the Bagian Organisasi and heads of a Perangkat
    Daerah. Asked on every page for the menu: the Bagian Organisasi is known from the permissions already read
    for the request (Admin Organisasi holds `kinerja.view_evaluasi`), a head by one query."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.has_perm("kinerja.view_evaluasi"):
        return True
    return bool(pd_dipimpin(user))


# --- names: who, for one unit (or a subtree, for reminders) ---


@dataclass
class Orang:
    pegawai_id: int
    nama: str
    nip: str
    email: str
    jabatan: str
    unit_id: int
    unit_nama: str
    mulai: dt.date  # the current placement's start
    status_skp: str | None
    batas_skp: dt.date
    skp_lewat_batas: bool
    periode_kurang: list[penilaian.Periode]
    ppk: str = ""

    @property
    def patuh(self) -> bool:
        return not (self.skp_lewat_batas or self.periode_kurang)

    @property
    def nip_tampil(self) -> str:
        return nip_mod.tampilkan(self.nip)

    @property
    def status_skp_label(self) -> str:
        return StatusSkp(self.status_skp).label if self.status_skp else "Belum ada SKP"


def daftar_orang(unit: Unit, tahun: int, tanggal: dt.date | None = None, *, subpohon: bool = False) -> list[Orang]:
    """The staff placed in `unit` (or its whole subtree) with their figures, the non-compliant first, then by
    name (three queries)."""
    a = aturan(unit.instansi_id, tahun, tanggal)
    return orang_dari(a, penempatan(a, unit.path, subpohon=subpohon))


def orang_dari(a: Aturan, qs: QuerySet) -> list[Orang]:
    ppk = Subquery(
        Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun=a.tahun)
        .exclude(status=StatusSkp.DITUTUP)
        .order_by()
        .values("ppk__nama")[:1]
    )
    baris = list(
        qs.annotate(status_skp=status_skp(a.tahun), awal=_awal_tahun(a), ppk_=ppk)
        .values(
            "pegawai_id",
            "pegawai__nama",
            "pegawai__nip",
            "pegawai__email",
            "jabatan__nama",
            "unit_id",
            "unit__nama",
            "mulai",
            "status_skp",
            "awal",
            "ppk_",
        )
        .order_by("pegawai__nama", "pegawai__nip")
    )
    dinilai = _dinilai_per_orang(a, qs)
    hasil = []
    for r in baris:
        batas = a.batas_skp(r["mulai"])
        sudah = dinilai.get(r["pegawai_id"], set())
        hasil.append(
            Orang(
                pegawai_id=r["pegawai_id"],
                nama=r["pegawai__nama"],
                nip=r["pegawai__nip"],
                email=r["pegawai__email"],
                jabatan=r["jabatan__nama"],
                unit_id=r["unit_id"],
                unit_nama=r["unit__nama"],
                mulai=r["mulai"],
                status_skp=r["status_skp"],
                batas_skp=batas,
                skp_lewat_batas=batas < a.tanggal and r["status_skp"] != StatusSkp.DISETUJUI,
                periode_kurang=[p for p in a.jatuh_tempo if r["awal"] <= p.selesai and p.kode not in sudah],
                ppk=r["ppk_"] or "",
            )
        )
    hasil.sort(key=lambda o: o.patuh)  # stable: by name within each group
    return hasil


def _dinilai_per_orang(a: Aturan, qs: QuerySet) -> dict[int, set[str]]:
    if not a.jatuh_tempo:
        return {}
    per: dict[int, set[str]] = {}
    for pid, kode in (
        Evaluasi.objects.filter(
            skp__tahun=a.tahun,
            periode__in=[p.kode for p in a.jatuh_tempo],
            skp__pegawai_id__in=qs.values("pegawai_id"),
        )
        .order_by()
        .values_list("skp__pegawai_id", "periode")
        .distinct()
    ):
        per.setdefault(pid, set()).add(kode)
    return per


def jumlahkan(orang: Iterable[Orang]) -> Angka:
    """The figures of a list of names, by the same rules as the grouped query (tests compare the two)."""
    angka = Angka()
    for o in orang:
        _hitung(angka, o.status_skp, o.skp_lewat_batas, len(o.periode_kurang), 1)
    return angka
