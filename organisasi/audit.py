"""Audit kelembagaan for the Bagian Organisasi (SPEC §3): what in the structure needs attention on a date.

One read, a constant number of queries whatever the size of the tree: the units in
the user's scope (and their ancestors, who may cover a vacancy), every role row that
matters, the heads' placements, and the staff without a unit or in a struktural position
without a level (one query). The rest is Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from sistemkerja.errors import BukanWewenang

from .choices import SEBAGAI_ATASAN, JenisJabatan, JenisPeran, JenisUnit, Tingkat
from .models import Jabatan, Pegawai, PejabatUnit, Penempatan, Unit
from .permissions import cakupan_jalur
from .querysets import berlaku_pada
from .selectors import Pejabat, PetaPejabat

HARI_MENJELANG_BERAKHIR = 30
PERAN_SEMENTARA = (JenisPeran.PLT, JenisPeran.PLH, JenisPeran.DELEGASI)
# Higher number, higher level: a unit is not led at a higher level than the unit above it.
URUTAN_TINGKAT = {Tingkat.FUNGSIONAL: 1, Tingkat.PENGAWAS: 2, Tingkat.ADMINISTRATOR: 3, Tingkat.JPT_PRATAMA: 4}


@dataclass(frozen=True)
class TemuanPola:
    unit: Unit
    alasan: list[str]


@dataclass(frozen=True)
class TemuanTingkat:
    unit: Unit
    induk: Unit


@dataclass(frozen=True)
class TemuanKosong:
    unit: Unit
    dirangkap: Pejabat | None  # the next head up who acts, or nobody


@dataclass(frozen=True)
class TemuanPenempatan:
    pejabat: PejabatUnit
    penempatan: Penempatan | None  # where the head actually sits on the date, if anywhere


@dataclass(frozen=True)
class TemuanJabatan:
    """A struktural position recorded without a level (e.g. imported heading no unit), with who holds it."""

    jabatan: Jabatan
    pemegang: list[Pegawai]


@dataclass(frozen=True)
class HasilAudit:
    tanggal: dt.date
    batas: dt.date
    tanpa_pola: list[TemuanPola] = field(default_factory=list)
    tingkat_janggal: list[TemuanTingkat] = field(default_factory=list)
    kosong: list[TemuanKosong] = field(default_factory=list)
    segera_berakhir: list[PejabatUnit] = field(default_factory=list)
    tanpa_unit: list[Pegawai] = field(default_factory=list)
    tidak_di_unitnya: list[TemuanPenempatan] = field(default_factory=list)
    jabatan_tanpa_tingkat: list[TemuanJabatan] = field(default_factory=list)

    @property
    def jumlah(self) -> dict[str, int]:
        return {
            "tanpa_pola": len(self.tanpa_pola),
            "tingkat_janggal": len(self.tingkat_janggal),
            "kosong": len(self.kosong),
            "segera_berakhir": len(self.segera_berakhir),
            "tanpa_unit": len(self.tanpa_unit),
            "tidak_di_unitnya": len(self.tidak_di_unitnya),
            "jabatan_tanpa_tingkat": len(self.jabatan_tanpa_tingkat),
        }

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())


def dapat_mengaudit(user) -> bool:
    """Admin Organisasi see every instansi; unit admins their subtree; nobody else."""
    return cakupan_jalur(user, "change") != []


def audit_kelembagaan(*, user, tanggal: dt.date) -> HasilAudit:
    if not dapat_mengaudit(user):
        raise BukanWewenang("Audit kelembagaan hanya untuk Admin Organisasi dan admin unit.")
    dalam = list(Unit.objects.restrict(user, "change"))
    jalur_dalam = {u.path for u in dalam}
    jalur_leluhur = {j for u in dalam for j in u.jalur_leluhur()} - jalur_dalam
    leluhur = list(Unit.objects.filter(path__in=jalur_leluhur)) if jalur_leluhur else []
    per_path = {u.path: u for u in dalam + leluhur}
    batas = tanggal + dt.timedelta(days=HARI_MENJELANG_BERAKHIR)

    baris = list(
        PejabatUnit.objects.filter(unit_id__in=[u.pk for u in per_path.values()])
        .filter(berlaku_pada(tanggal) | Q(jenis__in=PERAN_SEMENTARA, selesai__gte=tanggal, selesai__lte=batas))
        .select_related("pegawai", "pegawai__jabatan", "unit")
        .order_by("selesai", "unit__path")
    )
    peta = PetaPejabat(b for b in baris if b.mulai <= tanggal and (b.selesai is None or b.selesai >= tanggal))
    diperiksa = [u for u in dalam if u.aktif and u.jenis != JenisUnit.INSTANSI]
    tanpa_tingkat = Q(jabatan__jenis=JenisJabatan.STRUKTURAL, jabatan__tingkat="")
    pegawai = list(
        Pegawai.objects.restrict(user, "change")
        .filter(aktif=True)
        .filter(Q(unit__isnull=True) | tanpa_tingkat)
        .select_related("jabatan", "unit")
        .order_by("nama", "nip")
    )

    return HasilAudit(
        tanggal=tanggal,
        batas=batas,
        tanpa_pola=[
            TemuanPola(u, u.catatan_pola.splitlines()) for u in diperiksa if u.adalah_unit_organisasi and u.pola is None
        ],
        tingkat_janggal=_tingkat_janggal(diperiksa, per_path),
        kosong=[TemuanKosong(u, _perangkap(u, peta, per_path)) for u in diperiksa if peta.pimpinan(u.pk) is None],
        segera_berakhir=[
            b
            for b in baris
            if b.jenis in PERAN_SEMENTARA and b.unit.path in jalur_dalam and tanggal <= b.selesai <= batas
        ],
        tanpa_unit=[p for p in pegawai if p.unit_id is None],
        tidak_di_unitnya=_kepala_di_luar_unit(diperiksa, peta, tanggal),
        jabatan_tanpa_tingkat=_jabatan_tanpa_tingkat(pegawai),
    )


def _jabatan_tanpa_tingkat(pegawai: list[Pegawai]) -> list[TemuanJabatan]:
    """Struktural positions without a level that active staff in scope hold now, by name."""
    per_jabatan: dict[int, TemuanJabatan] = {}
    for p in pegawai:
        j = p.jabatan
        if j is not None and j.jenis == JenisJabatan.STRUKTURAL and not j.tingkat:
            per_jabatan.setdefault(j.pk, TemuanJabatan(j, [])).pemegang.append(p)
    return sorted(per_jabatan.values(), key=lambda t: (t.jabatan.nama, t.jabatan.pk))


def _tingkat_janggal(units: list[Unit], per_path: dict[str, Unit]) -> list[TemuanTingkat]:
    hasil = []
    for u in units:
        induk = per_path.get(u.path[: -u.steplen])
        if (
            induk is not None
            and induk.tingkat
            and u.tingkat
            and (URUTAN_TINGKAT[u.tingkat] > URUTAN_TINGKAT[induk.tingkat])
        ):
            hasil.append(TemuanTingkat(u, induk))
    return hasil


def _perangkap(unit: Unit, peta: PetaPejabat, per_path: dict[str, Unit]) -> Pejabat | None:
    """Who covers a vacant head: the nearest head up the tree with someone leading it."""
    for jalur in reversed(unit.jalur_leluhur()[:-1]):
        atas = per_path.get(jalur)
        baris = peta.pimpinan(atas.pk) if atas is not None else None
        if baris is not None:
            return Pejabat(baris.pegawai, SEBAGAI_ATASAN, atas)
    return None


def _kepala_di_luar_unit(units: list[Unit], peta: PetaPejabat, tanggal: dt.date) -> list[TemuanPenempatan]:
    definitif = [d for d in (peta.definitif(u.pk) for u in units) if d is not None]
    tempat = {
        p.pegawai_id: p
        for p in Penempatan.objects.pada(tanggal)
        .filter(pegawai_id__in=[d.pegawai_id for d in definitif])
        .select_related("unit", "jabatan")
    }
    return [
        TemuanPenempatan(d, tempat.get(d.pegawai_id))
        for d in definitif
        if d.pegawai_id not in tempat or tempat[d.pegawai_id].unit_id != d.unit_id
    ]
