"""Benchmark the two hot reads of the organisasi API against hand-written SQL.

(a) GET /api/v1/unit/<root>/pohon/ of the whole synthetic instansi, and
(b) GET /api/v1/pegawai/<nip>/kedudukan/ for 1,000 random staff,
each through the full Django request cycle (a real WSGIHandler call with Token auth
as an API client in group "Klien API"), against psycopg + plain Python producing
the same JSON (checked for equality). Prints p50/p95 latency, queries per request,
the ratio Django/baseline and the peak memory of one request. Asserts nothing.

The figures held to the bars (pohon <= 3x, kedudukan <= 5x the hand-written SQL) are computed afresh
on every request, like the baseline's: the shared structure fragments (`organisasi.cache`, which keep
the rendered `pohon` JSON) are off for them (STRUKTUR_CACHE=False). A figure with them on, where every
pohon request after the first is a cache hit, is printed beside it, labelled "(cache)": it says how
fast a kept answer is served, nothing about the code that builds it.

    python bench/kedudukan_pohon.py [--ulang] [--n-pohon 20] [--n-kedudukan 1000] [--profil]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sistemkerja_bench); the
database is created, migrated and loaded on first use (`--ulang` drops it and starts over).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import socket
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._db import URL, pastikan_instansi, siapkan_database  # noqa: E402

BASELINE = "SQL tulis tangan (psycopg bawaan)"
BASELINE_POLOS = "SQL tulis tangan, tanpa prepare"


def persentil(xs: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(xs, n=100, method="inclusive")
    return statistics.median(xs), q[94]


class Permintaan:
    """GET through Django's WSGIHandler (middleware, auth, view, renderer), counting the queries."""

    def __init__(self, token: str):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.token = token
        self.kueri = 0

    def _hitung(self, execute, sql, params, many, context):
        self.kueri += 1
        return execute(sql, params, many, context)

    def get(self, path: str, query: str = "") -> tuple[int, bytes, int]:
        from wsgiref.util import setup_testing_defaults

        from django.db import connection

        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "127.0.0.1",
            "SERVER_NAME": "127.0.0.1",
            "HTTP_ACCEPT": "application/json",
            "HTTP_AUTHORIZATION": f"Token {self.token}",
            "wsgi.input": io.BytesIO(b""),
        }
        setup_testing_defaults(environ)
        status = []
        self.kueri = 0
        with connection.execute_wrapper(self._hitung):
            respons = self.handler(environ, lambda s, h, e=None: status.append(s))
            isi = b"".join(respons)
            respons.close()
        return int(status[0].split()[0]), isi, self.kueri


def rss_kb(kunci: str) -> int:
    for baris in Path("/proc/self/status").read_text().splitlines():
        if baris.startswith(kunci + ":"):
            return int(baris.split()[1])
    return 0


def memori(fungsi) -> tuple[float, float]:
    """(tracemalloc peak MB, peak RSS growth MB) of one call."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    except OSError:
        pass
    rss_awal = rss_kb("VmRSS")
    tracemalloc.start()
    fungsi()
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return puncak / 2**20, (rss_kb("VmHWM") - rss_awal) / 1024


def _simpan_beda(nama: str, isi: bytes, ref: bytes) -> None:
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / f"beda-{nama}.json").write_text(
        json.dumps({"django": json.loads(isi), "baseline": json.loads(ref)}, indent=1, ensure_ascii=False)
    )


def ukur(nama: str, django_get, baseline: dict, n: int, kueri_baseline: int) -> dict:
    """Time n Django requests and each baseline, interleaved; check the answers are the same JSON.

    `baseline` maps a label to a function; the first one is the reference for the target.
    """
    t_dj, t_bl, kueri, beda, contoh = [], {k: [] for k in baseline}, [], 0, 0
    for i in range(n):
        t0 = time.perf_counter()
        status, isi, n_kueri = django_get(i)
        t_dj.append((time.perf_counter() - t0) * 1000)
        kueri.append(n_kueri)
        for label, fungsi in baseline.items():
            t0 = time.perf_counter()
            ref = fungsi(i)
            t_bl[label].append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise SystemExit(f"{nama}: HTTP {status}: {isi[:300]!r}")
        if i % 10 == 0 or n <= 50:  # equality on a sample
            contoh += 1
            if json.loads(isi) != json.loads(ref):
                beda += 1
                if beda == 1:
                    _simpan_beda(nama, isi, ref)
    p50, p95 = persentil(t_dj)
    print(f"\n{nama}: {n} permintaan, {len(isi):,} byte (terakhir)")
    print(
        f"  {'Django (WSGIHandler, token)':40s} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   "
        f"kueri/permintaan {min(kueri)}-{max(kueri)}"
    )
    hasil = {"p50": p50, "p95": p95, "kueri": max(kueri), "kueri_min": min(kueri), "beda": beda, "rasio": {}}
    for label, xs in t_bl.items():
        b50, b95 = persentil(xs)
        hasil["rasio"][label] = p50 / b50
        print(
            f"  {label:40s} p50 {b50:8.2f} ms   p95 {b95:8.2f} ms   kueri/permintaan {kueri_baseline}"
            f"   rasio Django/ini p50 {p50 / b50:5.2f}x  p95 {p95 / b95:5.2f}x"
        )
    print(
        f"  JSON sama: {contoh - beda}/{contoh} sampel"
        + (f"  (BEDA: lihat bench/out/beda-{nama}.json)" if beda else "")
    )
    return hasil


def profil(fungsi, judul: str) -> None:
    pr = cProfile.Profile()
    pr.enable()
    fungsi()
    pr.disable()
    out = io.StringIO()
    pstats.Stats(pr, stream=out).sort_stats("cumulative").print_stats(25)
    print(f"\n--- profil {judul} (kumulatif, 25 teratas) ---\n" + out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", action="store_true", help="hapus database benchmark dan muat ulang")
    parser.add_argument("--n-pohon", type=int, default=20)
    parser.add_argument("--n-kedudukan", type=int, default=1000)
    parser.add_argument("--profil", action="store_true", help="cetak profil cProfile: satu pohon dan 100 kedudukan")
    parser.add_argument(
        "--tanpa-cache", action="store_true", help="skip the labelled figure with the structure cache on"
    )
    args = parser.parse_args()
    siapkan_database(URL, args.ulang)
    os.environ.update(DATABASE_URL=URL, DJANGO_DEBUG="false", DJANGO_SETTINGS_MODULE="sistemkerja.settings.dev")
    # The cached figure uses the shared cache production uses (Redis), when the machine has it.
    redis_url = os.environ.get("BENCH_REDIS_CACHE_URL", "redis://127.0.0.1:6379/2")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        os.environ["REDIS_CACHE_URL"] = redis_url
    except OSError:
        os.environ.pop("REDIS_CACHE_URL", None)
    import django

    django.setup()
    import psycopg
    from django.conf import settings
    from django.test import override_settings

    from bench import baseline
    from bench.generate import KODE
    from bench.muat import token_klien
    from organisasi.models import Pegawai, PejabatUnit, Unit
    from organisasi.selectors import hari_ini

    pastikan_instansi()
    tanggal = hari_ini()
    print(
        f"instansi {KODE}: {Unit.objects.filter(instansi__kode=KODE).count():,} unit, "
        f"{Pegawai.objects.filter(unit__instansi__kode=KODE).count():,} pegawai, "
        f"{PejabatUnit.objects.pada(tanggal).exclude(jenis='definitif').count()} Plt/Plh/delegasi berlaku; "
        f"tanggal {tanggal}"
    )
    req = Permintaan(token_klien())
    # psycopg's defaults (server-side binding, statements prepared after 5 runs), and Django's (neither)
    conn = psycopg.connect(URL, autocommit=True)
    conn_polos = psycopg.connect(URL, autocommit=True, prepare_threshold=None, cursor_factory=psycopg.ClientCursor)
    nip = list(Pegawai.objects.filter(unit__instansi__kode=KODE).order_by("nip").values_list("nip", flat=True))
    sampel = random.Random(7).sample(nip, min(args.n_kedudukan, len(nip)))
    path_pohon = f"/api/v1/unit/{KODE}/pohon/"
    q = f"tanggal={tanggal.isoformat()}"
    print(
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; angka utama dihitung segar "
        f'(STRUKTUR_CACHE=False), angka "(cache)" dengan STRUKTUR_CACHE=True'
    )
    # The measured figures: every answer computed afresh, as the baseline computes its own.
    with override_settings(STRUKTUR_CACHE=False):
        for _ in range(2):  # warm-up: imports, connection, prepared statements
            req.get(path_pohon)
            baseline.pohon(conn, KODE, tanggal)
        print(f"beban mesin (loadavg 1 menit): {os.getloadavg()[0]:.1f} pada {os.cpu_count()} CPU")
        hasil_pohon = ukur(
            "pohon",
            lambda i: req.get(path_pohon),
            {
                BASELINE: lambda i: baseline.pohon(conn, KODE, tanggal),
                BASELINE_POLOS: lambda i: baseline.pohon(conn_polos, KODE, tanggal),
            },
            args.n_pohon,
            3,
        )
        hasil_ked = ukur(
            "kedudukan",
            lambda i: req.get(f"/api/v1/pegawai/{sampel[i]}/kedudukan/", q),
            {
                BASELINE: lambda i: baseline.kedudukan(conn, sampel[i], tanggal),
                BASELINE_POLOS: lambda i: baseline.kedudukan(conn_polos, sampel[i], tanggal),
            },
            len(sampel),
            2,
        )
        if hasil_pohon["kueri_min"] < 3:  # the baseline's three: fewer means an answer was not built
            print(f"  PERINGATAN: pohon dengan {hasil_pohon['kueri_min']} kueri: bukan dihitung segar")
        print("\nmemori satu permintaan (tracemalloc puncak / kenaikan RSS puncak):")
        for nama, f in [
            ("pohon", lambda: req.get(path_pohon)),
            ("kedudukan", lambda: req.get(f"/api/v1/pegawai/{sampel[0]}/kedudukan/", q)),
        ]:
            tm, rss = memori(f)
            print(f"  {nama:10s} {tm:7.1f} MB / {rss:7.1f} MB (target < 100 MB)")
    # Beside it, labelled: pohon served from the structure fragments (kedudukan is never kept).
    hasil_cache = None
    if not args.tanpa_cache:
        with override_settings(STRUKTUR_CACHE=True):
            req.get(path_pohon)  # the miss that fills it; every request below is a hit
            hasil_cache = ukur(
                "pohon (cache)",
                lambda i: req.get(path_pohon),
                {BASELINE: lambda i: baseline.pohon(conn, KODE, tanggal)},
                args.n_pohon,
                3,
            )
    r_pohon, r_ked = hasil_pohon["rasio"][BASELINE], hasil_ked["rasio"][BASELINE]
    print(
        f"\ntarget (p50, dihitung segar, terhadap {BASELINE}): "
        f"pohon <= 3x -> {r_pohon:.2f}x {'OK' if r_pohon <= 3 else 'GAGAL'}; "
        f"kedudukan <= 5x -> {r_ked:.2f}x {'OK' if r_ked <= 5 else 'GAGAL'}"
    )
    ringkas = (
        f"kedudukan_pohon: pohon {r_pohon:.2f}x (target 3x, fresh, {hasil_pohon['p50']:.1f} ms, "
        f"{hasil_pohon['kueri']} queries), kedudukan {r_ked:.2f}x (target 5x, fresh, "
        f"{hasil_ked['p50']:.2f} ms, {hasil_ked['kueri']} queries)"
    )
    if hasil_cache:
        ringkas += (
            f"; pohon (cache) {hasil_cache['rasio'][BASELINE]:.2f}x ({hasil_cache['p50']:.1f} ms, "
            f"{hasil_cache['kueri']} queries; not a target)"
        )
    print(ringkas + f"; loadavg {os.getloadavg()[0]:.1f}")
    if args.profil:
        with override_settings(STRUKTUR_CACHE=False):
            profil(lambda: req.get(path_pohon), "pohon (segar)")
            profil(lambda: [req.get(f"/api/v1/pegawai/{n}/kedudukan/", q) for n in sampel[:100]], "100x kedudukan")


if __name__ == "__main__":
    main()
