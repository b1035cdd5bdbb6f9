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
        from .bagian import boleh_semua_pengaduan, kartu_pengaduan
        from .choices import CakupanToken

        post_migrate.connect(_siapkan_grup, sender=self)
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN, sistem=riwayat.SISTEM)
        registry.menu("Layanan Publik", "layanan:kelola", urutan=50)
        registry.menu("Pengaduan", "layanan:pengaduan_daftar", urutan=52, tampil=boleh_semua_pengaduan)
        registry.kartu_beranda("layanan/_beranda.html", kartu_pengaduan, urutan=17)
