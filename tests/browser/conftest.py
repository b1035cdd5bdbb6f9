"""Playwright with Debian's chromium against pytest-django's live server (never `playwright install`)."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGUMEN_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

ALASAN_LEWATI = None
if sync_playwright is None:
    ALASAN_LEWATI = "paket playwright tidak terpasang (pip install playwright)"
elif not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
    ALASAN_LEWATI = f"chromium Debian tidak ditemukan di {CHROMIUM}"


def pytest_collection_modifyitems(config, items):
    if ALASAN_LEWATI is None:
        return
    lewati = pytest.mark.skip(reason=ALASAN_LEWATI)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(lewati)


@pytest.fixture
def peramban(transactional_db, live_server, monkeypatch):
    """A chromium per test, started after the database and live server are ready and stopped before the
    database is flushed. While Playwright's sync API runs, its event loop sits in this thread and Django
    refuses ORM calls beside it (SynchronousOnlyOperation); the test body only prepares data, so that check
    is lifted for the test's duration. Stopping Playwright ends the loop, so later tests in this worker
    keep the check."""
    if ALASAN_LEWATI:
        pytest.skip(ALASAN_LEWATI)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGUMEN_CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def buat_halaman(peramban, live_server):
    """Opens a fresh browser context (own cookies) and returns a page; `ukuran` sets the viewport."""
    konteks = []

    def buat(ukuran=(1280, 900), *, user=None):
        ctx = peramban.new_context(
            base_url=live_server.url,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            viewport={"width": ukuran[0], "height": ukuran[1]},
        )
        ctx.set_default_timeout(10_000)
        konteks.append(ctx)
        if user is not None:
            ctx.add_cookies([_cookie_sesi(user, live_server.url)])
        return ctx.new_page()

    yield buat
    for ctx in konteks:
        ctx.close()


def _cookie_sesi(user, url):
    """A signed-in session for `user` without typing a password (journeys other than sign-in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server):
    """pytest-django's live server, stopped before the test database is dropped. On PostgreSQL a connection
    opened beside Playwright's loop can outlive its owner (it is not in the context Django closes), and
    PostgreSQL then refuses to drop the worker's own test database; such leftovers are ended here."""
    yield live_server
    live_server.stop()
    live_server.stop = lambda: None  # pytest-django's own teardown stops it again
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as kursor:
            kursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()
