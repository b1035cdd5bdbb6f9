"""Reads of consultations: who sees which, and whose step is next (API.md `langkah`)."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone

from organisasi.permissions import pegawai_dari_user

from . import selectors as sel
from .choices import StatusKonsultasi
from .models import Konsultasi

NAMA_LANGKAH = {
    StatusKonsultasi.DIAJUKAN: "disposisi",
    StatusKonsultasi.DIDISPOSISI: "jawab",
    StatusKonsultasi.DIJADWALKAN: "jawab",
    StatusKonsultasi.DIJAWAB: "tutup",
}


def konsultasi_terlihat(user):
    """The Bagian Organisasi sees its instansi's consultations, and so do the heads above it (one of them
    disposes while the Bagian's head is vacant); the requester, the handler and the staff of the requesting
    unit (its heads and the agency's staff: layanan's pengelola circle) see theirs."""
    qs = Konsultasi.objects.select_related(
        "instansi", "pemohon", "unit_pemohon", "perangkat_daerah", "penangan", "pendisposisi"
    )
    bo = sel.instansi_bagian_organisasi(user)
    if bo is None:
        return qs
    syarat = Q(instansi__in=bo) if bo else Q(pk__in=[])
    diri = pegawai_dari_user(user)
    if diri is not None and diri.aktif:
        syarat |= Q(pemohon=diri) | Q(penangan=diri)
    jalur = sel.jalur_pengelola(user)
    if jalur:
        syarat |= sel._q(jalur, "unit_pemohon__path")
    if penetap := sel.jalur_penetap(user):
        syarat |= sel._q(penetap, "instansi__bagian_organisasi__path")
    return qs.filter(syarat)


def pelaku_langkah(konsultasi: Konsultasi, kepala=None) -> list:
    """The people whose step is next (`Pegawai`s); `kepala` is the Bagian's head of the day when known."""
    status = konsultasi.status
    if status == StatusKonsultasi.DIAJUKAN:
        if kepala is None:
            kepala = sel.kepala_bagian_organisasi(konsultasi.instansi)
        return [kepala.pegawai] if kepala else []
    if status in (StatusKonsultasi.DIDISPOSISI, StatusKonsultasi.DIJADWALKAN):
        return [konsultasi.penangan] if konsultasi.penangan_id else []
    if status == StatusKonsultasi.DIJAWAB:
        return [konsultasi.pemohon]
    return []


def langkah(konsultasi: Konsultasi, kepala=None) -> dict | None:
    """API.md's `langkah`: {"nama", "pelaku": [nip]}, None once `selesai`."""
    nama = NAMA_LANGKAH.get(konsultasi.status)
    if nama is None:
        return None
    return {"nama": nama, "pelaku": [p.nip for p in pelaku_langkah(konsultasi, kepala)]}


def terlambat_q() -> Q:
    """`Konsultasi.terlambat` as a filter: answered after its deadline (a day in Asia/Jakarta), or still
    unanswered past it."""
    dijawab_lewat = Q(dijawab__isnull=False, dijawab__date__gt=F("tenggat"))
    belum_lewat = Q(dijawab__isnull=True, tenggat__lt=timezone.localdate()) & ~Q(status=StatusKonsultasi.SELESAI)
    return dijawab_lewat | belum_lewat
