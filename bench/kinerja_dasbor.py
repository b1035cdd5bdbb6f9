"""Benchmark the kinerja agency dashboard read against a hand-written SQL aggregate of the same figures.

On the large synthetic instansi (`bench/generate.py` + `bench/muat.py`, ~22,000 staff at full scale) it loads
a year of kinerja with bulk_create (a generator, not a business flow): every Unit Organisasi with a set PK of
three indicators, each handed down to every unit directly below it that is not a Unit Organisasi itself, an
approved plan per target (two activities, two budget lines each, spending; one target in ten also has a
replaced earlier version with spending of its own), a team for one target in five, and about five results per
staff member (selesai / ditinjau / dikembalikan). Then, for several Perangkat Daerah, it times
`kinerja.dasbor.dasbor(pd, tahun)` (what the page and its exports call) N times, interleaved with one
hand-written SQL statement per figure kind through `connection.cursor()`, checks both give the same figures
("sama", or the difference) and prints p50/p95 and the ratio (target: within 3×). Asserts nothing.

    .venv/bin/python bench/kinerja_dasbor.py                 # SQLite, bench/out/kinerja_dasbor-<salinan>.sqlite3
    .venv/bin/python bench/kinerja_dasbor.py --skala 0.2     # one copy of the demo's agencies (~4,400 staff)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sistemkerja_bench_kinerja .venv/bin/python bench/kinerja_dasbor.py
    options: --ulang (start the database over), --n 20 (reads per agency), --pd 6 (agencies timed)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENIH = 2027
BATCH = 2000


def siapkan(args) -> str:
    """Point Django at the bench database (never the app's) before setup; returns a label for it."""
    url = os.environ.get("DATABASE_URL", "")
    salinan = max(1, round(5 * args.skala))
    if url.startswith("postgres"):
        from bench._db import siapkan_database

        siapkan_database(url, args.ulang)
        label = url.rsplit("/", 1)[-1] + " (PostgreSQL)"
    else:
        berkas = ROOT / "bench" / "out" / f"kinerja_dasbor-{salinan}.sqlite3"
        berkas.parent.mkdir(parents=True, exist_ok=True)
        if args.ulang and berkas.exists():
            berkas.unlink()
        url = f"sqlite:///{berkas}"
        label = f"{berkas.relative_to(ROOT)} (SQLite)"
    os.environ.update(DATABASE_URL=url, DJANGO_DEBUG="false", DJANGO_SETTINGS_MODULE="sistemkerja.settings.dev")
    os.environ.pop("REDIS_CACHE_URL", None)
    args.salinan = salinan
    return label


def pastikan_instansi(salinan: int):
    from django.core.management import call_command
    from django.db import DatabaseError

    from bench.generate import KODE, generate
    from bench.muat import muat
    from organisasi.models import Instansi

    call_command("migrate", verbosity=0)
    if not Instansi.objects.filter(kode=KODE).exists():
        t0 = time.perf_counter()
        try:
            muat(generate(salinan=salinan))
        except DatabaseError:  # muat ends with PostgreSQL's VACUUM ANALYZE; the rows are committed before it
            pass
        print(f"instansi dimuat dalam {time.perf_counter() - t0:.1f} s")
    return Instansi.objects.get(kode=KODE)


def muat_kinerja(instansi, tahun: int) -> None:
    """A year of kinerja for every Unit Organisasi of the instansi, written with bulk_create."""
    from django.db import connection, transaction

    from kinerja.models import Target

    if Target.objects.filter(unit__instansi=instansi, tahun=tahun).exists():
        return
    t0 = time.perf_counter()
    rng = random.Random(BENIH)
    with transaction.atomic():
        target = _target(instansi, tahun)
        _rencana(target, tahun, rng)
        _tim(target, tahun, rng)
        n_hasil = _hasil(instansi, target, rng)
    with connection.cursor() as c:
        c.execute("ANALYZE")  # fresh statistics for the planner, on PostgreSQL and SQLite alike
    print(f"kinerja dimuat: {len(target):,} target, {n_hasil:,} hasil, {time.perf_counter() - t0:.1f} s")


def _target(instansi, tahun: int) -> list:
    from kinerja.choices import StatusPK
    from kinerja.models import Indikator, PerjanjianKinerja, Sasaran, Target
    from organisasi.models import Unit

    unit = list(Unit.objects.filter(instansi=instansi, aktif=True).order_by("path"))
    anak: dict[int, list] = {}
    for u in unit:
        anak.setdefault(u.induk_id, []).append(u)
    uo = [u for u in unit if u.adalah_unit_organisasi]
    pk = PerjanjianKinerja.objects.bulk_create(
        [PerjanjianKinerja(unit=u, tahun=tahun, status=StatusPK.DITETAPKAN) for u in uo], batch_size=BATCH
    )
    sas = Sasaran.objects.bulk_create([Sasaran(perjanjian=p, urutan=1, uraian="Sasaran") for p in pk], BATCH)
    ind = Indikator.objects.bulk_create(
        [
            Indikator(sasaran=s, urutan=i, uraian=f"Indikator {i}", satuan="dokumen", target=100 * i)
            for s in sas
            for i in (1, 2, 3)
        ],
        batch_size=BATCH,
    )
    akar = Target.objects.bulk_create(
        [
            _t(
                i.uraian,
                i.target,
                perjanjian=i.sasaran.perjanjian,
                indikator=i,
                unit=i.sasaran.perjanjian.unit,
                tahun=tahun,
            )
            for i in ind
        ],
        batch_size=BATCH,
    )
    turun = [
        _t(f"Bagian {b.nama}", a.target / 2, perjanjian=a.perjanjian, induk=a, unit=b, tahun=tahun)
        for a in akar
        for b in anak.get(a.unit_id, [])
        if not b.adalah_unit_organisasi
    ]
    return akar + Target.objects.bulk_create(turun, batch_size=BATCH)


def _t(uraian: str, nilai, **kw):
    from kinerja.models import Target

    return Target(uraian=uraian, satuan="dokumen", target=Decimal(nilai), **kw)


def _pegawai_per_unit(instansi) -> dict[int, list[int]]:
    from organisasi.models import Pegawai

    per: dict[int, list[int]] = {}
    for pid, uid in Pegawai.objects.filter(unit__instansi=instansi).values_list("id", "unit_id").order_by("id"):
        per.setdefault(uid, []).append(pid)
    return per


def _rencana(target: list, tahun: int, rng: random.Random) -> None:
    from kinerja.choices import StatusRencana
    from kinerja.models import Anggaran, Kegiatan, Realisasi, RencanaKegiatan
    from organisasi.models import Pegawai

    siapa = Pegawai.objects.filter(unit__instansi=target[0].unit.instansi_id).values_list("id", flat=True).first()
    rencana = []
    for t in target:
        if rng.random() < 0.1:
            rencana.append(RencanaKegiatan(target=t, versi=1, status=StatusRencana.DIGANTI, disusun_oleh_id=siapa))
        versi = 2 if rencana and rencana[-1].target is t else 1
        rencana.append(RencanaKegiatan(target=t, versi=versi, status=StatusRencana.DISETUJUI, disusun_oleh_id=siapa))
    rencana = RencanaKegiatan.objects.bulk_create(rencana, batch_size=BATCH)
    mulai, selesai = dt.date(tahun, 1, 2), dt.date(tahun, 12, 30)
    kegiatan = Kegiatan.objects.bulk_create(
        [
            Kegiatan(rencana=r, urutan=i, uraian=f"Kegiatan {i}", mulai=mulai, selesai=selesai)
            for r in rencana
            for i in (1, 2)
        ],
        batch_size=BATCH,
    )
    anggaran = Anggaran.objects.bulk_create(
        [
            Anggaran(kegiatan=k, uraian=f"Belanja {i}", jumlah=rng.randrange(1, 50) * 1_000_000)
            for k in kegiatan
            for i in (1, 2)
        ],
        batch_size=BATCH,
    )
    Realisasi.objects.bulk_create(
        [
            Realisasi(
                kegiatan=a.kegiatan,
                anggaran=a,
                tanggal=mulai,
                uraian="Belanja",
                jumlah=a.jumlah // rng.randint(2, 5),
                oleh_id=siapa,
            )
            for a in anggaran
            if rng.random() < 0.7
        ],
        batch_size=BATCH,
    )


def _tim(target: list, tahun: int, rng: random.Random) -> None:
    from kinerja.models import Target
    from penugasan.models import AnggotaTim, TimKerja

    per_unit = _pegawai_per_unit(target[0].unit.instansi)
    pilih = [t for t in target if rng.random() < 0.2 and len(per_unit.get(t.unit_id, [])) >= 4]
    tim = TimKerja.objects.bulk_create(
        [
            TimKerja(
                nama=f"Tim {t.pk}",
                tujuan="Target",
                unit_pemilik_id=t.unit_id,
                sifat="rutin",
                mulai=dt.date(tahun, 1, 1),
                selesai=dt.date(tahun, 12, 31),
                ketua_id=per_unit[t.unit_id][0],
            )
            for t in pilih
        ],
        batch_size=BATCH,
    )
    anggota = []
    for t, tk in zip(pilih, tim, strict=True):
        t.tim = tk
        anggota += [AnggotaTim(tim=tk, pegawai_id=p, mulai=dt.date(tahun, 1, 1)) for p in per_unit[t.unit_id][1:4]]
    AnggotaTim.objects.bulk_create(anggota, batch_size=BATCH)
    Target.objects.bulk_update(pilih, ["tim"], batch_size=BATCH)


def _hasil(instansi, target: list, rng: random.Random) -> int:
    """About five results per staff member, on a target of their unit or the nearest unit above with one."""
    from django.utils import timezone

    from kinerja.choices import StatusHasil
    from kinerja.models import Hasil
    from organisasi.models import Unit

    per_unit: dict[int, list] = {}
    for t in target:
        per_unit.setdefault(t.unit_id, []).append(t)
    induk = dict(Unit.objects.filter(instansi=instansi).values_list("id", "induk_id"))
    sekarang, baris = timezone.now(), []
    for uid, staf in _pegawai_per_unit(instansi).items():
        u = uid
        while u is not None and u not in per_unit:
            u = induk.get(u)
        if u is None:
            continue
        for p in staf:
            for _ in range(rng.randint(3, 7)):
                status = rng.choices(
                    [StatusHasil.SELESAI, StatusHasil.DITINJAU, StatusHasil.DIKEMBALIKAN], [6, 2.5, 1.5]
                )[0]
                diajukan = sekarang - dt.timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 23))
                baris.append(
                    Hasil(
                        target=rng.choice(per_unit[u]),
                        pengaju_id=p,
                        status=status,
                        capaian=Decimal(rng.randint(1, 10)),
                        uraian="Hasil",
                        diajukan=diajukan,
                        menunggu_sejak=diajukan if status == StatusHasil.DITINJAU else None,
                        selesai=diajukan + dt.timedelta(days=2) if status == StatusHasil.SELESAI else None,
                    )
                )
    Hasil.objects.bulk_create(baris, batch_size=BATCH)
    return len(baris)


# --- the hand-written baseline ----------------------------------------------------------------------------


def _sql() -> str:
    """One statement for every per-target figure of a subtree, with the models' own table names."""
    from kinerja.models import Anggaran, Hasil, Kegiatan, Realisasi, RencanaKegiatan, Target
    from organisasi.models import Pegawai, Unit
    from penugasan.models import AnggotaTim, TimKerja

    n = {m.__name__: m._meta.db_table for m in (Anggaran, Hasil, Kegiatan, Realisasi, RencanaKegiatan, Target)}
    n |= {"Unit": Unit._meta.db_table, "Pegawai": Pegawai._meta.db_table}
    n |= {"TimKerja": TimKerja._meta.db_table, "AnggotaTim": AnggotaTim._meta.db_table}
    return """
WITH RECURSIVE tt AS (
  SELECT t.id, t.uraian, u.kode, t.target, t.induk_id, t.tim_id
  FROM {Target} t JOIN {Unit} u ON u.id = t.unit_id
  WHERE u.path LIKE %(awalan)s AND t.tahun = %(tahun)s AND t.aktif
), h AS (
  SELECT h.target_id,
    SUM(CASE WHEN h.status = 'selesai' THEN h.capaian END) AS capaian,
    COUNT(CASE WHEN h.status = 'ditinjau' THEN 1 END) AS menunggu,
    COUNT(CASE WHEN h.status = 'ditinjau' AND h.menunggu_sejak < %(awal)s THEN 1 END) AS terlambat,
    MIN(CASE WHEN h.status = 'ditinjau' THEN h.menunggu_sejak END) AS tertua
  FROM {Hasil} h JOIN tt ON tt.id = h.target_id GROUP BY h.target_id
), naik(asal, atas) AS (
  SELECT id, id FROM tt
  UNION ALL
  SELECT naik.asal, p.id FROM naik JOIN tt c ON c.id = naik.atas JOIN tt p ON p.id = c.induk_id
), cap AS (
  SELECT naik.atas AS target_id, SUM(h.capaian) AS capaian FROM naik JOIN h ON h.target_id = naik.asal
  GROUP BY naik.atas
), a AS (
  SELECT r.target_id, SUM(a.jumlah) AS jumlah
  FROM {Anggaran} a JOIN {Kegiatan} k ON k.id = a.kegiatan_id JOIN {RencanaKegiatan} r ON r.id = k.rencana_id
  JOIN tt ON tt.id = r.target_id WHERE r.status = 'disetujui' GROUP BY r.target_id
), s AS (
  SELECT r.target_id, SUM(s.jumlah) AS jumlah
  FROM {Realisasi} s JOIN {Kegiatan} k ON k.id = s.kegiatan_id JOIN {RencanaKegiatan} r ON r.id = k.rencana_id
  JOIN tt ON tt.id = r.target_id GROUP BY r.target_id
), m AS (
  SELECT g.tim_id, COUNT(DISTINCT g.pegawai_id) AS anggota FROM {AnggotaTim} g
  WHERE g.tim_id IN (SELECT tim_id FROM tt) AND g.mulai <= %(hari)s AND (g.selesai IS NULL OR g.selesai >= %(hari)s)
  GROUP BY g.tim_id
)
SELECT tt.id, tt.uraian, tt.kode, tt.target, COALESCE(cap.capaian, 0), COALESCE(h.menunggu, 0),
  COALESCE(h.terlambat, 0), h.tertua, COALESCE(a.jumlah, 0), COALESCE(s.jumlah, 0),
  COALESCE(tk.nama, ''), COALESCE(p.nama, ''), COALESCE(m.anggota, 0)
FROM tt LEFT JOIN h ON h.target_id = tt.id LEFT JOIN a ON a.target_id = tt.id LEFT JOIN s ON s.target_id = tt.id
LEFT JOIN {TimKerja} tk ON tk.id = tt.tim_id LEFT JOIN {Pegawai} p ON p.id = tk.ketua_id
LEFT JOIN m ON m.tim_id = tt.tim_id LEFT JOIN cap ON cap.target_id = tt.id
ORDER BY tt.id""".format(**n)


def sql_dasbor(sql: str, pd, tahun: int, hari: dt.date) -> list[tuple]:
    """The figures by hand: the instansi's review limit (one query), then everything per target (one)."""
    from django.db import connection

    from kinerja.dasbor import awal_tepat_waktu
    from kinerja.models import PengaturanKinerja

    ops = connection.ops
    with connection.cursor() as c:
        c.execute(
            f"SELECT batas_tinjau_hari FROM {PengaturanKinerja._meta.db_table} WHERE instansi_id = %s", [pd.instansi_id]
        )
        batas = (c.fetchone() or (5,))[0]
        awal = awal_tepat_waktu(batas, hari)  # the working-day rule, a pure function, as the dashboard uses
        param = {
            "awalan": pd.path + "%",
            "tahun": tahun,
            "awal": ops.adapt_datetimefield_value(awal),
            "hari": ops.adapt_datefield_value(hari),
        }
        c.execute(sql, param)
        return [_normal(*r) for r in c.fetchall()]


def _waktu(x) -> str | None:
    if x is None:
        return None
    if isinstance(x, str):  # SQLite keeps UTC text
        x = dt.datetime.fromisoformat(x).replace(tzinfo=dt.UTC)
    return x.astimezone(dt.UTC).isoformat()


def _normal(id_, uraian, kode, target, capaian, menunggu, terlambat, tertua, anggaran, realisasi, tim, ketua, anggota):
    d = lambda x: Decimal(str(x)).quantize(Decimal("0.01"))  # noqa: E731
    return (
        id_,
        uraian,
        kode,
        d(target),
        d(capaian),
        menunggu,
        terlambat,
        _waktu(tertua),
        int(anggaran),
        int(realisasi),
        tim,
        ketua,
        anggota,
    )


def dari_dasbor(d) -> list[tuple]:
    anggota = {t.id: t.anggota for t in d.tim}
    return sorted(
        _normal(
            b.id,
            b.uraian,
            b.unit_kode,
            b.target,
            b.capaian,
            b.menunggu,
            b.terlambat,
            b.tertua,
            b.anggaran,
            b.realisasi,
            b.tim_nama,
            b.tim_ketua,
            anggota.get(b.tim_id, 0),
        )
        for b in d.target
    )


# --- timing -----------------------------------------------------------------------------------------------


def persentil(xs: list[float]) -> tuple[float, float]:
    return statistics.median(xs), statistics.quantiles(xs, n=100, method="inclusive")[94]


def pilih_pd(instansi, tahun: int, banyak: int) -> list:
    from django.db.models import Count

    from kinerja.models import Target
    from organisasi.models import Unit
    from organisasi.selectors import KEDALAMAN_PERANGKAT_DAERAH

    pd = {u.path: u for u in Unit.objects.filter(instansi=instansi, depth=KEDALAMAN_PERANGKAT_DAERAH)}
    n = {p: 0 for p in pd}
    for r in Target.objects.filter(unit__instansi=instansi, tahun=tahun).values("unit__path").annotate(n=Count("id")):
        awalan = r["unit__path"][: Unit.steplen * KEDALAMAN_PERANGKAT_DAERAH]
        if awalan in n:
            n[awalan] += r["n"]
    urut = sorted(pd, key=lambda p: -n[p])
    besar = urut[: banyak // 2]
    lain = random.Random(BENIH).sample(urut[banyak // 2 :], min(banyak - len(besar), len(urut) - len(besar)))
    return [(pd[p], n[p]) for p in besar + lain]


def ukur(pd, tahun: int, n: int, sql: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.dasbor import dasbor

    hari = dt.date.today()
    for _ in range(2):  # warm-up: connection, statement caches
        d = dasbor(pd, tahun, hari)
        s = sql_dasbor(sql, pd, tahun, hari)
    with CaptureQueriesContext(connection) as q:
        dasbor(pd, tahun, hari)
    t_dj, t_sql = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        d = dasbor(pd, tahun, hari)
        t1 = time.perf_counter()
        s = sql_dasbor(sql, pd, tahun, hari)
        t2 = time.perf_counter()
        t_dj.append((t1 - t0) * 1000)
        t_sql.append((t2 - t1) * 1000)
    a, b = dari_dasbor(d), s
    beda = [(x, y) for x, y in zip(a, b, strict=False) if x != y] + (
        [("jumlah baris", len(a), len(b))] if len(a) != len(b) else []
    )
    return {"dj": persentil(t_dj), "sql": persentil(t_sql), "kueri": len(q), "beda": beda, "ringkasan": d.ringkasan}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skala", type=float, default=1.0, help="1 = 5 copies of the demo's agencies (~22,000 staff)")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--pd", type=int, default=6)
    parser.add_argument("--ulang", action="store_true")
    args = parser.parse_args()
    label = siapkan(args)
    import django

    django.setup()
    from kinerja.models import Hasil, Target
    from organisasi.models import Pegawai, Unit
    from organisasi.selectors import hari_ini

    tahun = hari_ini().year
    instansi = pastikan_instansi(args.salinan)
    muat_kinerja(instansi, tahun)
    print(
        f"basis data {label}; {Unit.objects.filter(instansi=instansi).count():,} unit, "
        f"{Pegawai.objects.filter(unit__instansi=instansi).count():,} pegawai, "
        f"{Target.objects.filter(unit__instansi=instansi, tahun=tahun).count():,} target, "
        f"{Hasil.objects.filter(target__unit__instansi=instansi).count():,} hasil; tahun {tahun}; "
        f"loadavg {os.getloadavg()[0]:.1f}"
    )
    sql, rasio = _sql(), []
    print(
        f"{'Perangkat Daerah':<44} {'target':>6} {'kueri':>5} {'Django p50/p95 ms':>18} "
        f"{'SQL p50/p95 ms':>16} {'rasio':>6}  angka"
    )
    for pd, n_target in pilih_pd(instansi, tahun, args.pd):
        h = ukur(pd, tahun, args.n, sql)
        rasio.append(h["dj"][0] / h["sql"][0])
        sama = "sama" if not h["beda"] else f"BEDA {len(h['beda'])}: {h['beda'][:2]}"
        print(
            f"{pd.nama[:44]:<44} {n_target:>6} {h['kueri']:>5} {h['dj'][0]:>8.1f} / {h['dj'][1]:<7.1f} "
            f"{h['sql'][0]:>7.1f} / {h['sql'][1]:<6.1f} {rasio[-1]:>5.2f}×  {sama}"
        )
    print(
        f"kinerja_dasbor: rasio p50 Django/SQL median {statistics.median(rasio):.2f}×, "
        f"terburuk {max(rasio):.2f}× (target 3×)"
    )


if __name__ == "__main__":
    main()
