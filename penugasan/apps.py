from django.apps import AppConfig


class PenugasanConfig(AppConfig):
    name = "penugasan"
    verbose_name = "Penugasan"
