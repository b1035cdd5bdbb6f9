"""Benchmark the appraisal's compliance figures (`kinerja.kepatuhan.kepatuhan`) against a hand-written SQL
aggregate of the same figures.

On the large synthetic instansi (`bench/generate.py` + `bench/muat.py`, ~22,000 staff at full scale), in the
database of `bench/kinerja_dasbor.py` (its `siapkan` and `pastikan_instansi`: the same SQLite file, or
DATABASE_URL), it adds a year of SKPs with bulk_create (a generator, not a business flow): 88% of staff hold
an SKP of the year (of those 80% approved, the rest draft, submitted or returned), 2% moved to another unit
mid-year (their first SKP approved and closed, a new one for the new placement), and the approved SKPs'
periods past their deadline rated with a realistic gap (92% of the first quarter, 85% of the second, 75% of
the third, …). Then it times, interleaved, the product's code path — the instansi's table (a row per
Perangkat Daerah) and several Perangkat Daerah's tables (a row per unit), what the page and its files
call — against one hand-written statement per table through `connection.cursor()` (plus the settings
lookup), checks both give the same figures ("sama", or the difference) and prints p50/p95 of each
and the ratio (target: product p95 within 3× of SQL). Asserts nothing but prints "BEDA" on a difference.

    .venv/bin/python bench/skp_kepatuhan.py                 # SQLite, bench/out/kinerja_dasbor-<salinan>.sqlite3
    .venv/bin/python bench/skp_kepatuhan.py --skala 0.2     # one copy of the demo's agencies (~4,400 staff)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sistemkerja_bench_kepatuhan .venv/bin/python bench/skp_kepatuhan.py
    options: --ulang (start the database over), --n 30 (reads per table), --pd 6 (agencies timed), --profil
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENIH = 2016
BATCH = 2000


# --- a year of SKPs ---------------------------------------------------------------------------------------


def muat_skp(instansi, tahun: int, hari: dt.date) -> None:
    """SKPs, moves and evaluations for the instansi's staff, written with bulk_create (once per year)."""
    from django.db import connection, transaction

    from kinerja.models import Skp

    if Skp.objects.filter(unit__instansi=instansi, tahun=tahun).exists():
        return
    t0 = time.perf_counter()
    rng = random.Random(BENIH)
    with transaction.atomic():
        n_skp, n_eval, n_pindah = _skp(instansi, tahun, hari, rng)
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print(f"SKP dimuat: {n_skp:,} SKP, {n_pindah:,} pindah unit, {n_eval:,} evaluasi, {time.perf_counter() - t0:.1f} s")


def _skp(instansi, tahun: int, hari: dt.date, rng: random.Random) -> tuple[int, int, int]:
    from django.utils import timezone

    from kinerja import penilaian
    from kinerja.models import Evaluasi, Skp
    from organisasi.models import Pegawai, Penempatan, Unit

    pen = list(
        Penempatan.objects.filter(unit__instansi=instansi, selesai__isnull=True).select_related("unit").order_by("id")
    )
    unit_per_induk: dict[int, list[int]] = {}
    for uid, induk in Unit.objects.filter(instansi=instansi).values_list("id", "induk_id"):
        unit_per_induk.setdefault(induk, []).append(uid)
    awal = dt.date(tahun, 1, 1)
    tgl_pindah = awal + (hari - awal) / 2
    disetujui = timezone.make_aware(dt.datetime(tahun, 1, 25))
    skp, lama, baru_pen, pindah_pegawai = [], [], [], []
    for p in pen:
        if rng.random() < 0.02 and len(unit_per_induk.get(p.unit.induk_id, [])) > 1:
            tujuan = rng.choice([u for u in unit_per_induk[p.unit.induk_id] if u != p.unit_id])
            sebelum = tgl_pindah - dt.timedelta(days=1)
            lama.append(p)
            p.selesai = sebelum
            baru_pen.append(
                Penempatan(pegawai_id=p.pegawai_id, unit_id=tujuan, jabatan_id=p.jabatan_id, mulai=tgl_pindah)
            )
            pindah_pegawai.append(Pegawai(pk=p.pegawai_id, unit_id=tujuan))
            skp.append(_s(p.pegawai_id, p.unit_id, p.jabatan_id, tahun, "ditutup", awal, sebelum, disetujui))
            status = rng.choices(["draf", "disetujui"], [1, 1])[0]
            skp.append(_s(p.pegawai_id, tujuan, p.jabatan_id, tahun, status, tgl_pindah, None, disetujui))
        elif rng.random() < 0.88:
            status = rng.choices(["disetujui", "draf", "diajukan", "dikembalikan"], [80, 8, 8, 4])[0]
            skp.append(_s(p.pegawai_id, p.unit_id, p.jabatan_id, tahun, status, max(awal, p.mulai), None, disetujui))
    Penempatan.objects.bulk_update(lama, ["selesai"], batch_size=BATCH)
    Penempatan.objects.bulk_create(baru_pen, batch_size=BATCH)
    Pegawai.objects.bulk_update(pindah_pegawai, ["unit"], batch_size=BATCH)
    skp = Skp.objects.bulk_create(skp, batch_size=BATCH)
    periode = [p for p in penilaian.periode_tahun(tahun, "triwulanan") if p.mulai <= hari]
    peluang = [0.92, 0.85, 0.75, 0.6, 0.4]
    evaluasi = []
    for s in skp:
        if s.disetujui is None:
            continue
        for per, peluang_ in zip(periode, peluang, strict=False):
            if per.mulai <= s.selesai and per.selesai >= s.mulai and rng.random() < peluang_:
                evaluasi.append(
                    Evaluasi(
                        skp=s,
                        periode=per.kode,
                        jenis=per.jenis,
                        mulai=max(per.mulai, s.mulai),
                        selesai=min(per.selesai, s.selesai),
                        unit_organisasi_id=s.unit_id,
                        rating_hasil="sesuai",
                        rating_perilaku="sesuai",
                        predikat="baik",
                        penilai_id=s.pegawai_id,
                    )
                )
    Evaluasi.objects.bulk_create(evaluasi, batch_size=BATCH)
    return len(skp), len(evaluasi), len(lama)


def _s(pegawai_id, unit_id, jabatan_id, tahun, status, mulai, selesai, disetujui):
    from kinerja.models import Skp

    return Skp(
        pegawai_id=pegawai_id,
        tahun=tahun,
        model="non_jpt",
        status=status,
        unit_id=unit_id,
        jabatan_id=jabatan_id,
        mulai=mulai,
        selesai=selesai or dt.date(tahun, 12, 31),
        disetujui=disetujui if status in ("disetujui", "ditutup") else None,
    )


# --- the hand-written baseline ----------------------------------------------------------------------------


def _sql(a, akar: str, per_pd: bool) -> tuple[str, list]:
    """One statement for every figure of a table, with the models' own table names. The rules are restated
    independently of `kinerja.kepatuhan`: grouped joins instead of correlated subqueries, the due periods a
    person was there for as a sum of one test per period."""
    from django.db import connection

    from kinerja.models import Evaluasi, Skp
    from organisasi.models import Pegawai, Penempatan, Unit
    from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

    n = {m.__name__: m._meta.db_table for m in (Evaluasi, Skp, Pegawai, Penempatan, Unit)}
    ops = connection.ops
    d = ops.adapt_datefield_value
    terbesar = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    tempo = [(p.kode, d(p.selesai)) for p in a.jatuh_tempo]
    kode = ", ".join(["%s"] * len(tempo)) or "NULL"
    wajib = " + ".join(["CASE WHEN m.awal <= %s THEN 1 ELSE 0 END"] * len(tempo)) or "0"
    skp_lewat = "1 = 0"
    if dt.date(a.tahun, 1, 1) < a.skp_sebelum:
        skp_lewat = "st.mulai < %s AND (s.status IS NULL OR s.status <> 'disetujui')"
    sql = f"""
WITH st AS (
  SELECT p.pegawai_id, p.unit_id, u.path, p.mulai
  FROM {n["Penempatan"]} p JOIN {n["Unit"]} u ON u.id = p.unit_id JOIN {n["Pegawai"]} g ON g.id = p.pegawai_id
  WHERE u.path LIKE %s AND g.aktif AND p.mulai <= %s AND (p.selesai IS NULL OR p.selesai >= %s)
), s AS (
  SELECT pegawai_id, MAX(status) AS status FROM {n["Skp"]}
  WHERE tahun = %s AND status <> 'ditutup' AND pegawai_id IN (SELECT pegawai_id FROM st) GROUP BY pegawai_id
), m AS (
  SELECT pegawai_id, MIN(mulai) AS awal FROM {n["Penempatan"]}
  WHERE mulai <= %s AND (selesai IS NULL OR selesai >= %s) AND pegawai_id IN (SELECT pegawai_id FROM st)
  GROUP BY pegawai_id
), e AS (
  SELECT s.pegawai_id, COUNT(DISTINCT e.periode) AS n FROM {n["Evaluasi"]} e JOIN {n["Skp"]} s ON s.id = e.skp_id
  WHERE s.tahun = %s AND e.periode IN ({kode}) AND s.pegawai_id IN (SELECT pegawai_id FROM st)
  GROUP BY s.pegawai_id
), o AS (
  SELECT st.unit_id, st.path, s.status,
    CASE WHEN {skp_lewat} THEN 1 ELSE 0 END AS lewat,
    {terbesar}(({wajib}) - COALESCE(e.n, 0), 0) AS kurang
  FROM st LEFT JOIN s ON s.pegawai_id = st.pegawai_id LEFT JOIN m ON m.pegawai_id = st.pegawai_id
  LEFT JOIN e ON e.pegawai_id = st.pegawai_id
)"""
    angka = """COUNT(o.unit_id), SUM(CASE WHEN o.status IS NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.status <> 'disetujui' THEN 1 ELSE 0 END), SUM(o.lewat), SUM(CASE WHEN o.kurang > 0 THEN 1 ELSE 0 END),
  SUM(o.kurang), SUM(CASE WHEN o.lewat = 1 OR o.kurang > 0 THEN 1 ELSE 0 END)"""
    if per_pd:
        sql += f"""
SELECT pd.id, pd.kode, pd.nama, {angka}
FROM {n["Unit"]} pd LEFT JOIN o ON substr(o.path, 1, {Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH}) = pd.path
WHERE pd.path LIKE %s AND pd.depth = {KEDALAMAN_PERANGKAT_DAERAH}
GROUP BY pd.id, pd.kode, pd.nama, pd.path ORDER BY pd.path"""
    else:
        sql += f"""
SELECT u.id, u.kode, u.nama, {angka}
FROM o JOIN {n["Unit"]} u ON u.id = o.unit_id GROUP BY u.id, u.kode, u.nama, u.path ORDER BY u.path"""
    jan1 = d(dt.date(a.tahun, 1, 1))
    param = [akar + "%", d(a.acuan), d(a.acuan), a.tahun, d(a.acuan), jan1, a.tahun, *[k for k, _ in tempo]]
    param += ([d(a.skp_sebelum)] if skp_lewat != "1 = 0" else []) + [s for _, s in tempo]
    if per_pd:
        param.append(akar + "%")
    return sql, param


def sql_kepatuhan(unit, tahun: int, hari: dt.date) -> list[tuple]:
    """The figures by hand: the instansi's settings (one query), then the table (one)."""
    from contextlib import nullcontext

    from django.db import connection, transaction

    from kinerja import penilaian
    from kinerja.kepatuhan import Aturan
    from kinerja.models import PengaturanKinerja
    from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

    pg = connection.vendor == "postgresql"
    with transaction.atomic(savepoint=False) if pg else nullcontext(), connection.cursor() as c:
        if pg:  # as the product does: JIT would spend longer compiling than either statement runs
            c.execute("SET LOCAL jit = off")
        c.execute(
            f"SELECT periode_evaluasi, batas_skp_hari, batas_evaluasi_hari FROM {PengaturanKinerja._meta.db_table} "
            "WHERE instansi_id = %s",
            [unit.instansi_id],
        )
        jenis, batas_skp, batas_ev = c.fetchone() or ("triwulanan", 31, 15)
        periode = penilaian.periode_tahun(tahun, jenis)
        tempo = [p for p in periode if p.selesai + dt.timedelta(days=batas_ev) < hari]
        a = Aturan(tahun, hari, min(hari, dt.date(tahun, 12, 31)), batas_skp, batas_ev, tuple(periode), tuple(tempo))
        sql, param = _sql(a, unit.path, per_pd=unit.depth < KEDALAMAN_PERANGKAT_DAERAH)
        c.execute(sql, param)
        return [(r[0], r[1], r[2], *(int(x or 0) for x in r[3:])) for r in c.fetchall()]


def dari_produk(d) -> list[tuple]:
    a = lambda x: (  # noqa: E731
        x.staf,
        x.tanpa_skp,
        x.belum_disetujui,
        x.skp_lewat_batas,
        x.evaluasi_lewat_batas,
        x.periode_lewat_batas,
        x.tidak_patuh,
    )
    return [(b.unit.pk, b.unit.kode, b.unit.nama, *a(b.angka)) for b in d.baris]


# --- timing -----------------------------------------------------------------------------------------------


def pilih_pd(instansi, banyak: int) -> list:
    """The largest Perangkat Daerah by staff (half of `banyak`) and the smallest (the rest)."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from organisasi.models import Penempatan, Unit
    from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

    panjang = Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH
    staf = dict(
        Penempatan.objects.filter(unit__instansi=instansi, selesai__isnull=True)
        .annotate(pd=Substr("unit__path", 1, panjang))
        .values_list("pd")
        .annotate(n=Count("id"))
    )
    pd = sorted(
        Unit.objects.filter(instansi=instansi, depth=KEDALAMAN_PERANGKAT_DAERAH), key=lambda u: -staf.get(u.path, 0)
    )
    pilih = pd[: banyak // 2] + pd[len(pd) - (banyak - banyak // 2) :]
    return [(u, staf.get(u.path, 0)) for u in pilih]


def ukur(unit, tahun: int, hari: dt.date, n: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.kinerja_dasbor import persentil
    from kinerja.kepatuhan import kepatuhan

    for _ in range(2):  # warm-up: connection, statement caches
        d = kepatuhan(unit, tahun, hari)
        s = sql_kepatuhan(unit, tahun, hari)
    with CaptureQueriesContext(connection) as q:
        kepatuhan(unit, tahun, hari)
    t_dj, t_sql = [], []
    for i in range(n):
        urutan = (0, 1) if i % 2 == 0 else (1, 0)  # alternate which goes first: neither always finds warm caches
        for k in urutan:
            t0 = time.perf_counter()
            if k == 0:
                d = kepatuhan(unit, tahun, hari)
                t_dj.append((time.perf_counter() - t0) * 1000)
            else:
                s = sql_kepatuhan(unit, tahun, hari)
                t_sql.append((time.perf_counter() - t0) * 1000)
    a = dari_produk(d)
    beda = [(x, y) for x, y in zip(a, s, strict=False) if x != y] + (
        [("jumlah baris", len(a), len(s))] if len(a) != len(s) else []
    )
    return {"dj": persentil(t_dj), "sql": persentil(t_sql), "kueri": len(q), "beda": beda, "total": d.total}


def profil(unit, tahun: int, hari: dt.date) -> None:
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.kepatuhan import kepatuhan

    with CaptureQueriesContext(connection) as q:
        kepatuhan(unit, tahun, hari)
    for x in q.captured_queries:
        print(f"  {x['time']} s  {x['sql'][:160]}")
    if connection.vendor == "postgresql":
        from kinerja import kepatuhan as kp

        a = kp.aturan(unit.instansi_id, tahun, hari)
        print(kp.kelompok(a, unit.path).explain(analyze=True))
        sql, param = _sql(a, unit.path, per_pd=unit.depth < 2)
        with connection.cursor() as c:
            c.execute("EXPLAIN ANALYZE " + sql, param)
            print("\n".join(r[0] for r in c.fetchall()))
    pr = cProfile.Profile()
    pr.enable()
    for _ in range(5):
        kepatuhan(unit, tahun, hari)
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skala", type=float, default=1.0, help="1 = 5 copies of the demo's agencies (~22,000 staff)")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--pd", type=int, default=6)
    parser.add_argument("--ulang", action="store_true")
    parser.add_argument("--profil", action="store_true")
    args = parser.parse_args()
    from bench.kinerja_dasbor import siapkan

    label = siapkan(args)  # the dashboard bench's database: the same instansi, each script adds its own year
    import django

    django.setup()
    from bench.kinerja_dasbor import pastikan_instansi
    from kinerja.models import Evaluasi, Skp
    from organisasi.models import Pegawai, Unit
    from organisasi.selectors import hari_ini

    hari = hari_ini()
    tahun = hari.year
    instansi = pastikan_instansi(args.salinan)
    muat_skp(instansi, tahun, hari)
    akar = Unit.objects.select_related("instansi").get(instansi=instansi, depth=1)
    print(
        f"basis data {label}; {Unit.objects.filter(instansi=instansi).count():,} unit, "
        f"{Pegawai.objects.filter(unit__instansi=instansi).count():,} pegawai, "
        f"{Skp.objects.filter(unit__instansi=instansi, tahun=tahun).count():,} SKP, "
        f"{Evaluasi.objects.filter(skp__unit__instansi=instansi, skp__tahun=tahun).count():,} evaluasi; "
        f"tahun {tahun}, keadaan {hari}; loadavg {os.getloadavg()[0]:.1f}"
    )
    if args.profil:
        profil(akar, tahun, hari)
    print(
        f"{'tabel':<46} {'pegawai':>7} {'kueri':>5} {'produk p50/p95 ms':>18} {'SQL p50/p95 ms':>16} "
        f"{'rasio p50/p95':>13}  angka"
    )
    rasio, sama = [], True
    for unit, n_staf in [(akar, None), *pilih_pd(instansi, args.pd)]:
        h = ukur(unit, tahun, hari, args.n)
        rasio.append(h["dj"][1] / h["sql"][1])
        sama = sama and not h["beda"]
        label_unit = "Instansi (per Perangkat Daerah)" if n_staf is None else f"{unit.nama} (per unit)"
        print(
            f"{label_unit[:46]:<46} {h['total'].staf:>7,} {h['kueri']:>5} {h['dj'][0]:>8.1f} / {h['dj'][1]:<7.1f} "
            f"{h['sql'][0]:>7.1f} / {h['sql'][1]:<6.1f} {h['dj'][0] / h['sql'][0]:>5.2f} / {rasio[-1]:.2f}×  "
            + ("sama" if not h["beda"] else f"BEDA {len(h['beda'])}: {h['beda'][:2]}")
        )
    # The bar (issue 16) is the large instansi's dashboard, the first row; a single agency's table is a few
    # milliseconds where building the ORM query weighs as much as running it.
    print(
        f"skp_kepatuhan: instansi rasio p95 produk/SQL {rasio[0]:.2f}× (target 3×); satu Perangkat Daerah median "
        f"{statistics.median(rasio[1:] or [0]):.2f}×, terburuk {max(rasio[1:] or [0]):.2f}×; "
        f"angka {'sama' if sama else 'BEDA'}"
    )


if __name__ == "__main__":
    main()
