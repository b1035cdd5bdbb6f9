"""Reads of the SOP registry: who sees which SOP and which of its versions, the version a page shows, and an
SOP version's table as the flowchart's input (`layanan.bagan`).

- A published SOP (one with a version in force) is seen by every active staff member of its instansi (the
  agencies share their SOPs) and by the Bagian Organisasi of that instansi.
- Drafts (an SOP never published, or a draft beside the version in force) are seen by the unit's pengelola
  (the agency's staff, its heads, unit admins) and the Bagian Organisasi of the instansi.
- The global organisation admins see everything. Anyone else: nothing (the pages answer 404).
"""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery

from organisasi.permissions import pegawai_dari_user

from . import bagan
from . import selectors as sel
from .choices import StatusVersi
from .models import Sop, VersiSop

TERBIT = (StatusVersi.BERLAKU, StatusVersi.DIGANTI)


def _instansi_pegawai(user) -> int | None:
    diri = pegawai_dari_user(user)
    if diri is None or not diri.aktif or diri.unit_id is None:
        return None
    return diri.unit.instansi_id


def sop_terlihat(user):
    """The SOPs the user may see (published ones of their instansi; drafts of the units they run)."""
    qs = Sop.objects.select_related("unit", "versi_berlaku")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if sel.adalah_bagian_organisasi(user):
        return qs
    syarat = Q(pk__in=[])
    instansi = _instansi_pegawai(user)
    if instansi is not None:
        syarat |= Q(versi_berlaku__isnull=False, unit__instansi_id=instansi)
    bo = sel.instansi_bagian_organisasi(user)
    if bo:
        syarat |= Q(unit__instansi_id__in=bo)
    jalur = sel.jalur_pengelola(user)
    if jalur:
        syarat |= sel._q(jalur, "unit__path")
    return qs.filter(syarat)


def sop_dikelola(user):
    """The SOPs whose drafts the user writes (the pengelola of their unit)."""
    return Sop.objects.select_related("unit", "versi_berlaku").filter(sel._q(sel.jalur_pengelola(user), "unit__path"))


def boleh_kelola(user, sop: Sop) -> bool:
    return sel.boleh_kelola(user, sop.unit)


def boleh_sahkan(user, sop: Sop) -> bool:
    return sel.boleh_tetapkan(user, sop.unit)


def boleh_lihat_draf(user, sop: Sop) -> bool:
    return sel.boleh_kelola(user, sop.unit) or sel.di_bagian_organisasi(user, sop.unit.instansi_id)


def versi_terlihat(user, sop: Sop):
    """The versions of an SOP the user may read, newest first: every one for the drafting circle, the
    published ones (in force and replaced) for the others."""
    qs = sop.versi.select_related("disusun_oleh", "disahkan_oleh", "diterbitkan_oleh").order_by("-nomor")
    return qs if boleh_lihat_draf(user, sop) else qs.filter(status__in=TERBIT)


def versi_tampil(user, sop: Sop) -> VersiSop | None:
    """The version an SOP's page shows: the one in force, else (for the drafting circle) the latest draft."""
    if sop.versi_berlaku_id:
        return sop.versi_berlaku
    if boleh_lihat_draf(user, sop):
        return sop.versi.order_by("-nomor").first()
    return None


def anotasi_draf(qs):
    """SOPs with `draf`: the number of their latest draft (None without one), in the same query."""
    draf = VersiSop.objects.filter(sop=OuterRef("pk"), status=StatusVersi.DRAF).order_by("-nomor")
    return qs.annotate(draf=Subquery(draf.values("nomor")[:1]))


def langkah_bagan(versi: VersiSop) -> list[bagan.Langkah]:
    """The version's activity table as the flowchart's input (one query)."""
    return [
        bagan.Langkah(
            urutan=b.urutan,
            uraian=b.uraian,
            jenis=b.jenis,
            pelaksana=b.pelaksana,
            ke_ya=b.ke_ya,
            ke_tidak=b.ke_tidak,
            kelengkapan=b.kelengkapan,
            waktu=b.waktu,
            output=b.output,
            keterangan=b.keterangan,
        )
        for b in versi.langkah.order_by("urutan")
    ]


def svg_bagan(versi: VersiSop, langkah: list[bagan.Langkah] | None = None) -> str:
    """The whole flowchart of a version on one page, for the browser."""
    langkah = langkah if langkah is not None else langkah_bagan(versi)
    return bagan.svg(versi.pelaksana or [], langkah, judul=f"{versi.sop.nomor} {versi.sop.nama}", awalan="bagan-sop")
