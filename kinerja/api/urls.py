"""`/api/v1/` routes of kinerja (API.md, Kinerja).

The routes under `unit/{kode}/` and `pegawai/{nip}/` sit beside organisasi's (included first): its routers
answer only `unit/{kode}/`, `unit/{kode}/pohon/`, `pegawai/{nip}/` and `pegawai/{nip}/kedudukan/`, so the
deeper paths here reach kinerja.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import skp, views

router = SimpleRouter()
router.register("perjanjian-kinerja", views.PerjanjianViewSet, basename="api-perjanjian-kinerja")
router.register("target", views.TargetViewSet, basename="api-target")
router.register("rencana", views.RencanaViewSet, basename="api-rencana")
router.register("kegiatan", views.KegiatanViewSet, basename="api-kegiatan")
router.register("umpan-balik", views.UmpanBalikViewSet, basename="api-umpan-balik")
router.register("hasil", views.HasilViewSet, basename="api-hasil")
# the appraisal (SKP)
router.register("skp", skp.SkpViewSet, basename="api-skp")
router.register("evaluasi", skp.EvaluasiViewSet, basename="api-evaluasi")
router.register("keberatan", skp.KeberatanViewSet, basename="api-keberatan")
router.register("pengembangan", skp.PengembanganViewSet, basename="api-pengembangan")
router.register("dokumen-kinerja", skp.DokumenViewSet, basename="api-dokumen-kinerja")

urlpatterns = [
    path(
        "unit/<str:kode>/predikat-organisasi/<str:tahun>/",
        skp.PredikatOrganisasiView.as_view(),
        name="api-unit-predikat-organisasi",
    ),
    path(
        "unit/<str:kode>/distribusi-predikat/",
        skp.DistribusiView.as_view(),
        name="api-unit-distribusi-predikat",
    ),
    path("pegawai/<str:nip>/angka-kredit/", skp.AngkaKreditView.as_view(), name="api-pegawai-angka-kredit"),
    *router.urls,
]
