from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_izin_grup

    pastikan_izin_grup()


class PenugasanConfig(AppConfig):
    name = "penugasan"
    verbose_name = "Penugasan"

    def ready(self):
        from sistemkerja import registry

        from . import riwayat, signals
        from .bagian import bagian_profil, kartu_kotak_masuk
        from .choices import CakupanToken

        signals.hubungkan()
        # The role groups need the permissions Django creates after migrating.
        post_migrate.connect(_siapkan_grup, sender=self)
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.menu("Penugasan", "penugasan:kotak_masuk", urutan=30)
        registry.kartu_beranda("penugasan/_beranda.html", kartu_kotak_masuk, urutan=10)
        registry.bagian_pegawai("penugasan/_profil.html", bagian_profil, urutan=10)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN)
