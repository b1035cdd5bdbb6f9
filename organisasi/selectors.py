"""Reads: who holds which role where on a date, a person's kedudukan, the tree, the audit.

Kedudukan is one code path driven by the tree (SPEC §3): a staff member's PPK is
the head of the node they sit in; the evaluation chain is the heads from that
node up to the nearest Unit Organisasi mandiri, whose head is the Pimpinan Unit
Organisasi. Roles honour delegation > Plt/Plh > definitive; a vacant head with
nobody acting is covered by the next head up (`atasan`). The six patterns are a
lookup of the chain's levels (choices.POLA_MENURUT_RANTAI), not six branches.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from . import versi as versi_mod
from .choices import POLA_MENURUT_RANTAI, SEBAGAI_ATASAN, JenisPeran
from .models import Jabatan, Pegawai, PejabatUnit, Penempatan, Unit


@dataclass(frozen=True)
class Pejabat:
    """A person acting in a unit head's role, and in which capacity (API.md `sebagai`)."""

    pegawai: Pegawai
    sebagai: str
    unit: Unit


@dataclass(frozen=True)
class Kedudukan:
    pegawai: Pegawai
    tanggal: dt.date
    unit: Unit | None
    jabatan: object | None
    unit_organisasi: Unit | None
    ppk: Pejabat | None
    pimpinan: Pejabat | None
    rantai: tuple[Pejabat, ...]
    pola: int | None


class PetaPejabat:
    """The role holders in force on one date, per unit id."""

    def __init__(self, baris: Iterable[PejabatUnit]):
        self._per_unit: dict[int, dict[str, PejabatUnit]] = defaultdict(dict)
        for b in sorted(baris, key=lambda b: b.mulai):  # the latest start wins a (prevented) overlap
            self._per_unit[b.unit_id][b.jenis] = b

    @classmethod
    def muat(cls, unit_ids: Iterable[int], tanggal: dt.date) -> PetaPejabat:
        # order_by(): the model's default ordering joins Unit only to sort rows we re-sort anyway
        return cls(PejabatUnit.objects.pada(tanggal).filter(unit_id__in=list(unit_ids))
                   .select_related("pegawai", "pegawai__jabatan").order_by())

    def _pertama(self, unit_id: int, urutan: tuple[str, ...]) -> PejabatUnit | None:
        peran = self._per_unit.get(unit_id, {})
        for jenis in urutan:
            if jenis in peran:
                return peran[jenis]
        return None

    def definitif(self, unit_id: int) -> PejabatUnit | None:
        return self._pertama(unit_id, (JenisPeran.DEFINITIF,))

    def pimpinan(self, unit_id: int) -> PejabatUnit | None:
        """Who leads the unit: a Plt/Plh in force, else the definitive head."""
        return self._pertama(unit_id, (JenisPeran.PLH, JenisPeran.PLT, JenisPeran.DEFINITIF))

    def ppk(self, unit_id: int) -> PejabatUnit | None:
        """Who holds the head's PPK authority: a delegate, else a Plt/Plh, else the definitive head."""
        return self._pertama(unit_id, (JenisPeran.DELEGASI, JenisPeran.PLH, JenisPeran.PLT, JenisPeran.DEFINITIF))

    def semua(self, unit_id: int) -> dict[str, PejabatUnit]:
        return self._per_unit.get(unit_id, {})


def hari_ini() -> dt.date:
    return timezone.localdate()


def pola_rantai(tingkat: Iterable[str]) -> int | None:
    return POLA_MENURUT_RANTAI.get(tuple(tingkat))


def susun_kedudukan(*, pegawai: Pegawai, unit: Unit | None, jabatan, leluhur: list[Unit],
                    peta: PetaPejabat, tanggal: dt.date) -> Kedudukan:
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
        for atas in simpul[i + 1:]:  # vacant: the next head up acts
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
        pola = pola_rantai(s.tingkat for s in simpul[mulai:akhir + 1])
    else:  # a head works within the mechanism of the Unit Organisasi they belong to
        milik = next((s for s in simpul if s.adalah_unit_organisasi), None)
        pola = milik.pola if milik else None
    return Kedudukan(pegawai, tanggal, unit, jabatan, simpul[akhir], ppk, pimpinan, tuple(rantai), pola)


_KOLOM_UNIT = ["id", "path", "depth", "kode", "nama", "jenis", "tingkat", "mandiri", "instansi_id", "induk_id",
               "aktif", "pola"]
_KOLOM_PERAN = ["id", "unit_id", "pegawai_id", "jenis", "mulai", "selesai"]
_KOLOM_PEGAWAI = ["id", "nip", "nama", "jabatan_id"]


def _kolom(model, nama: str) -> str:
    return model._meta.get_field(nama.removesuffix("_id")).column


@lru_cache(maxsize=64)
def _sql_leluhur(kedalaman: int) -> str:
    """SQL for a node's ancestors and the roles in force on them, built once per tree depth.

    This is the hottest read of the product (every kedudukan). Through the ORM, building and
    compiling this query costs several times what PostgreSQL needs to run it, so it is written
    out here, from the models' own table and column names; a test checks it against the ORM.
    """
    u, pj, pg, jb = (m._meta.db_table for m in (Unit, PejabatUnit, Pegawai, Jabatan))
    pilih = ([f"u.{_kolom(Unit, k)}" for k in _KOLOM_UNIT] + [f"pj.{_kolom(PejabatUnit, k)}" for k in _KOLOM_PERAN]
             + [f"pg.{_kolom(Pegawai, k)}" for k in _KOLOM_PEGAWAI[1:]] + ["jb.nama"])
    return (f"SELECT {', '.join(pilih)} FROM {u} u "
            f"LEFT JOIN {pj} pj ON pj.unit_id = u.id AND pj.mulai <= %s AND (pj.selesai IS NULL OR pj.selesai >= %s) "
            f"LEFT JOIN {pg} pg ON pg.id = pj.pegawai_id LEFT JOIN {jb} jb ON jb.id = pg.jabatan_id "
            f"WHERE u.path IN ({', '.join(['%s'] * kedalaman)})")


def _tanggal(nilai):  # SQLite hands dates back as text
    return dt.date.fromisoformat(nilai) if isinstance(nilai, str) else nilai


def leluhur_dan_pejabat(unit: Unit, tanggal: dt.date) -> tuple[list[Unit], PetaPejabat]:
    """A node's ancestors (root first) and the role holders in force on them, in one query.

    Rows become model instances whose other fields are deferred: reading one of those
    loads it, so nothing downstream can read a silently empty value.
    """
    jalur = unit.jalur_leluhur()
    with connection.cursor() as cursor:
        cursor.execute(_sql_leluhur(len(jalur)), [tanggal, tanggal, *jalur])
        baris = cursor.fetchall()
    n_unit, n_peran = len(_KOLOM_UNIT), len(_KOLOM_PERAN)
    db = connection.alias
    per_path: dict[str, Unit] = {}
    peran = []
    for r in baris:
        nilai_unit = list(r[:n_unit])
        nilai_unit[7], nilai_unit[10] = bool(nilai_unit[7]), bool(nilai_unit[10])  # SQLite: 0/1
        u = per_path.get(nilai_unit[1]) or per_path.setdefault(nilai_unit[1], Unit.from_db(db, _KOLOM_UNIT,
                                                                                           nilai_unit))
        pj_id, unit_id, pegawai_id, jenis, mulai, selesai = r[n_unit:n_unit + n_peran]
        if pj_id is None:
            continue
        nip, nama, jabatan_id, nama_jabatan = r[n_unit + n_peran:]
        pegawai = Pegawai.from_db(db, _KOLOM_PEGAWAI, (pegawai_id, nip, nama, jabatan_id))
        if jabatan_id is not None:
            pegawai.jabatan = Jabatan.from_db(db, ["id", "nama"], (jabatan_id, nama_jabatan))
        p = PejabatUnit.from_db(db, _KOLOM_PERAN, (pj_id, unit_id, pegawai_id, jenis, _tanggal(mulai),
                                                   _tanggal(selesai)))
        p.pegawai, p.unit = pegawai, u
        peran.append(p)
    return [per_path[k] for k in sorted(per_path)], PetaPejabat(peran)


def kedudukan_dari_penempatan(pegawai: Pegawai, penempatan: Penempatan | None, tanggal: dt.date) -> Kedudukan:
    if penempatan is None:
        return susun_kedudukan(pegawai=pegawai, unit=None, jabatan=None, leluhur=[], peta=PetaPejabat([]),
                               tanggal=tanggal)
    leluhur, peta = _leluhur_tersimpan(penempatan.unit, tanggal)
    return susun_kedudukan(pegawai=pegawai, unit=penempatan.unit, jabatan=penempatan.jabatan,
                           leluhur=leluhur, peta=peta, tanggal=tanggal)


def _disimpan_pada(tanggal: dt.date) -> bool:
    """Whether the whole tree and everyone's placement on `tanggal` are kept in the process: today only
    (the date nearly every caller asks for), and only where processes share the version numbers. Another
    date is answered by its own queries, nothing kept."""
    return settings.STRUKTUR_CACHE and tanggal == hari_ini()


def _leluhur_tersimpan(unit: Unit, tanggal: dt.date) -> tuple[list[Unit], PetaPejabat]:
    """`leluhur_dan_pejabat`, from the whole tree and its role holders on that date, read once per
    structure version into this process (where processes share the version: `STRUKTUR_CACHE`). A request
    for one person's kedudukan is then the one query of their placement, whatever unit they are in."""
    if not _disimpan_pada(tanggal):
        return leluhur_dan_pejabat(unit, tanggal)
    kunci = f"organisasi:pohon-pejabat:{versi_mod.versi(versi_mod.STRUKTUR)}:{tanggal.isoformat()}"
    per_path, peta = versi_mod.lokal_atau_hitung(kunci, lambda: _pohon_dan_pejabat(tanggal),
                                                 lambda hasil: 4096 * len(hasil[0]))
    return [per_path[j] for j in unit.jalur_leluhur() if j in per_path], peta


def _pohon_dan_pejabat(tanggal: dt.date) -> tuple[dict[str, Unit], PetaPejabat]:
    """Every unit by path, and the role holders in force on every unit on `tanggal`: three queries.
    Read-only for its users (the same instances serve every request of the process)."""
    per_path = {u.path: u for u in Unit.objects.only(*_KOLOM_UNIT).order_by()}
    per_id = {u.pk: u for u in per_path.values()}
    peran = list(PejabatUnit.objects.pada(tanggal).only(*_KOLOM_PERAN).order_by()
                 .select_related("pegawai", "pegawai__jabatan"))
    for p in peran:
        p.unit = per_id.get(p.unit_id)  # None: a unit made between the two reads (this copy is stale already)
    return per_path, PetaPejabat(p for p in peran if p.unit is not None)


def penempatan_pada(tanggal: dt.date, *q, **saring) -> Penempatan | None:
    """The placement in force on a date for the person matched by `q`/`saring` (e.g. pegawai__nip=)."""
    return (Penempatan.objects.pada(tanggal).filter(*q, **saring)
            .select_related("pegawai", "unit", "jabatan").order_by("-mulai").first())


_KOLOM_PENEMPATAN = ["id", "pegawai_id", "unit_id", "jabatan_id", "mulai", "selesai", "nomor_sk"]
_KOLOM_PEGAWAI_PENUH = ["id", "nip", "nama", "jenis_asn", "golongan", "jabatan_id", "unit_id", "aktif"]
_KOLOM_JABATAN = ["id", "nama", "jenis", "tingkat", "jenjang"]


@lru_cache(maxsize=2)
def _sql_penempatan_nip(semua: bool = False) -> str:
    """SQL for `penempatan_pada(tanggal, pegawai__nip=nip)` with no scope filter (see _sql_leluhur);
    `semua`: everyone's, ordered so that each person's first row is the one in force."""
    pn, pg, u, jb = (m._meta.db_table for m in (Penempatan, Pegawai, Unit, Jabatan))
    pilih = ([f"pn.{_kolom(Penempatan, k)}" for k in _KOLOM_PENEMPATAN]
             + [f"pg.{_kolom(Pegawai, k)}" for k in _KOLOM_PEGAWAI_PENUH]
             + [f"u.{_kolom(Unit, k)}" for k in _KOLOM_UNIT] + [f"jb.{_kolom(Jabatan, k)}" for k in _KOLOM_JABATAN])
    return (f"SELECT {', '.join(pilih)} FROM {pn} pn JOIN {pg} pg ON pg.id = pn.pegawai_id "
            f"JOIN {u} u ON u.id = pn.unit_id JOIN {jb} jb ON jb.id = pn.jabatan_id "
            f"WHERE {'' if semua else 'pg.nip = %s AND '}pn.mulai <= %s AND (pn.selesai IS NULL OR pn.selesai >= %s) "
            f"ORDER BY {'pg.nip, ' if semua else ''}pn.mulai DESC, pn.id DESC{'' if semua else ' LIMIT 1'}")


_N_ORANG = len(_KOLOM_PENEMPATAN) + len(_KOLOM_PEGAWAI_PENUH)


def _semua_penempatan(tanggal: dt.date) -> dict[str, tuple]:
    """Everyone's placement in force on `tanggal` by NIP, as rows of `_sql_penempatan_nip`; a unit's or a
    position's columns are one tuple shared by every row that names it (22,036 staff: ~12 MB)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql_penempatan_nip(semua=True), [tanggal, tanggal])
        baris = cursor.fetchall()
    n_unit = len(_KOLOM_UNIT)
    unit, jabatan, hasil = {}, {}, {}
    for r in baris:
        nip = r[len(_KOLOM_PENEMPATAN) + 1]
        if nip in hasil:
            continue
        u = unit.setdefault(r[_N_ORANG], r[_N_ORANG:_N_ORANG + n_unit])
        j = jabatan.setdefault(r[_N_ORANG + n_unit], r[_N_ORANG + n_unit:])
        hasil[nip] = (r[:_N_ORANG], u, j)
    return hasil


def penempatan_menurut_nip(tanggal: dt.date, nip: str, *, cakupan: Q | None) -> Penempatan | None:
    """The placement in force for a NIP, within a scope on `pegawai__` (None: everyone).

    Unscoped callers (API clients, admins) take the hot path: everyone's placements on the date, read
    once per structure version into the process (`STRUKTUR_CACHE`), else one hand-built query; tests
    check both answer as the ORM does. Scoped callers go through the ORM with their scope.
    """
    if cakupan is not None:
        return penempatan_pada(tanggal, cakupan, pegawai__nip=nip)
    if _disimpan_pada(tanggal):
        kunci = f"organisasi:penempatan:{versi_mod.versi(versi_mod.STRUKTUR)}:{tanggal.isoformat()}"
        bagian = versi_mod.lokal_atau_hitung(kunci, lambda: _semua_penempatan(tanggal),
                                             lambda hasil: 1024 * len(hasil) + 1).get(nip)
        r = None if bagian is None else bagian[0] + bagian[1] + bagian[2]
    else:
        with connection.cursor() as cursor:
            cursor.execute(_sql_penempatan_nip(), [nip, tanggal, tanggal])
            r = cursor.fetchone()
    if r is None:
        return None
    db = connection.alias
    bagian, i = [], 0
    for kolom in (_KOLOM_PENEMPATAN, _KOLOM_PEGAWAI_PENUH, _KOLOM_UNIT, _KOLOM_JABATAN):
        bagian.append(list(r[i:i + len(kolom)]))
        i += len(kolom)
    nilai_pn, nilai_pg, nilai_unit, nilai_jb = bagian
    nilai_pn[4], nilai_pn[5] = _tanggal(nilai_pn[4]), _tanggal(nilai_pn[5])
    nilai_pg[7] = bool(nilai_pg[7])
    nilai_unit[7], nilai_unit[10] = bool(nilai_unit[7]), bool(nilai_unit[10])
    penempatan = Penempatan.from_db(db, _KOLOM_PENEMPATAN, nilai_pn)
    penempatan.pegawai = Pegawai.from_db(db, _KOLOM_PEGAWAI_PENUH, nilai_pg)
    penempatan.unit = Unit.from_db(db, _KOLOM_UNIT, nilai_unit)
    penempatan.jabatan = Jabatan.from_db(db, _KOLOM_JABATAN, nilai_jb)
    return penempatan


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
            pegawai=p.pegawai, unit=p.unit, jabatan=p.jabatan,
            leluhur=[unit_per_jalur[j] for j in p.unit.jalur_leluhur() if j in unit_per_jalur],
            peta=peta, tanggal=tanggal)
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


def domain_unit_organisasi(unit: Unit, turunan: list[Unit]) -> list[Unit]:
    """The nodes a Unit Organisasi covers: its subtree less the subtrees of mandiri units inside it.

    `turunan` is the unit's subtree (including itself) ordered by path.
    """
    hasil, dipotong = [], []
    for u in turunan:
        if any(u.path.startswith(p) for p in dipotong):
            continue
        if u.pk != unit.pk and u.adalah_unit_organisasi:
            dipotong.append(u.path)
            continue
        hasil.append(u)
    return hasil


def pola_unit_organisasi(unit: Unit, turunan: list[Unit]) -> tuple[int | None, list[str]]:
    """The pattern of a Unit Organisasi, from the chains of every lowest node it covers.

    Returns (pola, reasons). A unit fits a pattern only when every lowest node's chain
    of head levels maps to one and the same pattern.
    """
    if not unit.adalah_unit_organisasi:
        return None, []
    domain = domain_unit_organisasi(unit, turunan)
    per_path = {u.path: u for u in domain}
    ber_anak = {u.path[: -u.steplen] for u in domain if u.pk != unit.pk}
    alasan, pola_ditemukan = [], set()
    for daun in (u for u in domain if u.path not in ber_anak):
        rantai = [per_path[j] for j in reversed(daun.jalur_leluhur()) if j in per_path]
        tingkat = [u.tingkat for u in rantai]
        pola = pola_rantai(tingkat)
        if pola is None:
            susunan = " → ".join(f"{u.nama} ({u.get_tingkat_display().lower()})" for u in rantai)
            alasan.append(f"Rantai {susunan} tidak sesuai dengan pola mana pun.")
        pola_ditemukan.add(pola)
    if alasan:
        return None, alasan
    if len(pola_ditemukan) > 1:
        daftar = ", ".join(str(p) for p in sorted(pola_ditemukan))
        return None, [f"Unit di dalamnya mengikuti pola yang berbeda-beda ({daftar})."]
    return pola_ditemukan.pop(), []


def pohon(unit: Unit, *, tanggal: dt.date | None = None) -> dict:
    """The subtree under a unit as nested dicts: three queries for any size."""
    tanggal = tanggal or hari_ini()
    simpul = list(Unit.objects.subpohon(unit))
    peta = PetaPejabat(PejabatUnit.objects.pada(tanggal).filter(unit__path__startswith=unit.path)
                       .select_related("pegawai", "pegawai__jabatan").order_by())
    per_path: dict[str, dict] = {}
    akar = None
    for u in simpul:  # ordered by path: a parent always comes before its children
        baris = peta.pimpinan(u.pk)
        node = {"unit": u, "pimpinan": baris, "anak": []}
        per_path[u.path] = node
        induk = per_path.get(u.path[: -u.steplen])
        if induk is None:
            akar = node
        else:
            induk["anak"].append(node)
    return akar


KOLOM_SIMPUL = ("id", "path", "kode", "nama", "jenis", "tingkat", "mandiri", "aktif", "pola")


def pohon_ringkas(unit: Unit, tanggal) -> dict:
    """`selectors.pohon` as plain rows: the same two queries, without building a model per node.

    Who leads each node is still decided by `PetaPejabat` (Plh/Plt before definitive);
    it only reads `unit_id`, `jenis` and `mulai`, which the named rows carry.
    """
    peta = PetaPejabat(
        PejabatUnit.objects.pada(tanggal).filter(unit__path__startswith=unit.path)
        .values_list("unit_id", "jenis", "mulai", "pegawai__nip", "pegawai__nama", "pegawai__jabatan__nama",
                     named=True))
    per_path: dict[str, dict] = {}
    akar = None
    for pk, path, kode, nama, jenis, tingkat, mandiri, aktif, pola in (
            Unit.objects.subpohon(unit).values_list(*KOLOM_SIMPUL)):
        b = peta.pimpinan(pk)
        pimpinan = None if b is None else {"nip": b.pegawai__nip, "nama": b.pegawai__nama,
                                           "jabatan": b.pegawai__jabatan__nama, "sebagai": b.jenis}
        simpul = {"kode": kode, "nama": nama, "jenis": jenis, "tingkat": tingkat or None, "mandiri": mandiri,
                  "aktif": aktif, "pola": pola, "pimpinan": pimpinan, "anak": []}
        per_path[path] = simpul
        induk = per_path.get(path[:-Unit.steplen])
        if induk is None:
            akar = simpul
        else:
            induk["anak"].append(simpul)
    return akar


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
                daftar.append({"unit": unit.kode, "nama": unit.nama, "sebagai": pemegang.jenis,
                               "unit_organisasi": unit.adalah_unit_organisasi})
    return memimpin, ppk
