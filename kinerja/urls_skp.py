"""Pages of the appraisal (SKP); included from kinerja/urls.py (namespace "kinerja")."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import skp as v
from .views import skp_penilaian as p

urlpatterns = [
    path("kinerja/skp/", v.skp_saya, name="skp_saya"),
    path("kinerja/skp/baru/", v.skp_baru, name="skp_baru"),
    path("kinerja/skp/staf/", p.ppk_staf, name="ppk_staf"),
    path("kinerja/skp/<id:pk>/", v.skp_detail, name="skp_detail"),
    path("kinerja/skp/<id:pk>/ubah/", v.skp_ubah, name="skp_ubah"),
    path("kinerja/skp/<id:pk>/ajukan/", v.skp_ajukan, name="skp_ajukan"),
    path("kinerja/skp/<id:pk>/setujui/", v.skp_setujui, name="skp_setujui"),
    path("kinerja/skp/<id:pk>/kembalikan/", v.skp_kembalikan, name="skp_kembalikan"),
    path("kinerja/skp/<id:pk>/catatan/", v.skp_catatan, name="skp_catatan"),
    path("kinerja/skp/<id:pk>/umpan-balik/", v.skp_umpan_balik, name="skp_umpan_balik"),
    path("kinerja/skp/<id:pk>/pengembangan/", v.skp_pengembangan, name="skp_pengembangan"),
    path("kinerja/skp/<id:pk>/evaluasi/", p.skp_nilai, name="skp_nilai"),
    path("kinerja/skp/<id:pk>/masukan-ketua/", p.skp_masukan_ketua, name="skp_masukan_ketua"),
    path(
        "kinerja/skp/pengembangan/<id:pk>/terlaksana/",
        v.skp_pengembangan_terlaksana,
        name="skp_pengembangan_terlaksana",
    ),
    path("kinerja/skp/evaluasi/<id:pk>/nilai-ulang/", p.skp_nilai_ulang, name="skp_nilai_ulang"),
    path("kinerja/skp/evaluasi/<id:pk>/tetapkan/", p.skp_tetapkan, name="skp_tetapkan"),
    path("kinerja/skp/evaluasi/<id:pk>/keberatan/", p.skp_keberatan, name="skp_keberatan"),
    path("kinerja/skp/evaluasi/<id:pk>/tindak-lanjut/", p.skp_tindak_lanjut, name="skp_tindak_lanjut"),
    path("kinerja/skp/keberatan/<id:pk>/putus/", p.skp_keberatan_putus, name="skp_keberatan_putus"),
    path("kinerja/skp/dokumen/<id:pk>/tandatangani/", v.skp_tandatangani, name="skp_tandatangani"),
    path("kinerja/skp/distribusi/", p.distribusi_daftar, name="distribusi_daftar"),
    path("kinerja/skp/distribusi/<slug:kode>/", p.distribusi, name="distribusi"),
    path(
        "kinerja/skp/distribusi/<slug:kode>/predikat/",
        p.skp_predikat_organisasi,
        name="skp_predikat_organisasi",
    ),
]
