"""What the user sees when something breaks: a clear Indonesian page or JSON, never a stack trace.

Django calls `galat_server` (handler500) for any uncaught exception once DEBUG is off, from the view or
any middleware. When the cause is a backing service that cannot be reached (PostgreSQL, Redis, the
Celery broker) the answer is 503 with Retry-After: the request may simply be tried again, and nothing
needs restarting, because Django replaces a broken database connection on the next request
(CONN_HEALTH_CHECKS) and redis-py reconnects by itself. These pages touch no database and no cache.
"""

import logging
import sys

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

COBA_LAGI_DETIK = 30
PESAN_TERGANGGU = (
    "Layanan sedang terganggu: basis data atau layanan pendukung tidak dapat dihubungi. "
    "Tidak ada data yang berubah; coba lagi dalam beberapa saat."
)
PESAN_GALAT = (
    "Terjadi kesalahan pada server. Kejadian ini sudah dicatat untuk petugas; "
    "coba lagi atau hubungi Bagian Organisasi bila berulang."
)


PENDUKUNG_PUTUS = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)


def pendukung_putus(galat: BaseException | None) -> bool:
    """Whether the exception (or one it was raised from) means a backing service is unreachable."""
    while galat is not None:
        if isinstance(galat, PENDUKUNG_PUTUS) and not _galat_sql(galat):
            return True
        galat = galat.__cause__ or galat.__context__
    return False


def _galat_sql(galat: BaseException) -> bool:
    """SQLite's OperationalError for a bad statement ('no such table') is a bug, not an outage. (The same
    words in a PostgreSQL message, 'No such file or directory' on its socket, are an outage.)"""
    if not isinstance(galat, DatabaseError):
        return False
    asal = galat.__cause__ or galat
    if type(asal).__module__.split(".")[0] != "sqlite3":
        return False
    pesan = str(galat).lower()
    return "no such" in pesan or "syntax error" in pesan


def _minta_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def galat_server(request, *args, **kwargs):
    galat = sys.exc_info()[1]
    putus = pendukung_putus(galat)
    status, pesan, judul = (
        (503, PESAN_TERGANGGU, "Layanan sedang terganggu") if putus else (500, PESAN_GALAT, "Terjadi kesalahan")
    )
    if putus:
        logger.warning("layanan pendukung tidak dapat dihubungi: %s %s: %r", request.method, request.path, galat)
    if _minta_json(request):
        respons = JsonResponse(
            {"detail": pesan, "kode": "layanan_terganggu" if putus else "galat_server"}, status=status
        )
    else:
        isi = loader.render_to_string("galat.html", {"judul": judul, "pesan": pesan, "status": status})
        respons = HttpResponse(isi, status=status)
    if putus:
        respons["Retry-After"] = str(COBA_LAGI_DETIK)
    respons["Cache-Control"] = "no-store"
    return respons


# --- 400, 403, 404 outside DRF's views: JSON under /api/, an Indonesian page elsewhere ----------------

PESAN_TERLALU_BESAR = "Isi permintaan terlalu besar (paling banyak 2,5 MB dan 1.000 kolom)."
PESAN_CSRF = "Token CSRF tidak ada atau tidak sah: muat ulang halaman, lalu coba lagi."
PESAN_KLIEN = {
    400: ("Permintaan tidak sah", "Permintaan tidak dapat diproses: periksa isinya, lalu coba lagi."),
    403: ("Tidak berwenang", "Anda tidak berwenang membuka halaman ini."),
    404: ("Tidak ditemukan", "Halaman atau data yang dicari tidak ada, atau di luar cakupan Anda."),
    413: ("Terlalu besar", PESAN_TERLALU_BESAR),
}


def _galat_klien(request, status: int):
    judul, pesan = PESAN_KLIEN[status]
    if _minta_json(request):
        return JsonResponse({"detail": pesan}, status=status)
    isi = loader.render_to_string("galat.html", {"judul": judul, "pesan": pesan, "status": status}, request)
    return HttpResponse(isi, status=status)


def galat_permintaan(request, exception=None):
    """handler400: a body over DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields is 413."""
    terlalu_besar = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    return _galat_klien(request, 413 if terlalu_besar else 400)


def galat_terlarang(request, exception=None):
    """handler403 (CSRF failures of pages have their own view: `galat_csrf`)."""
    return _galat_klien(request, 403)


def galat_csrf(request, reason=""):
    """CSRF_FAILURE_VIEW: the page's token was missing or stale."""
    if _minta_json(request):
        return JsonResponse({"detail": PESAN_CSRF}, status=403)
    isi = loader.render_to_string(
        "galat.html",
        {
            "judul": "Formulir kedaluwarsa",
            "pesan": "Formulir ini sudah kedaluwarsa atau tidak lengkap: muat ulang halaman, lalu kirim lagi.",
            "status": 403,
        },
        request,
    )
    return HttpResponse(isi, status=403)


def galat_tidak_ada(request, exception=None):
    """handler404."""
    return _galat_klien(request, 404)


# --- the same pages on the development server ---------------------------------------------------------


class HalamanGalatDebugMiddleware:
    """With DEBUG on (the development server, `make run`'s demo) Django answers a 404 with its technical
    page, in English, listing every URL pattern; this answers it with `galat_tidak_ada`, as production
    does. (A 403 gets handler403 with DEBUG on as well.) An uncaught error keeps Django's technical page
    for the developer (django-csp leaves it outside the policy). Not loaded with DEBUG off: Django calls
    the handlers itself then."""

    def __init__(self, get_response):
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        respons = self.get_response(request)
        if respons.status_code == 404 and request.resolver_match is None:
            return galat_tidak_ada(request)  # no URL pattern matched: the answer is Django's technical 404
        return respons

    def process_exception(self, request, exception):
        """A view's Http404 (get_object_or_404, restrict): our page instead of the technical one."""
        return galat_tidak_ada(request, exception) if isinstance(exception, Http404) else None
