"""Pages of the business-process maps (/proses-bisnis/) and their review rounds (/reviu/)."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import peta, reviu

urlpatterns = [
    path("proses-bisnis/", peta.daftar, name="peta_daftar"),
    path("proses-bisnis/peta/<id:pk>/", peta.detail, name="peta_detail"),
    path("proses-bisnis/peta/<id:pk>/ubah/", peta.ubah, name="peta_ubah"),
    path("proses-bisnis/peta/<id:pk>/versi/", peta.versi_unggah, name="peta_versi"),
    path("proses-bisnis/peta/<id:pk>/tetapkan/", peta.tetapkan, name="peta_tetapkan"),
    path("proses-bisnis/peta/<id:pk>/versi/<id:n>/berkas/", peta.berkas, name="peta_berkas"),
    path("proses-bisnis/<slug:kode>/", peta.unit, name="peta_unit"),
    path("proses-bisnis/<slug:kode>/baru/", peta.baru, name="peta_baru"),
    path("reviu/", reviu.daftar, name="reviu_daftar"),
    path("reviu/baru/", reviu.baru, name="reviu_baru"),
    path("reviu/<id:pk>/", reviu.detail, name="reviu_detail"),
    path("reviu/<id:pk>/status/", reviu.status, name="reviu_status"),
    path("reviu/<id:pk>/temuan/", reviu.temuan, name="temuan_catat"),
    path("reviu/<id:pk>/temuan/<id:tid>/tindak-lanjut/", reviu.tindak_lanjut, name="temuan_tindak_lanjut"),
    path("reviu/<id:pk>/temuan/<id:tid>/tutup/", reviu.tutup, name="temuan_tutup"),
]
