"""The bench database and the synthetic instansi in it, shared by `kedudukan_pohon.py` and `load`.

    siapkan_database(URL, ulang)   # before django.setup(): create (or drop and create) the database
    pastikan_instansi()            # after django.setup(): migrate, and load kab-sintetis if missing

The database is BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sistemkerja_bench),
never the app's.
"""

from __future__ import annotations

import os
import time
from urllib.parse import urlsplit, urlunsplit

URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sistemkerja_bench")


def siapkan_database(url: str = URL, ulang: bool = False) -> None:
    """Create the database of `url` if missing (`ulang`: drop it first)."""
    import psycopg

    bagian = urlsplit(url)
    nama = bagian.path.lstrip("/")
    with psycopg.connect(urlunsplit(bagian._replace(path="/postgres")), autocommit=True) as conn:
        if ulang:
            conn.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (nama,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{nama}"')


def pastikan_instansi() -> bool:
    """Migrate, then generate and load the synthetic instansi unless it is there. True if it was loaded."""
    from django.core.management import call_command

    from bench.generate import KODE, generate
    from bench.muat import muat
    from organisasi.models import Instansi

    call_command("migrate", verbosity=0)
    if Instansi.objects.filter(kode=KODE).exists():
        return False
    t0 = time.perf_counter()
    data = generate()
    t1 = time.perf_counter()
    muat(data)
    print(
        f"dibangkitkan {t1 - t0:.1f} s, dimuat (bulk_create + pola_hitung_ulang + VACUUM ANALYZE) "
        f"{time.perf_counter() - t1:.1f} s"
    )
    return True
