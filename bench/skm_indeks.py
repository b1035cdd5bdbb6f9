"""Benchmark the satisfaction index of one service-year (`layanan.selectors.ikm`) against one hand-written SQL
aggregate of the same figures.

It loads, with bulk_create in chunks and a fixed seed (a generator, not a business flow), one service with
100,000 questionnaires in a year (9 answers each, scheme skm2017), plus noise the filters must skip: the same
service's previous year and another service of the same unit. Then it times, interleaved, N times each:
(a) the product's code path `selectors.ikm(skema=, layanan=, mulai=, selesai=)` (what the page, the report
and the API call: the grouped answers and the respondent count, then `indeks.hitung` in exact fractions);
(b) ONE statement through `connection.cursor()`: per element SUM and COUNT of the answers joined to the
respondents of that service, scheme and period, with the respondent count beside them; the index computed
from (b) with `indeks.hitung`. It checks both give identical figures (`sebagai_api()`), prints the medians
and the ratio (target: within 2×) and, with `--explain` or when the ratio is above 2×, both query plans.
Asserts nothing.

    .venv/bin/python bench/skm_indeks.py                    # SQLite: bench/out/skm_indeks.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sistemkerja_bench_skm .venv/bin/python bench/skm_indeks.py
    options: --n 15 (timed runs of each), --responden 100000, --ulang (start the database over), --explain
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

BENIH = 2017
POTONG = 5000  # respondents per bulk_create
TAHUN = 2025
KODE = "bench-skm"


def siapkan(args) -> str:
    """Point Django at the bench database (never the app's) before setup; returns a label for it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from bench._db import siapkan_database

        siapkan_database(url, args.ulang)
        label = url.rsplit("/", 1)[-1] + " (PostgreSQL)"
    else:
        berkas = ROOT / "bench" / "out" / "skm_indeks.sqlite3"
        berkas.parent.mkdir(parents=True, exist_ok=True)
        if args.ulang and berkas.exists():
            berkas.unlink()
        url = f"sqlite:///{berkas}"
        label = f"{berkas.relative_to(ROOT)} (SQLite)"
    os.environ.update(DATABASE_URL=url, DJANGO_DEBUG="false", DJANGO_SETTINGS_MODULE="sistemkerja.settings.dev")
    os.environ.pop("REDIS_CACHE_URL", None)
    return label


# --- the data ---------------------------------------------------------------------------------------------


def _layanan():
    """An instansi, one agency, two services (the one timed and a neighbour), made once."""
    from layanan.models import Layanan, SkemaSurvei
    from organisasi.choices import JenisUnit, Tingkat
    from organisasi.models import Instansi, Unit

    skema = SkemaSurvei.objects.get(kode="skm2017")
    instansi, _ = Instansi.objects.get_or_create(kode=KODE, defaults={"nama": "Pemerintah Kabupaten Bench SKM"})
    akar = Unit.objects.filter(kode=KODE).first() or Unit.objects.add_root(
        instance=Unit(kode=KODE, nama=instansi.nama, jenis=JenisUnit.INSTANSI, tingkat="", instansi=instansi)
    )
    pd = Unit.objects.filter(kode=f"{KODE}-dinas").first() or Unit.objects.add_child(
        akar,
        instance=Unit(
            kode=f"{KODE}-dinas",
            nama="Dinas Bench",
            jenis=JenisUnit.DINAS,
            tingkat=Tingkat.JPT_PRATAMA,
            mandiri=True,
            instansi=instansi,
            induk=akar,
        ),
    )
    x = [
        Layanan.objects.get_or_create(kode=k, defaults={"nama": n, "unit": pd, "skema_survei": skema})[0]
        for k, n in ((KODE, "Layanan Bench"), (f"{KODE}-lain", "Layanan Tetangga"))
    ]
    return skema, x[0], x[1]


def _muat(layanan, skema, tahun: int, n: int, rng: random.Random) -> None:
    from django.db import transaction

    from layanan.models import Jawaban, Responden

    unsur = list(skema.unsur.order_by("urutan"))
    hari = (dt.date(tahun, 12, 31) - dt.date(tahun, 1, 1)).days + 1
    profil_jk, profil_pend = ["", "L", "P"], ["", "sd", "smp", "sma", "diploma", "s1", "s2"]
    for awal in range(0, n, POTONG):
        with transaction.atomic():
            rs = Responden.objects.bulk_create(
                [
                    Responden(
                        layanan=layanan,
                        skema=skema,
                        tanggal=dt.date(tahun, 1, 1) + dt.timedelta(days=rng.randrange(hari)),
                        jenis_kelamin=rng.choice(profil_jk),
                        usia=rng.choice([None, rng.randint(17, 80)]),
                        pendidikan=rng.choice(profil_pend),
                        sumber="kertas",
                    )
                    for _ in range(min(POTONG, n - awal))
                ]
            )
            Jawaban.objects.bulk_create(
                [
                    Jawaban(responden_id=r.pk, unsur=u, nilai=rng.choices((1, 2, 3, 4), (4, 14, 52, 30))[0])
                    for r in rs
                    for u in unsur
                ],
                batch_size=POTONG,
            )


def pastikan_data(n: int):
    """Migrate; load the service-year (and the noise) unless it is there. Returns (scheme, service)."""
    from django.core.management import call_command
    from django.db import connection

    from layanan.models import Responden

    call_command("migrate", verbosity=0)
    skema, layanan, tetangga = _layanan()
    ada = Responden.objects.filter(layanan=layanan, tanggal__year=TAHUN).count()
    if ada != n:
        Responden.objects.filter(layanan__in=[layanan, tetangga]).delete()
        t0 = time.perf_counter()
        rng = random.Random(BENIH)
        _muat(layanan, skema, TAHUN, n, rng)
        _muat(layanan, skema, TAHUN - 1, n // 5, rng)  # the previous year: outside the period
        _muat(tetangga, skema, TAHUN, n // 5, rng)  # a neighbour: another service
        with connection.cursor() as c:
            c.execute("ANALYZE")
        print(f"dimuat: {n:,} + {2 * (n // 5):,} responden, {time.perf_counter() - t0:.1f} s")
    return skema, layanan


# --- (b) the hand-written aggregate ----------------------------------------------------------------------


def _sql() -> str:
    from layanan.models import Jawaban, Responden

    j, r = Jawaban._meta.db_table, Responden._meta.db_table
    saring = "layanan_id = %s AND skema_id = %s AND tanggal >= %s AND tanggal <= %s"
    return (
        f"SELECT j.unsur_id, SUM(j.nilai), COUNT(*), (SELECT COUNT(*) FROM {r} WHERE {saring}) "
        f"FROM {j} j JOIN {r} r ON r.id = j.responden_id "
        f"WHERE r.{saring.replace(' AND ', ' AND r.')} GROUP BY j.unsur_id"
    )


def sql_ikm(skema, murni, kode_unsur: dict[int, str], layanan, mulai: dt.date, selesai: dt.date):
    from django.db import connection

    from layanan import indeks

    d = connection.ops.adapt_datefield_value
    param = [layanan.pk, skema.pk, d(mulai), d(selesai)]
    with connection.cursor() as c:
        c.execute(_sql(), param * 2)
        baris = c.fetchall()
    agregat = {kode_unsur[u]: (s, n) for u, s, n, _ in baris if u in kode_unsur}
    return indeks.hitung(murni, agregat, baris[0][3] if baris else 0)


def jelaskan(skema, layanan, mulai, selesai) -> None:
    """Both plans: the product's two queries and the hand-written one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from layanan import selectors as sel

    with CaptureQueriesContext(connection) as q:
        sel.ikm(skema=skema, layanan=layanan, mulai=mulai, selesai=selesai)
    d = connection.ops.adapt_datefield_value
    awalan = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    rencana = [(x["sql"], None) for x in q.captured_queries if x["sql"].lstrip().upper().startswith("SELECT")]
    rencana.append((_sql(), [layanan.pk, skema.pk, d(mulai), d(selesai)] * 2))
    for sql, param in rencana:
        print(f"\n-- {sql[:300]}")
        with connection.cursor() as c:
            c.execute(awalan + sql, param)
            for r in c.fetchall():
                print("   ", " ".join(str(x) for x in r))


# --- timing ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=15)
    parser.add_argument("--responden", type=int, default=100_000)
    parser.add_argument("--ulang", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    label = siapkan(args)
    import django

    django.setup()
    from django.db import connection

    from layanan import indeks
    from layanan import selectors as sel
    from layanan.models import Jawaban

    skema_baris, layanan = pastikan_data(args.responden)
    skema = sel.skema("skm2017")  # with its elements and bands, as the pages and the API hold it
    murni = indeks.skema_dari(skema)
    kode_unsur = {u.pk: u.kode for u in skema.unsur.all()}
    mulai, selesai = dt.date(TAHUN, 1, 1), dt.date(TAHUN, 12, 31)
    print(
        f"basis data {label}; {Jawaban.objects.count():,} jawaban seluruhnya; layanan {layanan.kode}, "
        f"{mulai} s.d. {selesai}; loadavg {os.getloadavg()[0]:.1f}"
    )

    def produk():
        return sel.ikm(skema=skema, layanan=layanan, mulai=mulai, selesai=selesai)

    def tangan():
        return sql_ikm(skema, murni, kode_unsur, layanan, mulai, selesai)

    for _ in range(2):  # warm-up: connection, statement and page caches
        a, b = produk(), tangan()
    t_a, t_b = [], []
    for i in range(args.n):
        for k in (0, 1) if i % 2 == 0 else (1, 0):  # alternate which goes first
            t0 = time.perf_counter()
            if k == 0:
                a = produk()
                t_a.append((time.perf_counter() - t0) * 1000)
            else:
                b = tangan()
                t_b.append((time.perf_counter() - t0) * 1000)
    sama = a.sebagai_api() == b.sebagai_api() and a.eksak == b.eksak
    m_a, m_b = statistics.median(t_a), statistics.median(t_b)
    rasio = m_a / m_b
    print(f"(a) selectors.ikm            median {m_a:8.1f} ms  (min {min(t_a):.1f}, maks {max(t_a):.1f}), 2 kueri")
    print(f"(b) satu pernyataan SQL      median {m_b:8.1f} ms  (min {min(t_b):.1f}, maks {max(t_b):.1f}), 1 kueri")
    print(
        f"responden {a.responden:,}; IKM {a.ikm_teks} mutu {a.mutu.mutu if a.mutu else '—'}; "
        f"NRR {', '.join(u['nrr'] or '—' for u in a.sebagai_api()['unsur'])}"
    )
    if not sama:
        print(f"BEDA: produk {a.sebagai_api()}\n      SQL    {b.sebagai_api()}")
    if args.explain or rasio > 2:
        jelaskan(skema, layanan, mulai, selesai)
    print(
        f"skm_indeks: {connection.vendor}, {a.responden:,} responden, produk {m_a:.1f} ms, SQL {m_b:.1f} ms, "
        f"rasio {rasio:.2f}× (target 2×); angka {'sama' if sama else 'BEDA'}"
    )


if __name__ == "__main__":
    main()
