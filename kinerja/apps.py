from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja"

    def ready(self):
        from sistemkerja import registry

        from . import riwayat, signals
        from .bagian import kartu_kotak_masuk
        from .choices import CakupanToken

        signals.hubungkan()
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.menu("Kinerja", "kinerja:kotak_masuk", urutan=40)
        registry.kartu_beranda("kinerja/_beranda.html", kartu_kotak_masuk, urutan=15)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN)
