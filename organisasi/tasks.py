from celery import shared_task

from . import services


@shared_task(name="organisasi.sinkron_penempatan")
def sinkron_penempatan() -> int:
    """Daily: placements that start today take effect on the staff record (idempotent)."""
    return services.sinkron_penempatan()
