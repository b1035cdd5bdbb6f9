"""Security plumbing: login lockout (django-axes), per-page CSP relaxations and extra response headers.

Nothing here holds a business rule; it adapts third-party security tools to this project's pages.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.middleware import AxesMiddleware as AxesMiddlewareAsli
from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

PESAN_TERKUNCI = (
    "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, akun ini dikunci sementara "
    "dari alamat Anda; coba lagi setelah {menit} menit atau hubungi Admin Organisasi."
)

# Pages whose third-party UI (Swagger UI, Redoc) injects <style> elements at run time.
HALAMAN_GAYA_SISIPAN = {"api-docs", "api-redoc"}


class AxesBackend(AxesStandaloneBackend):
    """Refuses a locked-out username+address; skips calls that carry no request.

    Every login path (browser form, admin, API token) passes the request. A call without one
    (Django's test client `login()`, a management command) has no address to count, so it is
    left to the next backend instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def alamat_klien(request) -> str | None:
    """The client address axes counts failures for (AXES_CLIENT_IP_CALLABLE), also the access log's.

    X-Forwarded-For is only believed as far as the trusted proxies (TRUSTED_PROXY_COUNT) wrote it: a
    client can put anything at its left end, so the entry the outermost trusted proxy appended is used,
    and only if it is an IP address at all (else REMOTE_ADDR).
    """
    jumlah = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if jumlah > 0:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(diteruskan) >= jumlah:
            try:
                return str(ipaddress.ip_address(diteruskan[-jumlah]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def menit_kunci(request) -> int:
    jeda = get_cool_off(request)
    return max(1, int(jeda.total_seconds() // 60)) if jeda else 0


def respons_terkunci(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: JSON 429 for the API, an Indonesian page (429) elsewhere."""
    menit = menit_kunci(request)
    pesan = PESAN_TERKUNCI.format(menit=menit)
    if request.path.startswith("/api/"):
        respons = JsonResponse({"detail": pesan, "kode": "terkunci"}, status=429)
        if menit:
            respons["Retry-After"] = str(menit * 60)
        return respons
    return render(request, "axes/lockout.html", {"pesan": pesan, "menit": menit}, status=429)


class AxesMiddleware(AxesMiddlewareAsli):
    """django-axes' middleware, also for DRF views.

    DRF wraps the request, so axes marks the wrapper (`Request`) as locked out, not the
    HttpRequest this middleware sees. The DRF response keeps the wrapper in `renderer_context`.
    """

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.AXES_ENABLED:
            return response
        drf_request = (getattr(response, "renderer_context", None) or {}).get("request")
        if drf_request is not None and drf_request.__dict__.get("axes_locked_out"):
            request.axes_locked_out = True
            request.axes_credentials = drf_request.__dict__.get("axes_credentials")
        if getattr(request, "axes_locked_out", None):
            return respons_terkunci(request, response, getattr(request, "axes_credentials", None))
        return response


class HeaderKeamananMiddleware:
    """Adds Permissions-Policy to every response and relaxes style-src on the API docs pages only.

    Place it after `csp.middleware.CSPMiddleware` so its marks are read when the header is built.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        kebijakan = getattr(settings, "PERMISSIONS_POLICY", "")
        if kebijakan and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = kebijakan
        cocok = getattr(request, "resolver_match", None)
        if cocok is not None and cocok.url_name in HALAMAN_GAYA_SISIPAN:
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
