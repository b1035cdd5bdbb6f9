from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    """After migrating (and after a flush, which empties what the data migration loaded): the role groups'
    permissions, and the shipped survey schemes (idempotent)."""
    from .models import MutuSurvei, SkemaSurvei, UnsurSurvei
    from .permissions import pastikan_izin_grup
    from .skema_bawaan import muat

    pastikan_izin_grup()
    muat(SkemaSurvei, UnsurSurvei, MutuSurvei)


class LayananConfig(AppConfig):
    name = "layanan"
    verbose_name = "Layanan publik"

    def ready(self):
        from sistemkerja import registry

        from . import riwayat
        from .bagian import boleh_dasbor_bo, boleh_konsultasi, boleh_semua_pengaduan, kartu_layanan, tautan_ada
        from .choices import CakupanToken

        post_migrate.connect(_siapkan_grup, sender=self)
        for kode, label in CakupanToken.choices:
            registry.cakupan_token(kode, label)
        registry.riwayat(alasan=riwayat.ALASAN, pesan=riwayat.PESAN, sistem=riwayat.SISTEM)
        registry.menu("Layanan Publik", "layanan:kelola", urutan=50)
        registry.menu("Pengaduan", "layanan:pengaduan_daftar", urutan=52, tampil=boleh_semua_pengaduan)
        registry.menu("Konsultasi", "layanan:konsultasi_daftar", urutan=54, tampil=boleh_konsultasi)
        registry.menu("SOP & Proses Bisnis", "layanan:sop_daftar", urutan=56, tampil=tautan_ada("layanan:sop_daftar"))
        registry.menu("Rumpun", "layanan:rumpun_daftar", urutan=58, tampil=tautan_ada("layanan:rumpun_daftar"))
        registry.menu("Bagian Organisasi", "layanan:dasbor_bo", urutan=60, tampil=boleh_dasbor_bo)
        registry.kartu_beranda("layanan/_beranda.html", kartu_layanan, urutan=17)
