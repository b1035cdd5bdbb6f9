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
        from sistemkerja import registry

        from . import riwayat
        from .audit import dapat_mengaudit
        from .choices import CakupanToken
        from .permissions import ditawari_api
        from .views import kartu_kedudukan, kartu_memimpin

        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.menu("Struktur Organisasi", "struktur", urutan=10)
        registry.menu("Audit Kelembagaan", "audit", urutan=80, tampil=dapat_mengaudit)
        registry.menu("Dokumentasi API", "api-docs", urutan=90, tampil=ditawari_api)
        registry.kartu_beranda("organisasi/_kartu_kedudukan.html", kartu_kedudukan, urutan=20)
        registry.kartu_beranda("organisasi/_kartu_memimpin.html", kartu_memimpin, urutan=30)
        registry.riwayat(
            alasan=riwayat.ALASAN, pesan=riwayat.PESAN, sistem=riwayat.SISTEM, tampil_username=riwayat.tampil_username
        )
        from . import signals

        signals.hubungkan()
        # Keep the cached renderings of the structure fresh (organisasi.cache).
        from .cache import sambungkan_sinyal

        sambungkan_sinyal()
