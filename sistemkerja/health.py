"""Liveness/readiness for the container healthcheck and load balancers: the database and, where
configured, Redis (the shared cache and the Celery broker)."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from .galat import pendukung_putus


def _basis_data() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("sehat:ping", 1, 5)


def _broker() -> None:
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2).ping()


def sehat(request):
    periksa = {"basis_data": _basis_data}
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        periksa["cache"] = _cache
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        periksa["broker"] = _broker
    hasil = {}
    for nama, fungsi in periksa.items():
        try:
            fungsi()
            hasil[nama] = "ok"
        except Exception as e:  # noqa: BLE001 - a health check reports, it does not raise
            hasil[nama] = "gangguan" if pendukung_putus(e) else "galat"
    baik = all(v == "ok" for v in hasil.values())
    return JsonResponse({"status": "ok" if baik else "gangguan", **hasil}, status=200 if baik else 503)
