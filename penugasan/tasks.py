"""Celery tasks of penugasan: thin, idempotent, each calling a service or the renderer."""
from __future__ import annotations

import hashlib

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.mail import send_mass_mail

from .choices import StatusBerkas


@shared_task(name="penugasan.render_surat", bind=True, max_retries=3, default_retry_delay=30)
def render_surat(self, surat_id: int) -> str:
    """Render a letter's PDF and keep the file. Re-run: a letter already rendered is left as it is.

    The file's name comes from the letter (its year and verification code), so a re-run after a
    crash overwrites its own half-written file rather than leaving a second one.
    """
    from .models import Surat
    from .pdf import pdf_surat

    surat = Surat.objects.select_related("penandatangan").get(pk=surat_id)
    if surat.status_berkas == StatusBerkas.SELESAI and surat.berkas and surat.berkas.storage.exists(surat.berkas.name):
        return "sudah"
    Surat.objects.filter(pk=surat_id).update(status_berkas=StatusBerkas.DIPROSES, galat_berkas="")
    try:
        data = pdf_surat(surat)
    except Exception as exc:  # noqa: BLE001 - recorded on the letter, then retried
        Surat.objects.filter(pk=surat_id).update(status_berkas=StatusBerkas.GAGAL, galat_berkas=str(exc)[:2000])
        raise self.retry(exc=exc) from exc
    nama = f"surat/{surat.tahun}/{surat.kode_verifikasi}.pdf"
    penyimpanan = surat.berkas.storage
    if penyimpanan.exists(nama):
        penyimpanan.delete(nama)
    disimpan = penyimpanan.save(nama, ContentFile(data))
    Surat.objects.filter(pk=surat_id).update(berkas=disimpan, status_berkas=StatusBerkas.SELESAI)
    return hashlib.sha256(data).hexdigest()


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
