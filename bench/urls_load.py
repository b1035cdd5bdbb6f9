"""URLconf of `bench/load`: the ceiling `/bench/konstan/`, then every URL of the project unchanged.

The ceiling is the least a Django view can do (a constant `HttpResponse`), served by the same
gunicorn workers through the same middleware as every other page, so an endpoint's throughput
divided by the ceiling's is the share left after the app's own work.
"""
from django.http import HttpResponse
from django.urls import include, path


def konstan(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/konstan/", konstan, name="bench-konstan"),
    path("", include("sistemkerja.urls")),
]
