"""Hand-written baselines: the same answers as the API, from psycopg and plain Python.

No Django here: raw SQL on a psycopg connection, dicts, `json.dumps`. The rules are
re-stated from SPEC §3 and API.md (delegation > Plh/Plt > definitive for the PPK;
Plh/Plt > definitive for the Pimpinan; a vacant head is covered by the next head
up as `atasan`; a head is assessed from the node above), so the benchmark also
cross-checks `organisasi.selectors` against an independent implementation.
"""

from __future__ import annotations

import datetime as dt
import json

STEPLEN = 4
ORANG = ("nip", "nama", "jabatan", "sebagai")
PPK = ("delegasi", "plh", "plt", "definitif")
PIMPINAN = ("plh", "plt", "definitif")
# Lampiran B.1 and D: levels of the heads from the PPK up to the Pimpinan -> pattern.
POLA = {
    ("administrator", "jpt_pratama", "jpt_pratama"): 1,
    ("administrator", "jpt_pratama"): 2,
    ("jpt_pratama",): 3,
    ("administrator",): 3,
    ("pengawas", "administrator"): 4,
    ("administrator", "administrator"): 4,
    ("pengawas",): 5,
    ("fungsional",): 6,
}

SQL_POHON_UNIT = """
    SELECT id, path, kode, nama, jenis, tingkat, mandiri, aktif, pola
    FROM organisasi_unit WHERE path LIKE %(awal)s ORDER BY path"""
SQL_POHON_PEJABAT = """
    SELECT pu.unit_id, pu.jenis, p.nip, p.nama, j.nama
    FROM organisasi_pejabatunit pu
    JOIN organisasi_unit u ON u.id = pu.unit_id
    JOIN organisasi_pegawai p ON p.id = pu.pegawai_id
    LEFT JOIN organisasi_jabatan j ON j.id = p.jabatan_id
    WHERE u.path LIKE %(awal)s AND pu.jenis <> 'delegasi'
      AND pu.mulai <= %(tgl)s AND (pu.selesai IS NULL OR pu.selesai >= %(tgl)s)
    ORDER BY pu.mulai"""
SQL_PENEMPATAN = """
    SELECT p.id, u.path, u.kode, j.nama
    FROM organisasi_pegawai p
    JOIN organisasi_penempatan pen ON pen.pegawai_id = p.id
    JOIN organisasi_unit u ON u.id = pen.unit_id
    JOIN organisasi_jabatan j ON j.id = pen.jabatan_id
    WHERE p.nip = %(nip)s AND pen.mulai <= %(tgl)s AND (pen.selesai IS NULL OR pen.selesai >= %(tgl)s)
    ORDER BY pen.mulai DESC LIMIT 1"""
SQL_LELUHUR = """
    SELECT u.id, u.path, u.kode, u.jenis, u.tingkat, u.mandiri, u.pola,
           pu.jenis, pu.pegawai_id, p.nip, p.nama, j.nama
    FROM organisasi_unit u
    LEFT JOIN organisasi_pejabatunit pu ON pu.unit_id = u.id
         AND pu.mulai <= %(tgl)s AND (pu.selesai IS NULL OR pu.selesai >= %(tgl)s)
    LEFT JOIN organisasi_pegawai p ON p.id = pu.pegawai_id
    LEFT JOIN organisasi_jabatan j ON j.id = p.jabatan_id
    WHERE u.path = ANY(%(jalur)s)
    ORDER BY u.path, pu.mulai"""


def pohon(conn, kode: str, tanggal: dt.date) -> bytes:
    """GET /api/v1/unit/<kode>/pohon/ as JSON bytes."""
    with conn.cursor() as c:
        c.execute("SELECT path FROM organisasi_unit WHERE kode = %s", (kode,))
        awal = c.fetchone()[0] + "%"
        c.execute(SQL_POHON_PEJABAT, {"awal": awal, "tgl": tanggal})
        peran: dict[int, dict[str, tuple]] = {}
        for unit_id, jenis, nip, nama, jabatan in c:  # ordered by start: the latest wins
            peran.setdefault(unit_id, {})[jenis] = (nip, nama, jabatan, jenis)
        c.execute(SQL_POHON_UNIT, {"awal": awal})
        per_path, akar = {}, None
        for pk, path, kode_u, nama, jenis, tingkat, mandiri, aktif, pola in c:
            p = peran.get(pk, {})
            b = p.get("plh") or p.get("plt") or p.get("definitif")
            simpul = {
                "kode": kode_u,
                "nama": nama,
                "jenis": jenis,
                "tingkat": tingkat or None,
                "mandiri": mandiri,
                "aktif": aktif,
                "pola": pola,
                "anak": [],
                "pimpinan": None if b is None else dict(zip(ORANG, b, strict=True)),
            }
            per_path[path] = simpul
            induk = per_path.get(path[:-STEPLEN])
            if induk is None:
                akar = simpul
            else:
                induk["anak"].append(simpul)
    return json.dumps(akar, ensure_ascii=False, separators=(",", ":")).encode()


def _orang(b: dict, sebagai: str, unit_kode: str) -> dict:
    return {"nip": b["nip"], "nama": b["nama"], "jabatan": b["jabatan"], "sebagai": sebagai, "unit": unit_kode}


def kedudukan(conn, nip: str, tanggal: dt.date) -> bytes:
    """GET /api/v1/pegawai/<nip>/kedudukan/?tanggal= as JSON bytes (two queries)."""
    with conn.cursor() as c:
        c.execute(SQL_PENEMPATAN, {"nip": nip, "tgl": tanggal})
        baris = c.fetchone()
        hasil = {
            "nip": nip,
            "tanggal": tanggal.isoformat(),
            "unit": None,
            "jabatan": None,
            "unit_organisasi": None,
            "ppk": None,
            "pimpinan_unit_organisasi": None,
            "rantai_evaluasi": [],
            "pola": None,
        }
        if baris is None:
            return json.dumps(hasil, ensure_ascii=False).encode()
        saya, path, unit_kode, jabatan = baris
        hasil.update(unit=unit_kode, jabatan=jabatan)
        jalur = [path[:i] for i in range(STEPLEN, len(path) + 1, STEPLEN)]
        c.execute(SQL_LELUHUR, {"tgl": tanggal, "jalur": jalur})
        unit: dict[str, dict] = {}
        for _, upath, kode, jenis, tingkat, mandiri, pola, pjenis, pid, pnip, pnama, pjab in c:
            u = unit.setdefault(
                upath, {"kode": kode, "jenis": jenis, "tingkat": tingkat, "mandiri": mandiri, "pola": pola, "peran": {}}
            )
            if pjenis is not None:
                u["peran"][pjenis] = {"id": pid, "nip": pnip, "nama": pnama, "jabatan": pjab}
    simpul = [unit[j] for j in reversed(jalur) if j in unit]  # the person's node first
    hasil.update(_susun(saya, simpul))
    return json.dumps(hasil, ensure_ascii=False).encode()


def _susun(saya: int, simpul: list[dict]) -> dict:
    def pertama(u: dict, urutan) -> dict | None:
        return next((u["peran"][j] | {"jenis": j} for j in urutan if j in u["peran"]), None)

    def organisasi(u: dict) -> bool:
        return u["mandiri"] and u["jenis"] != "instansi"

    definitif = simpul[0]["peran"].get("definitif")
    mulai = 1 if definitif is not None and definitif["id"] == saya else 0
    akhir = next((i for i in range(mulai, len(simpul)) if organisasi(simpul[i])), None)
    if akhir is None:
        return {}

    def pemegang(i: int, urutan) -> dict | None:
        b = pertama(simpul[i], urutan)
        if b is not None and b["id"] != saya:
            return _orang(b, b["jenis"], simpul[i]["kode"]) | {"_id": b["id"]}
        for atas in simpul[i + 1 :]:
            b = pertama(atas, PIMPINAN)
            if b is not None and b["id"] != saya:
                return _orang(b, "atasan", atas["kode"]) | {"_id": b["id"]}
        return None

    rantai: list[dict] = []

    def tambah(p: dict | None) -> None:
        if p is not None and (not rantai or rantai[-1]["_id"] != p["_id"]):
            rantai.append(p)

    ppk = pemegang(mulai, PPK)
    tambah(ppk)
    if ppk is not None and ppk["sebagai"] == "delegasi":
        tambah(pemegang(mulai, PIMPINAN))
    for i in range(mulai + 1, akhir + 1):
        tambah(pemegang(i, PIMPINAN))
    pimpinan = pemegang(akhir, PIMPINAN)
    if mulai == 0:
        pola = POLA.get(tuple(u["tingkat"] for u in simpul[mulai : akhir + 1]))
    else:
        pola = next((u["pola"] for u in simpul if organisasi(u)), None)

    def bersih(p: dict | None) -> dict | None:
        return None if p is None else {k: v for k, v in p.items() if k != "_id"}

    return {
        "unit_organisasi": simpul[akhir]["kode"],
        "ppk": bersih(ppk),
        "pimpinan_unit_organisasi": bersih(pimpinan),
        "rantai_evaluasi": [bersih(p) for p in rantai],
        "pola": pola,
    }
