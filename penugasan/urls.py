from django.urls import path, register_converter

from . import views


class Id:
    """A row id: at most 18 digits, so an absurd number is a 404, not a database overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(Id, "id")

app_name = "penugasan"

urlpatterns = [
    path("penugasan/", views.kotak_masuk, name="kotak_masuk"),
    path("penugasan/baru/", views.penugasan_baru, name="baru"),
    path("penugasan/kandidat/", views.kandidat, name="kandidat"),
    path("penugasan/<id:pk>/", views.penugasan_detail, name="detail"),
    path("penugasan/<id:pk>/lanjut/", views.penugasan_lanjut, name="lanjut"),
    path("penugasan/<id:pk>/tolak/", views.penugasan_tolak, name="tolak"),
    path("penugasan/<id:pk>/tarik/", views.penugasan_tarik, name="tarik"),
    path("tim/", views.tim_daftar, name="tim_daftar"),
    path("tim/baru/", views.tim_baru, name="tim_baru"),
    path("tim/<id:pk>/", views.tim_detail, name="tim_detail"),
    path("tim/<id:pk>/anggota/", views.tim_anggota_tambah, name="tim_anggota_tambah"),
    path("tim/<id:pk>/anggota/<id:anggota_pk>/akhiri/", views.tim_anggota_akhiri, name="tim_anggota_akhiri"),
    path("kompetensi/", views.kompetensi_saya, name="kompetensi"),
    path("kompetensi/<id:pk>/hapus/", views.kompetensi_hapus, name="kompetensi_hapus"),
    path("surat/<id:pk>/cabut/", views.surat_cabut, name="surat_cabut"),
    path("surat/<id:pk>/terbitkan-ulang/", views.surat_terbitkan_ulang, name="surat_terbitkan_ulang"),
    path("surat/<id:pk>/status/", views.surat_status, name="surat_status"),
    path("surat/<id:pk>/pdf/", views.surat_pdf, name="surat_pdf"),
    path("surat/verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
]
