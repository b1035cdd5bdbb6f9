from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_izin_grup

    pastikan_izin_grup()


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja"

    def ready(self):
        from sistemkerja import registry

        from . import riwayat, signals
        from .bagian import kartu_kotak_masuk
        from .bagian_skp import bagian_profil_skp, kartu_skp
        from .choices import CakupanToken
        from .kepatuhan import boleh_kepatuhan

        signals.hubungkan()
        # The role groups need the permissions Django creates after migrating.
        post_migrate.connect(_siapkan_grup, sender=self)
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.menu("Kinerja", "kinerja:kotak_masuk", urutan=40)
        registry.menu("Dasbor Kinerja", "kinerja:dasbor_semua", urutan=45)
        registry.kartu_beranda("kinerja/_beranda.html", kartu_kotak_masuk, urutan=15)
        registry.menu("SKP", "kinerja:skp_saya", urutan=42)
        registry.menu("Kepatuhan SKP", "kinerja:kepatuhan", urutan=46, tampil=boleh_kepatuhan)
        registry.kartu_beranda("kinerja/skp/_beranda.html", kartu_skp, urutan=16)
        registry.bagian_pegawai("kinerja/skp/_profil.html", bagian_profil_skp, urutan=20)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN)
