"""Outage tests run the app as production does (gunicorn, prod settings) against real PostgreSQL and
Redis reached through proxies the test can cut."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .proksi import Proksi

AKAR = Path(__file__).resolve().parents[2]


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def minta(url: str, headers: dict | None = None, timeout: float = 15) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def tunggu(syarat, batas: float = 30, jeda: float = 0.2):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        time.sleep(jeda)
    raise AssertionError("syarat tidak terpenuhi dalam batas waktu")


def redis_hidup() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def proksi_pg():
    p = Proksi((connection.settings_dict["HOST"] or "127.0.0.1", int(connection.settings_dict["PORT"] or 5432)))
    yield p
    p.tutup()


@pytest.fixture
def proksi_redis():
    if not redis_hidup():
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    import redis

    redis.Redis(db=14).flushdb()  # the app's cache database here: nothing left from another run
    p = Proksi(("127.0.0.1", 6379))
    yield p
    p.tutup()


def env_aplikasi(db_port: int, redis_port: int | None = None) -> dict:
    s = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.gangguan.settings_prod",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # sessions made here must verify there
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"postgres://{s['USER'] or 'postgres'}@127.0.0.1:{db_port}/{s['NAME']}",
        "CELERY_BROKER_URL": "",
        "PYTHONPATH": str(AKAR),
    }
    env.pop("REDIS_CACHE_URL", None)
    if redis_port is not None:
        env["REDIS_CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/14"
    return env


@pytest.fixture
def gunicorn():
    """Starts `gunicorn sistemkerja.wsgi` with the given environment; stops it at the end."""
    proses = []

    def mulai(env: dict) -> str:
        port = port_bebas()
        p = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                "1",
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "30",
                "sistemkerja.wsgi:application",
            ],
            cwd=AKAR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        proses.append(p)
        url = f"http://127.0.0.1:{port}"

        def siap():
            if p.poll() is not None:
                raise AssertionError("gunicorn berhenti: " + p.stderr.read().decode(errors="replace")[-2000:])
            try:
                return minta(url + "/sehat/", timeout=2)[0] == 200
            except OSError:
                return False

        tunggu(siap, batas=60)
        return url

    yield mulai
    for p in proses:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
