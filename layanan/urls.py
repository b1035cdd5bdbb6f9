"""Layanan's pages: the public catalogue, survey and complaints; the staff pages; the SKM; the PDFs."""

from django.urls import include, path

app_name = "layanan"

urlpatterns = [
    path("", include("layanan.urls_dokumen")),
    path("", include("layanan.urls_skm")),
    path("", include("layanan.urls_kelola")),
    path("", include("layanan.urls_konsultasi")),
    path("", include("layanan.urls_sop")),
    path("", include("layanan.urls_peta")),
    path("", include("layanan.urls_rumpun")),
    path("", include("layanan.urls_publik")),
]
