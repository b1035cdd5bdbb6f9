"""Keep who-acts-on-what fresh when the structure changes (a derived cache, not business logic).

A new Plt, a delegation, a move or a unit changing its place or `mandiri` flag changes who performs a
waiting step. After each transaction that changed the structure (organisasi.cache.struktur_berubah,
once per transaction), a task re-resolves the actors of running requests and their grants; the daily
beat job covers dates rolling over. Decisions always check the actor again, live.
"""

from organisasi.cache import struktur_berubah


def _sinkron_pelaku(**kwargs) -> None:
    from .tasks import sinkron_pelaku

    sinkron_pelaku.delay()


def hubungkan() -> None:
    struktur_berubah.connect(_sinkron_pelaku, dispatch_uid="penugasan-sinkron-pelaku")
