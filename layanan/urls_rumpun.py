"""Pages of the clusters of agencies (/rumpun/)."""

from django.urls import path

from penugasan.urls import Id  # noqa: F401  (registers the `id` converter: at most 18 digits)

from .views import rumpun

urlpatterns = [
    path("rumpun/", rumpun.daftar, name="rumpun_daftar"),
    path("rumpun/baru/", rumpun.baru, name="rumpun_baru"),
    path("rumpun/<id:pk>/", rumpun.detail, name="rumpun_detail"),
    path("rumpun/<id:pk>/ubah/", rumpun.ubah, name="rumpun_ubah"),
]
