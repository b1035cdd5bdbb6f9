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
from django.utils.cache import add_never_cache_headers

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


def _jaringan(alamat: str):
    return ipaddress.ip_network(alamat.strip(), strict=False)


def proksi_tepercaya() -> list:
    """TRUSTED_PROXIES as networks (an address is a network of one)."""
    return [_jaringan(a) for a in getattr(settings, "TRUSTED_PROXIES", []) if a.strip()]


def alamat_klien(request) -> str | None:
    """The client address axes counts failures for (AXES_CLIENT_IP_CALLABLE), also the access log's.

    X-Forwarded-For is believed only when the request comes from a configured proxy (TRUSTED_PROXIES),
    and only as far as such proxies wrote it: from its right end, the first address that is not a
    trusted proxy is the client (a client can put anything at the left end). An entry that is not an IP
    address at all ends the walk at the last address believed.
    """
    tepercaya = proksi_tepercaya()
    klien = request.META.get("REMOTE_ADDR")

    def dipercaya(alamat) -> bool:
        try:
            ip = ipaddress.ip_address(alamat)
        except ValueError:
            return False
        return any(ip in jaringan for jaringan in tepercaya)

    if not tepercaya or not dipercaya(klien):
        return klien
    for alamat in reversed([a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]):
        try:
            klien = str(ipaddress.ip_address(alamat))
        except ValueError:
            break
        if not dipercaya(klien):
            break
    return klien


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
    """Adds Permissions-Policy to every response, `Cache-Control: no-store` to every API answer and every
    page served to a signed-in user (they carry personal data: no browser or proxy keeps them), and
    relaxes style-src on the API docs pages only.

    Place it after `csp.middleware.CSPMiddleware` so its marks are read when the header is built.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        kebijakan = getattr(settings, "PERMISSIONS_POLICY", "")
        if kebijakan and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = kebijakan
        pribadi = request.path.startswith("/api/") or getattr(getattr(request, "user", None), "is_authenticated", False)
        if pribadi and "Cache-Control" not in response:
            add_never_cache_headers(response)
        cocok = getattr(request, "resolver_match", None)
        if cocok is not None and cocok.url_name in HALAMAN_GAYA_SISIPAN:
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
