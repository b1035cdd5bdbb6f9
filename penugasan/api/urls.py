"""`/api/v1/` routes of penugasan (API.md, Penugasan)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("tim", views.TimViewSet, basename="api-tim")
router.register("penugasan", views.PenugasanViewSet, basename="api-penugasan")
router.register("surat", views.SuratViewSet, basename="api-surat")

urlpatterns = [
    path("surat/verifikasi/<str:kode>/", views.VerifikasiView.as_view(), name="api-surat-verifikasi"),
    *router.urls,
]
