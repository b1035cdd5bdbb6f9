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


@shared_task(name="kinerja.skp_sinkron")
def skp_sinkron() -> int:
    """SKPs follow their holders to new units; the PPK recorded on open SKPs is refreshed."""
    from .services.skp import skp_sinkronkan

    return skp_sinkronkan()


@shared_task(name="kinerja.buat_pdf_dokumen", autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def buat_pdf_dokumen(dokumen_id: int) -> None:
    """The signed document's PDF, once all its signatories have signed."""
    from .dokumen import buat_pdf

    buat_pdf(dokumen_id)


@shared_task(name="kinerja.pengingat_kepatuhan")
def pengingat_kepatuhan() -> dict:
    """SKP missing or not approved past its deadline, evaluations overdue: reminded once each."""
    from .services import pengingat_kepatuhan as jalankan

    return jalankan()
