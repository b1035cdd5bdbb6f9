"""The satisfaction index pages (layanan.views.skm), under /layanan/kelola/ ("skm" is a reserved service code,
so /layanan/kelola/skm/… never names a service)."""

from django.urls import path

from .views import skm

urlpatterns = [
    path("layanan/kelola/skm/", skm.skm_beranda, name="skm_beranda"),
    path("layanan/kelola/skm/unit/<slug:kode>/", skm.skm_unit, name="skm_unit"),
    path("layanan/kelola/<slug:kode>/skm/", skm.skm, name="skm"),
    path("layanan/kelola/<slug:kode>/skm/laporan.pdf", skm.skm_pdf, name="skm_pdf"),
    path("layanan/kelola/<slug:kode>/skm/laporan.xlsx", skm.skm_xlsx, name="skm_xlsx"),
    path("layanan/kelola/<slug:kode>/skm/impor/", skm.skm_impor, name="skm_impor"),
    path("layanan/kelola/<slug:kode>/skm/templat.xlsx", skm.skm_templat, name="skm_templat"),
    path("layanan/kelola/<slug:kode>/skm/tindak-lanjut/", skm.skm_tindak_lanjut, name="skm_tindak_lanjut"),
]
