from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_grup_peran

    pastikan_grup_peran()


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi"

    def ready(self):
        # Role groups need the permissions Django creates after migrating, hence post_migrate.
        post_migrate.connect(_siapkan_grup, sender=self)
