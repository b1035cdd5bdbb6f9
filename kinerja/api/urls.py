"""`/api/v1/` routes of kinerja (API.md, Kinerja)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("perjanjian-kinerja", views.PerjanjianViewSet, basename="api-perjanjian-kinerja")
router.register("target", views.TargetViewSet, basename="api-target")
router.register("rencana", views.RencanaViewSet, basename="api-rencana")
router.register("kegiatan", views.KegiatanViewSet, basename="api-kegiatan")
router.register("umpan-balik", views.UmpanBalikViewSet, basename="api-umpan-balik")
router.register("hasil", views.HasilViewSet, basename="api-hasil")

urlpatterns = router.urls
