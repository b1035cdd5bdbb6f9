from django.apps import AppConfig


class PenugasanConfig(AppConfig):
    name = "penugasan"
    verbose_name = "Penugasan"

    def ready(self):
        from . import signals

        signals.hubungkan()
