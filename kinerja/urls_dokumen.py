"""Pages of the appraisal's signed documents: the PDF for those concerned, and the public verification."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from . import views_dokumen

urlpatterns = [
    path("kinerja/dokumen/verifikasi/<str:kode>/", views_dokumen.verifikasi, name="dokumen_verifikasi"),
    path("kinerja/dokumen/<id:pk>/unduh/", views_dokumen.unduh, name="dokumen_unduh"),
]
