from django.contrib import admin
from django.urls import include, path

from .health import sehat
from .views import beranda, ikon

admin.site.site_header = "Sistem Kerja — Admin Bagian Organisasi"
admin.site.site_title = "Sistem Kerja"
admin.site.index_title = "Pengelolaan"

handler400 = "sistemkerja.galat.galat_permintaan"
handler403 = "sistemkerja.galat.galat_terlarang"
handler404 = "sistemkerja.galat.galat_tidak_ada"
handler500 = "sistemkerja.galat.galat_server"

urlpatterns = [
    path("", beranda, name="beranda"),
    path("sehat/", sehat, name="sehat"),
    path("favicon.ico", ikon),
    path("admin/", admin.site.urls),
    path("api/v1/", include("organisasi.api.urls")),
    path("api/v1/", include("penugasan.api.urls")),
    path("api/v1/", include("kinerja.api.urls")),
    path("api/v1/", include("layanan.api.urls")),
    path("", include("penugasan.urls")),
    path("", include("kinerja.urls")),
    path("", include("layanan.urls")),
    path("", include("organisasi.urls")),
]
