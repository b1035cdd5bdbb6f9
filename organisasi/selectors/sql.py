"""The two hottest reads, written out in SQL: a node's ancestors with their role holders, and the
placement in force for a NIP (every kedudukan answer makes one of each).

Through the ORM, building and compiling these queries costs several times what the database needs to
run them. They are built once from the models' own table and column names; every column is selected
under an alias `<model>__<field>`, and rows are read by those names (`_baris`), never by position.
Rows become model instances whose other fields are deferred: reading one of those loads it, so nothing
downstream can read a silently empty value. Tests check both answers against the ORM.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db import connection
from django.db.models import Model, Q

from ..models import Jabatan, Pegawai, PejabatUnit, Penempatan, Unit
from .dasar import PetaPejabat, penempatan_pada

# The fields each read needs, by model; `nama` of the SQL alias each model gets.
KOLOM = {
    "u": (
        Unit,
        (
            "id",
            "path",
            "depth",
            "kode",
            "nama",
            "jenis",
            "tingkat",
            "mandiri",
            "instansi_id",
            "induk_id",
            "aktif",
            "pola",
        ),
    ),
    "pj": (PejabatUnit, ("id", "unit_id", "pegawai_id", "jenis", "mulai", "selesai")),
    "pg": (Pegawai, ("id", "nip", "nama", "jenis_asn", "golongan", "jabatan_id", "unit_id", "aktif")),
    "jb": (Jabatan, ("id", "nama", "jenis", "tingkat", "jenjang")),
    "pn": (Penempatan, ("id", "pegawai_id", "unit_id", "jabatan_id", "mulai", "selesai", "nomor_sk")),
}


def _kolom(alias: str) -> str:
    """`alias.column AS "alias__field"` for each field of the alias's model."""
    model, nama = KOLOM[alias]
    return ", ".join(f'{alias}.{model._meta.get_field(n.removesuffix("_id")).column} AS "{alias}__{n}"' for n in nama)


def _tabel(model) -> str:
    return model._meta.db_table


def _baris(sql: str, parameter: list) -> list[dict]:
    """The rows of a query as dicts keyed by column alias."""
    with connection.cursor() as cursor:
        cursor.execute(sql, parameter)
        nama = [c[0] for c in cursor.description]
        return [dict(zip(nama, r)) for r in cursor.fetchall()]


def _dari_db(model, nilai: dict) -> Model:
    """An instance from values by field attname; `from_db` takes them in the model's field order."""
    nama = [f.attname for f in model._meta.concrete_fields if f.attname in nilai]
    return model.from_db(connection.alias, nama, [nilai[n] for n in nama])


def _model(alias: str, baris: dict) -> Model | None:
    """An instance of the alias's model from a row's `alias__*` values (None for a LEFT JOIN's nothing)."""
    model, nama = KOLOM[alias]
    if baris[f"{alias}__id"] is None:
        return None
    nilai = {}
    for n in nama:
        v = baris[f"{alias}__{n}"]
        jenis = model._meta.get_field(n.removesuffix("_id")).get_internal_type()
        if v is not None and jenis == "DateField" and isinstance(v, str):
            v = dt.date.fromisoformat(v)  # SQLite hands dates back as text
        elif v is not None and jenis == "BooleanField":
            v = bool(v)  # SQLite: 0/1
        nilai[n] = v
    return _dari_db(model, nilai)


@lru_cache(maxsize=64)
def _sql_leluhur(kedalaman: int) -> str:
    """The nodes on `kedalaman` paths with the roles in force on them on a date, their holders and
    the holders' positions (the position's name only is used)."""
    return (
        f"SELECT {_kolom('u')}, {_kolom('pj')}, pg.nip AS pg__nip, pg.nama AS pg__nama, "
        f"pg.jabatan_id AS pg__jabatan_id, jb.id AS jb__id, jb.nama AS jb__nama FROM {_tabel(Unit)} u "
        f"LEFT JOIN {_tabel(PejabatUnit)} pj ON pj.unit_id = u.id AND pj.mulai <= %s "
        f"AND (pj.selesai IS NULL OR pj.selesai >= %s) "
        f"LEFT JOIN {_tabel(Pegawai)} pg ON pg.id = pj.pegawai_id "
        f"LEFT JOIN {_tabel(Jabatan)} jb ON jb.id = pg.jabatan_id "
        f"WHERE u.path IN ({', '.join(['%s'] * kedalaman)})"
    )


def leluhur_dan_pejabat(unit: Unit, tanggal: dt.date) -> tuple[list[Unit], PetaPejabat]:
    """A node's ancestors (root first) and the role holders in force on them, in one query."""
    jalur = unit.jalur_leluhur()
    per_path: dict[str, Unit] = {}
    peran = []
    for b in _baris(_sql_leluhur(len(jalur)), [tanggal, tanggal, *jalur]):
        u = per_path.get(b["u__path"]) or per_path.setdefault(b["u__path"], _model("u", b))
        p = _model("pj", b)
        if p is None:
            continue
        p.unit = u
        p.pegawai = _dari_db(
            Pegawai,
            {"id": b["pj__pegawai_id"], "nip": b["pg__nip"], "nama": b["pg__nama"], "jabatan_id": b["pg__jabatan_id"]},
        )
        if b["jb__id"] is not None:
            p.pegawai.jabatan = _dari_db(Jabatan, {"id": b["jb__id"], "nama": b["jb__nama"]})
        peran.append(p)
    return [per_path[k] for k in sorted(per_path)], PetaPejabat(peran)


@lru_cache(maxsize=1)
def _sql_penempatan_nip() -> str:
    return (
        f"SELECT {_kolom('pn')}, {_kolom('pg')}, {_kolom('u')}, {_kolom('jb')} FROM {_tabel(Penempatan)} pn "
        f"JOIN {_tabel(Pegawai)} pg ON pg.id = pn.pegawai_id JOIN {_tabel(Unit)} u ON u.id = pn.unit_id "
        f"JOIN {_tabel(Jabatan)} jb ON jb.id = pn.jabatan_id "
        f"WHERE pg.nip = %s AND pn.mulai <= %s AND (pn.selesai IS NULL OR pn.selesai >= %s) "
        f"ORDER BY pn.mulai DESC, pn.id DESC LIMIT 1"
    )


def penempatan_menurut_nip(tanggal: dt.date, nip: str, *, cakupan: Q | None) -> Penempatan | None:
    """The placement in force for a NIP, within a scope on `pegawai__` (None: everyone).

    Unscoped callers (API clients, admins) take the hand-written query; scoped callers go through the
    ORM with their scope. Both answer as `penempatan_pada` does."""
    if cakupan is not None:
        return penempatan_pada(tanggal, cakupan, pegawai__nip=nip)
    baris = _baris(_sql_penempatan_nip(), [nip, tanggal, tanggal])
    if not baris:
        return None
    penempatan = _model("pn", baris[0])
    penempatan.pegawai, penempatan.unit, penempatan.jabatan = (_model(a, baris[0]) for a in ("pg", "u", "jb"))
    return penempatan
