"""Pages of the appraisal's compliance and the e-Kinerja files; included from kinerja/urls.py (namespace
"kinerja"). The downloads are the same pages with ?bentuk=csv or ?bentuk=xlsx (and ?tahun=)."""

from django.urls import path

from . import views_kepatuhan as v

urlpatterns = [
    path("kinerja/kepatuhan/", v.kepatuhan, name="kepatuhan"),
    path("kinerja/ekinerja/pegawai/<str:nip>/", v.ekinerja_pegawai, name="ekinerja_pegawai"),
    path("kinerja/ekinerja/instansi/<slug:kode>/", v.ekinerja_instansi, name="ekinerja_instansi"),
    path("kinerja/ekinerja/pd/<slug:kode>/", v.ekinerja_pd, name="ekinerja_pd"),
    path("kinerja/ekinerja/impor/", v.ekinerja_impor, name="ekinerja_impor"),
]
