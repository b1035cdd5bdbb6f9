"""Celery tasks of penugasan: thin, idempotent, each calling a service or the renderer."""

from __future__ import annotations

import hashlib

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.mail import send_mass_mail

from .choices import StatusBerkas


# The worker's own limits (prefork pool) back up the renderer's (pdf.MAKS_DETIK), which fail first.
@shared_task(
    name="penugasan.render_surat", bind=True, max_retries=3, default_retry_delay=30, soft_time_limit=60, time_limit=90
)
def render_surat(self, surat_id: int) -> str:
    """Render a letter's PDF and keep the file. Re-run: a letter already rendered is left as it is.

    The letter's row is locked while it renders, so two runs of the same letter (a redelivered message,
    a retry) take turns and the second finds the work done. The file's name comes from the letter (its
    year and verification code) and is overwritten, so a run that died half-way leaves no second file.

    A letter outside the renderer's limits (pdf.BatasSurat, pdf.WaktuHabis) is marked failed with the
    reason, in Indonesian, and not retried here: "gagal" is returned.
    """
    from django.db import transaction

    from .models import Surat
    from .pdf import BatasSurat, WaktuHabis, pdf_surat

    batas = gagal = None
    with transaction.atomic():
        surat = Surat.objects.select_for_update(of=("self",)).select_related("penandatangan").get(pk=surat_id)
        if (
            surat.status_berkas == StatusBerkas.SELESAI
            and surat.berkas
            and surat.berkas.storage.exists(surat.berkas.name)
        ):
            return "sudah"
        try:
            data = pdf_surat(surat)
        except (BatasSurat, WaktuHabis) as exc:
            batas = exc
        except Exception as exc:  # noqa: BLE001 - recorded on the letter, then retried
            gagal = exc
        else:
            nama = f"surat/{surat.tahun}/{surat.kode_verifikasi}.pdf"
            penyimpanan = surat.berkas.storage
            if penyimpanan.exists(nama):
                penyimpanan.delete(nama)
            disimpan = penyimpanan.save(nama, ContentFile(data))
            Surat.objects.filter(pk=surat_id).update(
                berkas=disimpan, status_berkas=StatusBerkas.SELESAI, galat_berkas=""
            )
    if batas is not None:
        Surat.objects.filter(pk=surat_id).update(status_berkas=StatusBerkas.GAGAL, galat_berkas=str(batas))
        return "gagal"
    if gagal is not None:
        Surat.objects.filter(pk=surat_id).update(status_berkas=StatusBerkas.GAGAL, galat_berkas=str(gagal)[:2000])
        raise self.retry(exc=gagal)
    return hashlib.sha256(data).hexdigest()


def render_ulang_bila_gagal(surat) -> bool:
    """A failed letter asked for again: queued once (the first caller to claim it), not on every poll; never
    one refused for its size (pdf.BatasSurat), which would only fail again."""
    from .models import Surat
    from .pdf import AWALAN_BATAS

    gagal = Surat.objects.filter(pk=surat.pk, status_berkas=StatusBerkas.GAGAL).exclude(
        galat_berkas__startswith=AWALAN_BATAS
    )
    if gagal.update(status_berkas=StatusBerkas.MENUNGGU):
        render_surat.delay(surat.pk)
        return True
    return False


@shared_task(name="penugasan.render_tertunda")
def render_tertunda(menit: int = 10) -> int:
    """Letters still waiting for their PDF long after they were issued (a message lost with the broker,
    retries used up) are queued again. Runs every few minutes from beat; idempotent like render_surat."""
    import datetime as dt

    from django.utils import timezone

    from .models import Surat
    from .pdf import AWALAN_BATAS

    batas = timezone.now() - dt.timedelta(minutes=menit)
    ids = list(
        Surat.objects.filter(dibuat__lt=batas)
        .exclude(status_berkas=StatusBerkas.SELESAI)
        .exclude(status_berkas=StatusBerkas.GAGAL, galat_berkas__startswith=AWALAN_BATAS)
        .values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        render_surat.delay(pk)
    return len(ids)


@shared_task(name="penugasan.kirim_surel")
def kirim_surel(alamat: list[str], subjek: str, pesan: str) -> int:
    """One message per recipient (nobody sees the others' addresses), through Django's mail backend."""
    return send_mass_mail([(f"[Sistem Kerja] {subjek}", pesan, None, [a]) for a in alamat], fail_silently=False)


@shared_task(name="penugasan.kedaluwarsakan")
def kedaluwarsakan() -> int:
    from .services import penugasan_kedaluwarsakan

    return penugasan_kedaluwarsakan()


@shared_task(name="penugasan.sinkron_pelaku")
def sinkron_pelaku() -> int:
    from .services import pelaku_sinkronkan

    return pelaku_sinkronkan()
