"""The standard's PDF (maklumat + standar pelayanan), public: the version in force and any published one."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import dokumen

urlpatterns = [
    path("layanan/<slug:kode>/standar.pdf", dokumen.standar_pdf, name="standar_pdf"),
    path("layanan/<slug:kode>/versi/<id:n>/standar.pdf", dokumen.standar_pdf_versi, name="standar_pdf_versi"),
]
