"""Pages of the consultations (seed 001's service) and the Bagian Organisasi's dashboard."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import dasbor, konsultasi

urlpatterns = [
    path("konsultasi/", konsultasi.daftar, name="konsultasi_daftar"),
    path("konsultasi/baru/", konsultasi.baru, name="konsultasi_baru"),
    path("konsultasi/<id:pk>/", konsultasi.detail, name="konsultasi_detail"),
    path("konsultasi/<id:pk>/lampiran/", konsultasi.lampiran_tambah, name="konsultasi_lampiran_tambah"),
    path("konsultasi/<id:pk>/lampiran/<id:lid>/", konsultasi.lampiran, name="konsultasi_lampiran"),
    path("konsultasi/<id:pk>/disposisi/", konsultasi.disposisi, name="konsultasi_disposisi"),
    path("konsultasi/<id:pk>/jadwalkan/", konsultasi.jadwalkan, name="konsultasi_jadwalkan"),
    path("konsultasi/<id:pk>/jawab/", konsultasi.jawab, name="konsultasi_jawab"),
    path("konsultasi/<id:pk>/tutup/", konsultasi.tutup, name="konsultasi_tutup"),
    path("bagian-organisasi/", dasbor.dasbor, name="dasbor_bo"),
]
