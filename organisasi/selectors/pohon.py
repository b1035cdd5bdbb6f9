"""The tree: a unit's subtree with who leads each node, and the pattern of a Unit Organisasi."""

from __future__ import annotations

import datetime as dt

from ..models import PejabatUnit, Unit
from .dasar import PetaPejabat, hari_ini, pola_rantai


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
    peta = PetaPejabat(
        PejabatUnit.objects.pada(tanggal)
        .filter(unit__path__startswith=unit.path)
        .select_related("pegawai", "pegawai__jabatan")
        .order_by()
    )
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
        PejabatUnit.objects.pada(tanggal)
        .filter(unit__path__startswith=unit.path)
        .values_list("unit_id", "jenis", "mulai", "pegawai__nip", "pegawai__nama", "pegawai__jabatan__nama", named=True)
    )
    per_path: dict[str, dict] = {}
    akar = None
    for pk, path, kode, nama, jenis, tingkat, mandiri, aktif, pola in Unit.objects.subpohon(unit).values_list(
        *KOLOM_SIMPUL
    ):
        b = peta.pimpinan(pk)
        pimpinan = (
            None
            if b is None
            else {
                "nip": b.pegawai__nip,
                "nama": b.pegawai__nama,
                "jabatan": b.pegawai__jabatan__nama,
                "sebagai": b.jenis,
            }
        )
        simpul = {
            "kode": kode,
            "nama": nama,
            "jenis": jenis,
            "tingkat": tingkat or None,
            "mandiri": mandiri,
            "aktif": aktif,
            "pola": pola,
            "pimpinan": pimpinan,
            "anak": [],
        }
        per_path[path] = simpul
        induk = per_path.get(path[: -Unit.steplen])
        if induk is None:
            akar = simpul
        else:
            induk["anak"].append(simpul)
    return akar
