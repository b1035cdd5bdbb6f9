"""Kedudukan (SPEC §3): a staff member's PPK, evaluation chain, Pimpinan Unit Organisasi and pattern.

One code path driven by the tree: a staff member's PPK is the head of the node they sit in; the
evaluation chain is the heads from that node up to the nearest Unit Organisasi mandiri, whose head is
the Pimpinan Unit Organisasi. Roles honour delegation > Plt/Plh > definitive; a vacant head with
nobody acting is covered by the next head up (`atasan`). The six patterns are a lookup of the chain's
levels (choices.POLA_MENURUT_RANTAI), not six branches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..choices import SEBAGAI_ATASAN, JenisPeran
from ..models import Pegawai, PejabatUnit, Penempatan, Unit
from .dasar import Kedudukan, Pejabat, PetaPejabat, hari_ini, penempatan_pada, pola_rantai
from .sql import leluhur_dan_pejabat


def susun_kedudukan(
    *, pegawai: Pegawai, unit: Unit | None, jabatan, leluhur: list[Unit], peta: PetaPejabat, tanggal: dt.date
) -> Kedudukan:
    """Pure: resolve PPK, chain, Pimpinan and pattern from the node's ancestors (root first)."""
    kosong = Kedudukan(pegawai, tanggal, unit, jabatan, None, None, None, (), None)
    if unit is None:
        return kosong
    simpul = list(reversed(leluhur))  # the person's node first, the instansi root last
    definitif = peta.definitif(simpul[0].pk)
    # A head is assessed from the node above the one they lead.
    mulai = 1 if definitif is not None and definitif.pegawai_id == pegawai.pk else 0
    akhir = next((i for i in range(mulai, len(simpul)) if simpul[i].adalah_unit_organisasi), None)
    if akhir is None:
        return kosong

    def pemegang(i: int, peran: str) -> Pejabat | None:
        baris = peta.ppk(simpul[i].pk) if peran == "ppk" else peta.pimpinan(simpul[i].pk)
        if baris is not None and baris.pegawai_id != pegawai.pk:
            return Pejabat(baris.pegawai, baris.jenis, simpul[i])
        for atas in simpul[i + 1 :]:  # vacant: the next head up acts
            baris = peta.pimpinan(atas.pk)
            if baris is not None and baris.pegawai_id != pegawai.pk:
                return Pejabat(baris.pegawai, SEBAGAI_ATASAN, atas)
        return None

    rantai: list[Pejabat] = []

    def tambah(p: Pejabat | None) -> None:
        if p is not None and (not rantai or rantai[-1].pegawai.pk != p.pegawai.pk):
            rantai.append(p)

    ppk = pemegang(mulai, "ppk")
    tambah(ppk)
    if ppk is not None and ppk.sebagai == JenisPeran.DELEGASI:
        tambah(pemegang(mulai, "pimpinan"))  # the head who delegated still reviews
    for i in range(mulai + 1, akhir + 1):
        tambah(pemegang(i, "pimpinan"))
    pimpinan = pemegang(akhir, "pimpinan")
    if mulai == 0:
        pola = pola_rantai(s.tingkat for s in simpul[mulai : akhir + 1])
    else:  # a head works within the mechanism of the Unit Organisasi they belong to
        milik = next((s for s in simpul if s.adalah_unit_organisasi), None)
        pola = milik.pola if milik else None
    return Kedudukan(pegawai, tanggal, unit, jabatan, simpul[akhir], ppk, pimpinan, tuple(rantai), pola)


def kedudukan_dari_penempatan(pegawai: Pegawai, penempatan: Penempatan | None, tanggal: dt.date) -> Kedudukan:
    if penempatan is None:
        return susun_kedudukan(
            pegawai=pegawai, unit=None, jabatan=None, leluhur=[], peta=PetaPejabat([]), tanggal=tanggal
        )
    leluhur, peta = leluhur_dan_pejabat(penempatan.unit, tanggal)
    return susun_kedudukan(
        pegawai=pegawai, unit=penempatan.unit, jabatan=penempatan.jabatan, leluhur=leluhur, peta=peta, tanggal=tanggal
    )


def kedudukan_pada(pegawai: Pegawai, tanggal: dt.date | None = None) -> Kedudukan:
    """A person's kedudukan on a date: two queries whatever the depth of the tree."""
    tanggal = tanggal or hari_ini()
    return kedudukan_dari_penempatan(pegawai, penempatan_pada(tanggal, pegawai=pegawai), tanggal)


def kedudukan_banyak(penempatan: Iterable[Penempatan], tanggal: dt.date) -> dict[int, Kedudukan]:
    """Kedudukan of many people at once (unit pages, reports): two queries for any number."""
    penempatan = list(penempatan)
    jalur = {j for p in penempatan for j in p.unit.jalur_leluhur()}
    unit_per_jalur = {u.path: u for u in Unit.objects.filter(path__in=jalur)}
    peta = PetaPejabat.muat([u.pk for u in unit_per_jalur.values()], tanggal)
    return {
        p.pegawai_id: susun_kedudukan(
            pegawai=p.pegawai,
            unit=p.unit,
            jabatan=p.jabatan,
            leluhur=[unit_per_jalur[j] for j in p.unit.jalur_leluhur() if j in unit_per_jalur],
            peta=peta,
            tanggal=tanggal,
        )
        for p in penempatan
    }


def pimpinan_unit_pada(unit: Unit, tanggal: dt.date | None = None) -> dict[str, Pejabat | None]:
    """Who heads a unit and who acts now: the definitive head, the acting head, the PPK authority."""
    tanggal = tanggal or hari_ini()
    leluhur = list(Unit.objects.leluhur_dari(unit))
    peta = PetaPejabat.muat([u.pk for u in leluhur], tanggal)
    simpul = list(reversed(leluhur))

    def dari(baris):
        return Pejabat(baris.pegawai, baris.jenis, unit) if baris else None

    memimpin = dari(peta.pimpinan(unit.pk))
    if memimpin is None:
        for atas in simpul[1:]:
            baris = peta.pimpinan(atas.pk)
            if baris is not None:
                memimpin = Pejabat(baris.pegawai, SEBAGAI_ATASAN, atas)
                break
    return {"definitif": dari(peta.definitif(unit.pk)), "memimpin": memimpin, "ppk": dari(peta.ppk(unit.pk))}


def peran_unit_hari_ini(pegawai) -> tuple[list[dict], list[dict]]:
    """The units a person leads today and those whose PPK authority they hold (one query).

    A definitive head replaced today by a Plh, or whose PPK authority is delegated,
    does not hold that role today: the precedence is `PetaPejabat`'s.
    """
    if pegawai is None:
        return [], []
    tanggal = hari_ini()
    milik = PejabatUnit.objects.pada(tanggal).filter(pegawai=pegawai).values("unit_id")
    baris = list(PejabatUnit.objects.pada(tanggal).filter(unit_id__in=milik).select_related("unit"))
    peta = PetaPejabat(baris)
    memimpin, ppk = [], []
    for unit in sorted({b.unit for b in baris}, key=lambda u: u.path):
        for daftar, pemegang in ((memimpin, peta.pimpinan(unit.pk)), (ppk, peta.ppk(unit.pk))):
            if pemegang is not None and pemegang.pegawai_id == pegawai.pk:
                daftar.append(
                    {
                        "unit": unit.kode,
                        "nama": unit.nama,
                        "sebagai": pemegang.jenis,
                        "unit_organisasi": unit.adalah_unit_organisasi,
                    }
                )
    return memimpin, ppk
