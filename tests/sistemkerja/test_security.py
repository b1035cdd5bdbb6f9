"""Security: login lockout (django-axes), Content Security Policy (django-csp) and response headers."""

import datetime as dt
import importlib
import os
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests import factories as f

SANDI = "rahasia-uji-123"
PESAN_KUNCI = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture
def akun(struktur):
    """The analis' account, with a known password; its username is the bare NIP."""
    return f.akun_bersandi(struktur.analis, SANDI)


def masuk_web(client, username, password, **extra):
    return client.post("/masuk/", {"username": username, "password": password}, **extra)


def minta_token(username, password, **extra):
    return APIClient().post("/api/v1/token/", {"username": username, "password": password}, format="json", **extra)


# --- lockout: browser sign-in --------------------------------------------------------------------


def test_four_failures_still_let_the_right_password_in(client, akun):
    for _ in range(4):
        assert masuk_web(client, akun.username, "salah").status_code == 400  # the form again, refused
    r = masuk_web(client, akun.username, SANDI)
    assert r.status_code == 302
    assert client.session.get("_auth_user_id") == str(akun.pk)
    assert AccessAttempt.objects.count() == 0  # a success resets the count


def test_five_failures_lock_the_sign_in_and_the_right_password_is_refused(client, akun, struktur):
    for _ in range(4):
        masuk_web(client, akun.username, "salah")
    kelima = masuk_web(client, akun.username, "salah")
    assert kelima.status_code == 429
    r = masuk_web(client, struktur.analis.nip_tampil, SANDI)  # spaced NIP is the same account
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session
    isi = r.content.decode()
    assert "Akun dikunci sementara" in isi and PESAN_KUNCI in isi and "15 menit" in isi
    assert '<html lang="id">' in isi


def test_the_lock_holds_only_for_that_username_and_address(client, akun, struktur):
    for _ in range(5):
        masuk_web(client, akun.username, "salah")
    assert masuk_web(client, akun.username, SANDI, REMOTE_ADDR="10.1.2.3").status_code == 302
    lain = f.akun_bersandi(struktur.staf_bidang, SANDI)
    assert masuk_web(Client(), lain.username, SANDI).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, akun):
    for _ in range(5):
        masuk_web(client, akun.username, "salah")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert masuk_web(client, akun.username, SANDI).status_code == 302


def test_admin_sign_in_is_locked_too(client, admin_organisasi):
    admin_organisasi.set_password(SANDI)
    admin_organisasi.save()
    data = {"username": admin_organisasi.username, "password": "salah", "next": "/admin/"}
    for _ in range(5):
        client.post("/admin/login/", data)
    r = client.post("/admin/login/", {**data, "password": SANDI})
    assert r.status_code == 429
    assert PESAN_KUNCI in r.content.decode()
    assert "_auth_user_id" not in client.session


# --- lockout: API token --------------------------------------------------------------------------


def test_five_failures_lock_the_token_endpoint_with_a_json_429(akun):
    for _ in range(4):
        assert minta_token(akun.username, "salah").status_code == 401
    assert minta_token(akun.username, "salah").status_code == 429
    r = minta_token(akun.username, SANDI)
    assert r.status_code == 429
    assert r["Content-Type"] == "application/json"
    assert r.json()["kode"] == "terkunci" and PESAN_KUNCI in r.json()["detail"]
    assert r["Retry-After"] == str(15 * 60)
    assert "token" not in r.json()
    # Another address is not locked out.
    assert minta_token(akun.username, SANDI, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_failures_on_the_token_endpoint_and_the_form_add_up(client, akun):
    for _ in range(3):
        minta_token(akun.username, "salah")
    for _ in range(2):
        masuk_web(client, akun.username, "salah")
    assert minta_token(akun.username, SANDI).status_code == 429


# --- Content Security Policy and headers ---------------------------------------------------------


def kebijakan(resp) -> dict[str, list[str]]:
    header = resp["Content-Security-Policy"]
    return {bagian.split()[0]: bagian.split()[1:] for bagian in header.split(";") if bagian.strip()}


class SkripSisipan(HTMLParser):
    """Collects the attributes of every <script> without src that a browser would execute."""

    def __init__(self):
        super().__init__()
        self.sisipan = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        jenis = (attrs.get("type") or "text/javascript").lower()
        if tag == "script" and "src" not in attrs and ("javascript" in jenis or jenis == "module"):
            self.sisipan.append(attrs)
        for nama in attrs:
            if nama.startswith("on"):  # onclick= and friends are inline script too
                self.sisipan.append(attrs)


def skrip_sisipan(resp) -> list[dict]:
    p = SkripSisipan()
    p.feed(resp.content.decode())
    return p.sisipan


@pytest.fixture
def superuser(django_user_model, db):
    return django_user_model.objects.create_superuser("super", "super@example.com", SANDI)


def halaman(struktur) -> list[str]:
    return [
        "/",
        "/struktur/",
        "/unit/setda/",
        f"/pegawai/{struktur.analis.nip}/",
        "/audit/",
        "/admin/",
        "/admin/organisasi/unit/",
        "/admin/organisasi/pegawai/",
    ]


def test_pages_carry_a_strict_csp_and_no_inline_script(client, struktur, superuser):
    client.force_login(superuser)
    for url in halaman(struktur):
        r = client.get(url, HTTP_ACCEPT="text/html")
        assert r.status_code == 200, url
        csp = kebijakan(r)
        assert csp["script-src"][0] == "'self'" and "'unsafe-inline'" not in csp["script-src"], url
        assert "'unsafe-eval'" not in csp["script-src"]
        assert csp["style-src"] == ["'self'"], url
        assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"]
        assert csp["base-uri"] == ["'self'"] and csp["img-src"] == ["'self'", "data:"]
        assert skrip_sisipan(r) == [], url


def test_sign_in_and_lockout_pages_have_no_inline_script(client, akun):
    assert skrip_sisipan(client.get("/masuk/")) == []
    for _ in range(5):
        r = masuk_web(client, akun.username, "salah")
    assert r.status_code == 429 and skrip_sisipan(r) == []
    assert "'unsafe-inline'" not in kebijakan(r)["script-src"]


def test_swagger_docs_run_their_only_inline_script_by_nonce(client, db):
    r = client.get("/api/v1/docs/")
    assert r.status_code == 200
    csp = kebijakan(r)
    nonce = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert len(nonce) == 1 and "'unsafe-inline'" not in csp["script-src"]
    sisipan = skrip_sisipan(r)
    assert [f"'nonce-{s.get('nonce')}'" for s in sisipan] in ([], nonce)  # none (split view) or nonce'd
    # Swagger UI injects <style>: only the docs pages allow inline styles, never inline scripts.
    assert "'unsafe-inline'" in csp["style-src"]
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in r.content.decode()


def test_redoc_has_no_inline_script(client, db):
    r = client.get("/api/v1/redoc/")
    assert r.status_code == 200
    assert skrip_sisipan(r) == []
    assert "'unsafe-inline'" not in kebijakan(r)["script-src"]
    assert '<redoc spec-url="/api/v1/schema/">' in r.content.decode()


def test_nonces_differ_per_request(client, db):
    satu, dua = (kebijakan(client.get("/api/v1/docs/"))["script-src"] for _ in range(2))
    assert satu != dua


@pytest.mark.parametrize("url", ["/masuk/", "/", "/tidak-ada/", "/api/v1/unit/", "/api/v1/token/", "/sehat/"])
def test_security_headers_on_every_response(client, db, url):
    r = client.get(url)
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
    assert r["X-Frame-Options"] == "DENY"
    assert r["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert "Content-Security-Policy" in r


# --- production settings -------------------------------------------------------------------------


def test_production_settings_make_cookies_secure_and_send_hsts(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "k" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "sistemkerja.malangkab.go.id")
    for nama in ("AXES_FAILURE_LIMIT", "AXES_COOLOFF_MINUTES", "TRUSTED_PROXIES", "AXES_ENABLED"):
        monkeypatch.delenv(nama, raising=False)
    monkeypatch.delitem(sys.modules, "sistemkerja.settings.prod", raising=False)
    try:
        prod = importlib.import_module("sistemkerja.settings.prod")
    finally:
        sys.modules.pop("sistemkerja.settings.prod", None)
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE and prod.SESSION_COOKIE_HTTPONLY
    assert prod.SECURE_HSTS_SECONDS >= 31536000 and prod.SECURE_SSL_REDIRECT
    assert prod.AXES_ENABLED and prod.AXES_FAILURE_LIMIT == 5
    assert prod.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)
    assert prod.TRUSTED_PROXIES == []  # X-Forwarded-For believed only from proxies named in the environment
    assert prod.AUTHENTICATION_BACKENDS[0] == "sistemkerja.security.AxesBackend"
    assert prod.MIDDLEWARE[-1] == "sistemkerja.security.AxesMiddleware"


def test_lockout_settings_come_from_the_environment(tmp_path):
    kode = (
        "from sistemkerja.settings import base; "
        "print(base.AXES_FAILURE_LIMIT, int(base.AXES_COOLOFF_TIME.total_seconds()))"
    )
    r = subprocess.run(
        [sys.executable, "-c", kode],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "AXES_FAILURE_LIMIT": "3", "AXES_COOLOFF_MINUTES": "30"},
    )
    assert r.stdout.split() == ["3", "1800"], r.stderr


# --- a real browser: no CSP violation ------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pelanggaran_csp(url: str) -> tuple[list[str], str]:
    """Loads `url` in headless chromium; returns its console's CSP violations and the rendered DOM."""
    r = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    baris = [b for b in r.stderr.splitlines() if "Content Security Policy" in b]
    return baris, r.stdout


@pytest.fixture(scope="module")
def server_tanpa_db():
    """These pages need no database: a plain WSGI server thread, not live_server (whose transactional
    flush breaks when another test in the worker left an asyncio loop running, e.g. Playwright)."""
    from django.core.wsgi import get_wsgi_application

    class Diam(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Diam)
    benang = threading.Thread(target=httpd.serve_forever, daemon=True)
    benang.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium tidak terpasang")
@pytest.mark.parametrize(
    "url, penanda",
    [
        ("/masuk/", 'name="username"'),
        ("/admin/login/", 'id="login-form"'),
        ("/api/v1/docs/", 'class="swagger-ui'),
        ("/api/v1/redoc/", "api-content"),
    ],
)
def test_pages_run_in_chromium_without_csp_violations(server_tanpa_db, url, penanda):
    baris, dom = pelanggaran_csp(server_tanpa_db + url)
    # Redoc's "powered by" logo comes from its CDN; blocking it is intended (no outside requests).
    baris = [b for b in baris if "https://cdn.redoc.ly/" not in b]
    assert baris == []
    assert penanda in dom  # the page (and its JavaScript UI) really rendered


# --- client address behind proxies ---------------------------------------------------------------


def test_a_forged_forwarded_for_does_not_escape_the_lock_without_a_trusted_proxy(client, akun):
    for i in range(5):
        masuk_web(client, akun.username, "salah", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert masuk_web(client, akun.username, SANDI, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_one_proxy_the_address_it_appended_is_counted(client, akun, settings):
    settings.TRUSTED_PROXIES = ["10.9.0.2"]
    proksi = {"REMOTE_ADDR": "10.9.0.2"}
    for i in range(5):  # the client forges the left part; the proxy appends the real 203.0.113.7
        masuk_web(client, akun.username, "salah", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}, 203.0.113.7", **proksi)
    ke = masuk_web(client, akun.username, SANDI, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **proksi)
    assert ke.status_code == 429
    assert masuk_web(client, akun.username, SANDI, HTTP_X_FORWARDED_FOR="203.0.113.8", **proksi).status_code == 302


def test_forwarded_for_is_believed_only_from_a_configured_proxy(rf, settings):
    from sistemkerja.security import alamat_klien

    def alamat(xff, peer):
        return alamat_klien(rf.get("/", HTTP_X_FORWARDED_FOR=xff, REMOTE_ADDR=peer))

    settings.TRUSTED_PROXIES = ["10.9.0.0/24"]
    assert alamat("203.0.113.7", "192.0.2.50") == "192.0.2.50"  # not from the proxy: the peer
    assert alamat("1.2.3.4, 203.0.113.7, 10.9.0.3", "10.9.0.2") == "203.0.113.7"  # first non-proxy from the right
    assert alamat("foo", "10.9.0.9") == "10.9.0.9"  # not an address: the last one believed
    settings.TRUSTED_PROXIES = []
    assert alamat("203.0.113.7", "10.9.0.2") == "10.9.0.2"


def test_a_malformed_trusted_proxy_stops_the_start():
    hasil = subprocess.run(
        [sys.executable, "-c", "from sistemkerja.settings import base"],
        capture_output=True,
        text=True,
        env={**os.environ, "TRUSTED_PROXIES": "10.0.0.1,bukan-alamat"},
    )
    assert hasil.returncode != 0 and "TRUSTED_PROXIES" in hasil.stderr


@pytest.mark.parametrize("nama", ["a" * 256, "1985\x00"])
def test_an_impossible_username_is_a_failed_sign_in_not_a_server_error(db, client, nama):
    """No account has such a name: refused before any lookup or lockout log (PostgreSQL gave 500)."""
    r = client.post("/masuk/", {"username": nama, "password": "x"})
    assert r.status_code == 400 and r.context["form"].errors and "_auth_user_id" not in client.session
    r = APIClient().post("/api/v1/token/", {"username": nama, "password": "x"}, format="json")
    assert r.status_code == 401
    assert not AccessAttempt.objects.exists()


def test_answers_with_personal_data_are_not_kept_by_browsers_or_proxies(struktur, client):
    orang = struktur.analis
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {f.kunci_token(orang.akun)}")
    for r in (api.get(f"/api/v1/pegawai/{orang.nip}/"), api.get("/api/v1/saya/"), APIClient().get("/api/v1/saya/")):
        assert "no-store" in r["Cache-Control"]
    client.force_login(orang.akun)
    for url in ("/", f"/pegawai/{orang.nip}/", f"/unit/{struktur.bag_org.kode}/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.logout()
