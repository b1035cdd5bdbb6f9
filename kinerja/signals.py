"""Keep who reviews what fresh when the structure changes (a derived cache, not business logic): after a
transaction that changed the structure, a task re-resolves the reviewer of every result under review.
Decisions always check the reviewer again, live."""

from organisasi.cache import struktur_berubah


def _sinkron(**kwargs) -> None:
    from .tasks import sinkron_peninjau, skp_sinkron

    sinkron_peninjau.delay()
    skp_sinkron.delay()  # SKPs follow people who moved; the PPK recorded on open SKPs is refreshed


def hubungkan() -> None:
    struktur_berubah.connect(_sinkron, dispatch_uid="kinerja-sinkron-peninjau")
