"""URLconf of `bench/load`: the two floors, then every URL of the project unchanged.

A floor is the least an endpoint of its kind can cost once authenticated, served by the same gunicorn
workers through the same middleware as every other URL, so an endpoint's throughput divided by its
floor's is the share left after the endpoint's own work (issue 12):

- `/bench/konstan-api/`: a DRF view behind the project's token authentication and `IsAuthenticated`,
  answering a constant JSON; API endpoints are held to 1/3 of it;
- `/bench/konstan-sesi/`: a `login_required` view behind the session cookie, answering a constant;
  pages are held to 1/5 of it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from organisasi.api.auth import TokenAuthentication


class KonstanApi(APIView):
    """The floor of an API endpoint: the token looked up and checked, then a constant JSON."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})


@login_required
def konstan_sesi(request):
    """The floor of a page: the session and its account read, then a constant."""
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>", content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/konstan-api/", KonstanApi.as_view(), name="bench-konstan-api"),
    path("bench/konstan-sesi/", konstan_sesi, name="bench-konstan-sesi"),
    path("", include("sistemkerja.urls")),
]
