"""Celery tasks of kinerja: thin, each calls a service, idempotent."""

from celery import shared_task


@shared_task(name="kinerja.sinkron_peninjau")
def sinkron_peninjau() -> int:
    from .services import peninjau_sinkronkan

    return peninjau_sinkronkan()


@shared_task(name="kinerja.pengingat_laporan")
def pengingat_laporan() -> dict:
    from .services import pengingat_laporan as jalankan

    return jalankan()


@shared_task(name="kinerja.tinjauan_terlambat")
def tinjauan_terlambat() -> int:
    from .services import tinjauan_terlambat_beri_tahu

    return tinjauan_terlambat_beri_tahu()
