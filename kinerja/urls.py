"""Pages of kinerja; the dashboards (kinerja/urls_dasbor.py) are included at the end, same namespace."""

from django.urls import include, path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from . import views

app_name = "kinerja"

urlpatterns = [
    path("kinerja/", views.kotak_masuk, name="kotak_masuk"),
    path("kinerja/pk/", views.pk_daftar, name="pk_daftar"),
    path("kinerja/pk/baru/", views.pk_baru, name="pk_baru"),
    path("kinerja/pk/<id:pk>/", views.pk_detail, name="pk_detail"),
    path("kinerja/pk/<id:pk>/tetapkan/", views.pk_tetapkan, name="pk_tetapkan"),
    path("kinerja/pk/<id:pk>/ubah/", views.pk_ubah, name="pk_ubah"),
    path("kinerja/target/<id:pk>/", views.target_detail, name="target_detail"),
    path("kinerja/target/<id:pk>/turunkan/", views.target_turunkan, name="target_turunkan"),
    path("kinerja/target/<id:pk>/strategi/", views.target_strategi, name="target_strategi"),
    path("kinerja/target/<id:pk>/rencana/", views.rencana_baru, name="rencana_baru"),
    path("kinerja/target/<id:pk>/umpan-balik/", views.umpan_balik_kirim, name="umpan_balik_kirim"),
    path("kinerja/target/<id:pk>/laporan/", views.laporan_sampaikan, name="laporan_sampaikan"),
    path("kinerja/target/<id:pk>/laporan/minta/", views.laporan_minta, name="laporan_minta"),
    path("kinerja/target/<id:pk>/jadwal/", views.jadwal_tetapkan, name="jadwal_tetapkan"),
    path("kinerja/target/<id:pk>/hasil/", views.hasil_baru, name="hasil_baru"),
    path("kinerja/rencana/<id:pk>/setujui/", views.rencana_setujui, name="rencana_setujui"),
    path("kinerja/umpan-balik/<id:pk>/dibaca/", views.umpan_balik_baca, name="umpan_balik_baca"),
    path("kinerja/kegiatan/<id:pk>/", views.kegiatan_detail, name="kegiatan_detail"),
    path("kinerja/kegiatan/<id:pk>/progres/", views.progres_catat, name="progres_catat"),
    path("kinerja/kegiatan/<id:pk>/realisasi/", views.realisasi_catat, name="realisasi_catat"),
    path("kinerja/kegiatan/<id:pk>/rincian/", views.rincian_catat, name="rincian_catat"),
    path("kinerja/hasil/<id:pk>/", views.hasil_detail, name="hasil_detail"),
    path("kinerja/hasil/<id:pk>/bukti/", views.bukti_hasil, name="bukti_hasil"),
    path("kinerja/progres/<id:pk>/bukti/", views.bukti_progres, name="bukti_progres"),
    path("kinerja/hasil/<id:pk>/terima/", views.hasil_terima, name="hasil_terima"),
    path("kinerja/hasil/<id:pk>/kembalikan/", views.hasil_kembalikan, name="hasil_kembalikan"),
    path("kinerja/hasil/<id:pk>/ajukan-ulang/", views.hasil_ajukan_ulang, name="hasil_ajukan_ulang"),
    path("", include("kinerja.urls_dasbor")),
    path("", include("kinerja.urls_skp")),
    path("", include("kinerja.urls_kepatuhan")),
    path("", include("kinerja.urls_dokumen")),
]
