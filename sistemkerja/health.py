"""Liveness/readiness for the container healthcheck and load balancers."""
from django.db import connection
from django.http import JsonResponse


def sehat(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "gangguan", "detail": "Basis data tidak dapat dihubungi."}, status=503)
    return JsonResponse({"status": "ok"})
