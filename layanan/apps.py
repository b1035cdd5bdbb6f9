from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_izin_grup

    pastikan_izin_grup()


class LayananConfig(AppConfig):
    name = "layanan"
    verbose_name = "Layanan"

    def ready(self):
        from sistemkerja import registry

        from . import riwayat
        from .choices import CakupanToken

        post_migrate.connect(_siapkan_grup, sender=self)
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN, sistem=riwayat.SISTEM)
