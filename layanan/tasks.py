"""Layanan's scheduled jobs (Celery beat, sistemkerja.settings)."""

from celery import shared_task


@shared_task(name="layanan.bersihkan_alamat")
def bersihkan_alamat() -> int:
    """Forget the complaint senders' address hashes older than a day."""
    from .services import alamat_bersihkan

    return alamat_bersihkan()
