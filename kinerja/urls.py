"""Pages of kinerja."""

from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    path("kinerja/", views.kotak_masuk, name="kotak_masuk"),
]
