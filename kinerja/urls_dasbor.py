"""Dashboard pages; included from kinerja/urls.py (namespace "kinerja").

The exports are the same pages with ?bentuk=xlsx or ?bentuk=pdf; the `*_ekspor` paths name the form in the
path for links that cannot carry a query.
"""

from django.urls import path, register_converter

from . import views_dasbor as v


class Bentuk:
    regex = "xlsx|pdf"

    def to_python(self, nilai):
        return nilai

    def to_url(self, nilai):
        return nilai


register_converter(Bentuk, "bentuk_dasbor")


def _ekspor(tampil):
    def ekspor(request, kode, bentuk):
        request.GET = request.GET.copy()
        request.GET["bentuk"] = bentuk
        return tampil(request, kode)

    return ekspor


urlpatterns = [
    path("kinerja/dasbor/", v.dasbor_semua, name="dasbor_semua"),
    path("kinerja/dasbor/unit/<slug:kode>/", v.dasbor_unit, name="dasbor_unit"),
    path("kinerja/dasbor/pd/<slug:kode>/", v.dasbor_instansi, name="dasbor_instansi"),
    path(
        "kinerja/dasbor/unit/<slug:kode>/ekspor.<bentuk_dasbor:bentuk>",
        _ekspor(v.dasbor_unit),
        name="dasbor_unit_ekspor",
    ),
    path(
        "kinerja/dasbor/pd/<slug:kode>/ekspor.<bentuk_dasbor:bentuk>",
        _ekspor(v.dasbor_instansi),
        name="dasbor_instansi_ekspor",
    ),
]
