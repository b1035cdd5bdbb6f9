"""URLconf of `bench/load`: the ceiling `/bench/konstan/`, then every URL of the project unchanged.

The ceiling is the least a Django view can do (a constant `HttpResponse`), served by the same
gunicorn workers through the same middleware as every other page, so an endpoint's throughput
divided by the ceiling's is the share left after the app's own work.
"""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView


def konstan(request):
    return HttpResponse("ok", content_type="text/plain")


class KonstanApi(APIView):
    """The floor of an API endpoint: token authentication and scope check, then a constant."""

    cakupan_token = "*"

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("bench/konstan/", konstan, name="bench-konstan"),
    # Floors (reported, not held to the target): what authentication alone costs, API and page.
    path("bench/konstan-api/", KonstanApi.as_view(), name="bench-konstan-api"),
    path("bench/konstan-sesi/", login_required(konstan), name="bench-konstan-sesi"),
    path("", include("sistemkerja.urls")),
]
