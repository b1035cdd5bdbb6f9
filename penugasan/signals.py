"""Keep who-acts-on-what fresh when the structure changes (a derived cache, not business logic).

A new Plt, a delegation, a move or a unit changing its place or `mandiri` flag changes who performs a
waiting step. After each transaction that changed the structure (organisasi.cache.struktur_berubah,
once per transaction), a task re-resolves the actors of running requests and their grants; the daily
beat job covers dates rolling over. Decisions always check the actor again, live.

And keep pages that show a person's inbox counts fresh: any write here moves `versi.PENUGASAN`.
"""
from organisasi.cache import struktur_berubah


def _sinkron_pelaku(**kwargs) -> None:
    from .tasks import sinkron_pelaku

    sinkron_pelaku.delay()


def hubungkan() -> None:
    struktur_berubah.connect(_sinkron_pelaku, dispatch_uid="penugasan-sinkron-pelaku")
    hubungkan_versi()


def berubah(**kwargs) -> None:
    """The requests, teams, letters, copies or their grants changed: the pages showing a person's inbox
    counts are stale (`organisasi.versi.PENUGASAN`). Connected to every save and delete of this app's
    models (a grant's save or delete moves `IZIN`); bulk writes, which send no signal, call it themselves."""
    from organisasi import versi

    versi.naikkan_dan_saat_commit(versi.PENUGASAN)


def hubungkan_versi() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for model in apps.get_app_config("penugasan").get_models():
        post_save.connect(berubah, sender=model, dispatch_uid=f"penugasan-versi-simpan-{model._meta.label}")
        post_delete.connect(berubah, sender=model, dispatch_uid=f"penugasan-versi-hapus-{model._meta.label}")
