"""Public pages of layanan (no login): the catalogue, a service's standard, its survey and QR code, and the
complaint form with its tracking pages."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import pengaduan, publik, survei

urlpatterns = [
    path("layanan/", publik.katalog, name="katalog"),
    path("layanan/instansi/<slug:unit_kode>/", publik.katalog_unit, name="katalog_unit"),
    path("layanan/<slug:kode>/", publik.publik, name="publik"),
    path("layanan/<slug:kode>/versi/<id:n>/", publik.publik_versi, name="publik_versi"),
    path("layanan/<slug:kode>/qr.svg", publik.qr, name="qr"),
    path("layanan/<slug:kode>/survei/", survei.survei, name="survei"),
    path("layanan/<slug:kode>/survei/terima-kasih/", survei.survei_selesai, name="survei_selesai"),
    path("pengaduan/", pengaduan.pengaduan, name="pengaduan"),
    path("pengaduan/terkirim/", pengaduan.terkirim, name="pengaduan_terkirim"),
    path("pengaduan/terkirim/<str:kode>/", pengaduan.terkirim, name="pengaduan_terkirim_kode"),
    path("pengaduan/lacak/", pengaduan.lacak, name="lacak"),
    path("pengaduan/lacak/<str:kode>/", pengaduan.lacak_kode, name="lacak_kode"),
]
