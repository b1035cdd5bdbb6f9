"""Keep who-acts-on-what fresh when the structure changes (a derived cache, not business logic).

A new Plt, a delegation or a move changes who performs a waiting step. Once per transaction that
touched roles or placements, a task re-resolves the actors of running requests and their grants;
the daily beat job covers dates rolling over. Decisions always check the actor again, live.
"""
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from organisasi.models import PejabatUnit, Penempatan


def _sinkron_pelaku() -> None:
    from .tasks import sinkron_pelaku

    sinkron_pelaku.delay()


def _jadwalkan(**kwargs) -> None:
    # once per transaction: a rollback drops the callback with the rest
    if not any(f is _sinkron_pelaku for _, f, _ in connection.run_on_commit):
        transaction.on_commit(_sinkron_pelaku, robust=True)


def hubungkan() -> None:
    for model in (PejabatUnit, Penempatan):
        post_save.connect(_jadwalkan, sender=model, dispatch_uid=f"penugasan-pelaku-{model.__name__}-simpan")
        post_delete.connect(_jadwalkan, sender=model, dispatch_uid=f"penugasan-pelaku-{model.__name__}-hapus")
