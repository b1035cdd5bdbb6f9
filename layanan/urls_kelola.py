"""Staff pages of layanan under /layanan/kelola/: the services I run, a service's standard and its versions,
survey codes and paper questionnaires, complaints. (A service's code never reads as one of the fixed
segments here: `baru` and `pengaduan` are reserved with the others in services.standar.KODE_TERPAKAI.)"""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import kelola, kelola_pengaduan, kelola_survei

urlpatterns = [
    path("layanan/kelola/", kelola.daftar, name="kelola"),
    path("layanan/kelola/baru/", kelola.baru, name="baru"),
    path("layanan/kelola/pengaduan/", kelola_pengaduan.daftar, name="pengaduan_daftar"),
    path("layanan/kelola/pengaduan/<id:pk>/", kelola_pengaduan.detail, name="pengaduan_detail"),
    path("layanan/kelola/pengaduan/<id:pk>/lampiran/", kelola_pengaduan.lampiran, name="pengaduan_lampiran"),
    path("layanan/kelola/pengaduan/<id:pk>/proses/", kelola_pengaduan.proses, name="pengaduan_proses"),
    path("layanan/kelola/pengaduan/<id:pk>/alihkan/", kelola_pengaduan.tugaskan, name="pengaduan_tugaskan"),
    path("layanan/kelola/pengaduan/<id:pk>/tanggapan/", kelola_pengaduan.tanggapan, name="pengaduan_tanggapan"),
    path(
        "layanan/kelola/pengaduan/<id:pk>/tanggapan/<id:tid>/terbitkan/",
        kelola_pengaduan.tanggapan_terbitkan,
        name="tanggapan_terbitkan",
    ),
    path("layanan/kelola/pengaduan/<id:pk>/tutup/", kelola_pengaduan.tutup, name="pengaduan_tutup"),
    path("layanan/kelola/<slug:kode>/", kelola.kelola_layanan, name="kelola_layanan"),
    path("layanan/kelola/<slug:kode>/ubah/", kelola.ubah, name="layanan_ubah"),
    path("layanan/kelola/<slug:kode>/versi/baru/", kelola.versi_baru, name="versi_baru"),
    path("layanan/kelola/<slug:kode>/versi/<id:n>/", kelola.versi, name="kelola_versi"),
    path("layanan/kelola/<slug:kode>/versi/<id:n>/ubah/", kelola.versi_ubah, name="versi_ubah"),
    path("layanan/kelola/<slug:kode>/banding/", kelola.banding, name="banding"),
    path("layanan/kelola/<slug:kode>/terbitkan/", kelola.terbitkan, name="terbitkan"),
    path("layanan/kelola/<slug:kode>/kode-survei/", kelola_survei.kode_survei, name="kode_survei"),
    path("layanan/kelola/<slug:kode>/kode-survei/cetak/", kelola_survei.kode_cetak, name="kode_cetak"),
    path("layanan/kelola/<slug:kode>/responden/", kelola_survei.responden, name="responden"),
]
