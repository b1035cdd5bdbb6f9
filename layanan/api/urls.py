"""`/api/v1/` routes of layanan (API.md, Layanan).

`unit/{kode}/ikm/` sits beside organisasi's and kinerja's `unit/{kode}/...` routes (included first): theirs
answer only `unit/{kode}/`, `unit/{kode}/pohon/`, `unit/{kode}/predikat-organisasi/{tahun}/` and
`unit/{kode}/distribusi-predikat/`, so this deeper path reaches layanan.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import konsultasi, pengaduan, publik, views

router = SimpleRouter()
router.register("layanan", views.LayananViewSet, basename="api-layanan")
router.register("pengaduan", pengaduan.PengaduanViewSet, basename="api-pengaduan")
router.register("tanggapan", pengaduan.TanggapanViewSet, basename="api-tanggapan")
router.register("konsultasi", konsultasi.KonsultasiViewSet, basename="api-konsultasi")

urlpatterns = [
    path("layanan/<str:kode>/versi/<str:nomor>/", views.VersiView.as_view(), name="api-layanan-versi-satu"),
    path("unit/<str:kode>/ikm/", views.UnitIkmView.as_view(), name="api-unit-ikm"),
    # public: no login
    path("publik/layanan/", publik.LayananPublikDaftarView.as_view(), name="api-publik-layanan"),
    path("publik/layanan/<str:kode>/", publik.LayananPublikView.as_view(), name="api-publik-layanan-satu"),
    path(
        "publik/layanan/<str:kode>/versi/<str:nomor>/",
        publik.VersiPublikView.as_view(),
        name="api-publik-layanan-versi",
    ),
    path("publik/pengaduan/", publik.PengaduanPublikView.as_view(), name="api-publik-pengaduan"),
    path("publik/pengaduan/<str:kode_lacak>/", publik.LacakPublikView.as_view(), name="api-publik-lacak"),
    *router.urls,
]
