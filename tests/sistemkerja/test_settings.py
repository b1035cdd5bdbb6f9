import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def jalankan(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def jalankan_python(kode: str, **env) -> str:
    r = subprocess.run(
        [sys.executable, "-c", kode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=True,
    )
    return r.stdout.strip()


def test_production_settings_pass_check_deploy_with_no_warning():
    r = jalankan(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="sistemkerja.settings.prod",
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-with-enough-entropy-0123456789",
        DJANGO_ALLOWED_HOSTS="sistemkerja.malangkab.go.id",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    r = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "DJANGO_SETTINGS_MODULE": "sistemkerja.settings.prod", "DJANGO_ALLOWED_HOSTS": "x"},
        timeout=120,
    )
    assert r.returncode != 0
    assert "DJANGO_SECRET_KEY" in r.stderr


def test_a_malformed_environment_value_fails_loudly():
    r = jalankan("check", DJANGO_DEBUG="perhaps")
    assert r.returncode != 0


def test_health_endpoint_reports_ok(client, db, settings):
    settings.CELERY_BROKER_URL = ""  # without a broker only the database is checked
    r = client.get("/sehat/")
    assert (r.status_code, r.json()) == (200, {"status": "ok", "basis_data": "ok"})


def test_sessions_use_the_cache_only_when_it_is_shared():
    kode = (
        "from sistemkerja.settings import base; print(base.SESSION_ENGINE if hasattr(base, 'SESSION_ENGINE') else 'db')"
    )
    bersama = jalankan_python(kode, REDIS_CACHE_URL="redis://127.0.0.1:6379/1")
    sendiri = jalankan_python(kode, REDIS_CACHE_URL="")
    assert (bersama, sendiri) == ("django.contrib.sessions.backends.cached_db", "db")


def test_production_caches_structure_answers_only_with_a_shared_cache():
    kode = "from sistemkerja.settings import prod; print(prod.STRUKTUR_CACHE)"
    env = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "x"}
    assert jalankan_python(kode, REDIS_CACHE_URL="", **env) == "False"
    assert jalankan_python(kode, REDIS_CACHE_URL="redis://127.0.0.1:6379/1", **env) == "True"
