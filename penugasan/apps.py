from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_izin_grup

    pastikan_izin_grup()


class PenugasanConfig(AppConfig):
    name = "penugasan"
    verbose_name = "Penugasan"

    def ready(self):
        from . import signals

        signals.hubungkan()
        # The role groups need the permissions Django creates after migrating.
        post_migrate.connect(_siapkan_grup, sender=self)
