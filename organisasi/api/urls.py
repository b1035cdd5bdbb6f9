"""`/api/v1/` routes of the organisasi API, its token endpoint, the OpenAPI schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("unit", views.UnitViewSet, basename="api-unit")
router.register("pegawai", views.PegawaiViewSet, basename="api-pegawai")

urlpatterns = [
    path("saya/", views.SayaView.as_view(), name="api-saya"),
    path("token/", views.TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", views.RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
