"""PostgreSQL or Redis goes down under a running production server: every answer is a clear 503 page
or JSON (no stack trace, nothing half-written), and service comes back by itself when they return,
without restarting anything."""

import json

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests import factories as f

from .conftest import env_aplikasi, minta, tunggu

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pemanggil(struktur, admin_organisasi):
    """A token of an API client (its permission answer goes through the cache) and a browser session."""
    aplikasi = f.akun_klien_api("aplikasi-gangguan")
    c = Client()
    c.force_login(admin_organisasi)
    return {
        "api": {"Authorization": f"Token {f.kunci_token(aplikasi)}", "Accept": "application/json"},
        "halaman": {
            "Cookie": f"{django_settings.SESSION_COOKIE_NAME}={c.cookies[django_settings.SESSION_COOKIE_NAME].value}",
            "X-Forwarded-Proto": "https",
        },
    }


def periksa_normal(url: str, pemanggil: dict) -> None:
    status, _, isi = minta(url + "/api/v1/unit/setda/", pemanggil["api"])
    assert status == 200 and json.loads(isi)["kode"] == "setda"
    status, _, isi = minta(url + "/unit/setda/", pemanggil["halaman"])
    assert status == 200 and "Sekretariat Daerah" in isi.decode()


def periksa_terganggu(url: str, pemanggil: dict, *, sehat: dict) -> None:
    status, header, isi = minta(url + "/api/v1/unit/setda/", pemanggil["api"])
    assert (status, header["Retry-After"]) == (503, "30")
    assert json.loads(isi)["kode"] == "layanan_terganggu"
    status, header, isi = minta(url + "/unit/setda/", pemanggil["halaman"])
    teks = isi.decode()
    assert status == 503 and "Layanan sedang terganggu" in teks and '<html lang="id">' in teks
    assert "Traceback" not in teks and "psycopg" not in teks and "redis" not in teks.lower()
    status, _, isi = minta(url + "/sehat/")
    assert (status, json.loads(isi)) == (503, {"status": "gangguan", **sehat})


def test_postgresql_down_gives_503_and_service_returns_by_itself(proksi_pg, gunicorn, pemanggil):
    url = gunicorn(env_aplikasi(proksi_pg.port))
    periksa_normal(url, pemanggil)  # the worker now holds a persistent connection (CONN_MAX_AGE)

    proksi_pg.putus()
    periksa_terganggu(url, pemanggil, sehat={"basis_data": "gangguan"})
    periksa_terganggu(url, pemanggil, sehat={"basis_data": "gangguan"})  # and stays clear while down

    proksi_pg.sambung()
    tunggu(lambda: minta(url + "/sehat/")[0] == 200, batas=20)
    periksa_normal(url, pemanggil)


def test_redis_down_gives_503_and_service_returns_by_itself(proksi_pg, proksi_redis, gunicorn, pemanggil):
    url = gunicorn(env_aplikasi(proksi_pg.port, proksi_redis.port))
    periksa_normal(url, pemanggil)

    proksi_redis.putus()
    status, header, isi = minta(url + "/api/v1/unit/setda/", pemanggil["api"])
    assert (status, header["Retry-After"], json.loads(isi)["kode"]) == (503, "30", "layanan_terganggu")
    status, _, isi = minta(url + "/sehat/")
    assert (status, json.loads(isi)) == (503, {"status": "gangguan", "basis_data": "ok", "cache": "gangguan"})

    proksi_redis.sambung()
    tunggu(lambda: minta(url + "/sehat/")[0] == 200, batas=20)
    periksa_normal(url, pemanggil)
