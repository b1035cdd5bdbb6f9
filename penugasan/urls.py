from django.urls import path

from . import views

app_name = "penugasan"

urlpatterns = [
    path("surat/verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
]
