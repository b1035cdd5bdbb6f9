"""Error answers: 503 with Retry-After when a backing service is down, 500 otherwise; Indonesian, no trace."""

import pytest
import redis
from django.db import OperationalError
from django.test import Client, RequestFactory

from organisasi import views
from organisasi.api import views as api_views
from sistemkerja import galat


@pytest.fixture
def klien(admin_organisasi):
    c = Client(raise_request_exception=False)
    c.force_login(admin_organisasi)
    return c


def meledak(kesalahan):
    def view(*args, **kwargs):
        raise kesalahan

    return view


@pytest.mark.parametrize(
    "kesalahan",
    [
        OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
        redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
    ],
)
def test_a_page_whose_backing_service_is_down_is_a_503_in_indonesian(klien, struktur, monkeypatch, kesalahan):
    monkeypatch.setattr(views, "_akar_terlihat", meledak(kesalahan))
    r = klien.get("/struktur/")
    isi = r.content.decode()
    assert r.status_code == 503 and r["Retry-After"] == "30"
    assert "Layanan sedang terganggu" in isi and "coba lagi" in isi and '<html lang="id">' in isi
    assert "Traceback" not in isi and "5432" not in isi and "6379" not in isi


def test_the_api_answers_a_503_json_when_the_database_is_down(klien, struktur, monkeypatch):
    monkeypatch.setattr(api_views.UnitViewSet, "list", meledak(OperationalError("server closed the connection")))
    r = klien.get("/api/v1/unit/")
    assert r.status_code == 503 and r["Content-Type"] == "application/json" and r["Retry-After"] == "30"
    assert r.json() == {"detail": galat.PESAN_TERGANGGU, "kode": "layanan_terganggu"}


def test_a_wrapped_outage_is_recognised(klien, struktur, monkeypatch):
    def view(*args, **kwargs):
        try:
            raise redis.exceptions.TimeoutError("Timeout reading from socket")
        except redis.exceptions.TimeoutError as e:
            raise RuntimeError("cache gagal") from e

    monkeypatch.setattr(views, "_akar_terlihat", view)
    assert klien.get("/struktur/").status_code == 503


def test_any_other_error_is_a_500_page_without_a_trace(klien, struktur, monkeypatch):
    monkeypatch.setattr(views, "_akar_terlihat", meledak(ZeroDivisionError("rahasia-internal")))
    r = klien.get("/struktur/")
    isi = r.content.decode()
    assert r.status_code == 500 and "Retry-After" not in r
    assert "Terjadi kesalahan" in isi and "rahasia-internal" not in isi and "Traceback" not in isi
    r = klien.get("/api/v1/unit/", HTTP_ACCEPT="application/json")
    assert r.status_code == 200  # the API itself is unaffected


def test_a_bad_statement_is_a_bug_not_an_outage():
    import sqlite3

    try:
        try:
            raise sqlite3.OperationalError("no such table: organisasi_unit")
        except sqlite3.OperationalError as asal:
            raise OperationalError("no such table: organisasi_unit") from asal
    except OperationalError as e:
        assert not galat.pendukung_putus(e)
    assert galat.pendukung_putus(OperationalError("could not connect to server"))
    # PostgreSQL down behind its Unix socket says "No such file": an outage, whatever the words
    assert galat.pendukung_putus(
        OperationalError(
            'connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory'
        )
    )


def test_the_error_page_touches_no_database(db, django_assert_num_queries):
    permintaan = RequestFactory().get("/struktur/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        with django_assert_num_queries(0):
            r = galat.galat_server(permintaan)
    assert r.status_code == 503


def test_health_reports_the_database_down(client, db, monkeypatch, settings):
    from sistemkerja import health

    settings.CELERY_BROKER_URL = ""  # only the database is checked

    monkeypatch.setattr(health, "_basis_data", meledak(OperationalError("connection refused")))
    r = client.get("/sehat/")
    assert r.status_code == 503 and r.json() == {"status": "gangguan", "basis_data": "gangguan"}


def test_health_checks_redis_when_it_is_configured(client, db, settings, monkeypatch):
    from sistemkerja import health

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    r = client.get("/sehat/")
    assert r.status_code == 503 and r.json() == {"status": "gangguan", "basis_data": "ok", "broker": "gangguan"}
    monkeypatch.setattr(health, "_broker", lambda: None)
    assert client.get("/sehat/").json() == {"status": "ok", "basis_data": "ok", "broker": "ok"}
