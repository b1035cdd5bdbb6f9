"""Layanan's scheduled jobs (Celery beat, sistemkerja.settings): thin, each calls a function, idempotent."""

from celery import shared_task


@shared_task(name="layanan.bersihkan_alamat")
def bersihkan_alamat() -> int:
    """Forget the complaint senders' address hashes older than a day."""
    from .services import alamat_bersihkan

    return alamat_bersihkan()


@shared_task(name="layanan.ringkasan_terlambat")
def ringkasan_terlambat() -> int:
    """Each unit head: one e-mail a day listing their unit's complaints past deadline (layanan.pengingat)."""
    from .pengingat import ringkasan_terlambat as kirim

    return kirim()
