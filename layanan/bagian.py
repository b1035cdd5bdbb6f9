"""What layanan adds to the shared pages (registered in apps.py): the menu's entries (complaints,
consultations, the Bagian Organisasi's dashboard, SOPs, clusters) and the home card of open and overdue
complaints and of the consultations waiting for the reader."""

from django.db.models import Count, Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from organisasi.models import Instansi, PejabatUnit, Unit
from organisasi.permissions import pegawai_dari_user

from . import dasbor
from . import selectors as sel
from .choices import StatusPengaduan


def boleh_semua_pengaduan(user) -> bool:
    """Whom the menu offers the complaints list directly: the Bagian Organisasi, who triages every complaint.
    Asked on every page: answered from the permissions already read for the request (Admin Organisasi holds
    `layanan.view_pengaduan`), no query of its own. Unit staff reach theirs from the home card and the
    services page."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("layanan.view_pengaduan"))


def kartu_pengaduan(request, **objek):
    """The home card: the complaints open in the reader's reach, and how many are past their deadline (one
    counting query; None when none is open)."""
    user = request.user
    if pegawai_dari_user(user) is None and not sel.adalah_bagian_organisasi(user):
        return None
    hitung = (
        sel.pengaduan_terlihat(user)
        .exclude(status=StatusPengaduan.SELESAI)
        .aggregate(terbuka=Count("pk"), terlambat=Count("pk", filter=sel.terlambat_q()))
    )
    if not hitung["terbuka"]:
        return None
    return {"pengaduan": hitung}


# --- consultations and the Bagian Organisasi -------------------------------------------------------------


def boleh_konsultasi(user) -> bool:
    """The consultations' menu entry: staff (who file and follow requests) and the Bagian Organisasi. No
    query: the staff record is the one the page shell reads anyway."""
    if not getattr(user, "is_authenticated", False):
        return False
    diri = pegawai_dari_user(user)
    return (diri is not None and diri.aktif) or boleh_semua_pengaduan(user)


def boleh_dasbor_bo(user) -> bool:
    """The dashboard's menu entry: the global organisation admins, known from the permissions already read
    for the request (no query), and the staff of an instansi's Bagian Organisasi or whoever heads it today:
    one query (what `selectors.instansi_bagian_organisasi` found, when a page already asked it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if boleh_semua_pengaduan(user):
        return True
    diri = pegawai_dari_user(user)
    if diri is None or not diri.aktif:
        return False
    tersimpan = getattr(user, "__dict__", {}).get("_layanan_jalur", {})
    if "bo" in tersimpan:
        return tersimpan["bo"] is None or bool(tersimpan["bo"])
    bagian = OuterRef("bagian_organisasi__path")
    di_bagian = Unit.objects.filter(pk=diri.unit_id, path__startswith=bagian)
    memimpin = PejabatUnit.objects.pada(timezone.localdate()).filter(
        pegawai=diri, jenis__in=sel.PERAN_PIMPINAN, unit__path__startswith=bagian
    )
    return (
        Instansi.objects.filter(bagian_organisasi__isnull=False).filter(Exists(di_bagian) | Exists(memimpin)).exists()
    )


def tautan_ada(url_name: str):
    """A menu condition for a page another part provides: shown once its URL name exists (until then the
    entry is left out instead of breaking every page), to whom `tampil` allows."""

    def tampil(user) -> bool:
        try:
            reverse(url_name)
        except NoReverseMatch:
            return False
        return boleh_konsultasi(user)

    return tampil


def kartu_konsultasi(user) -> dict | None:
    """The requests waiting for the reader's step (dispose, answer, close) and how many are late: one
    counting query (None when nothing waits)."""
    diri = pegawai_dari_user(user)
    if diri is None or not diri.aktif:
        return None
    hitung = dasbor.hitung_giliran(user)
    return hitung if hitung["semua"] else None


def kartu_layanan(request, **objek):
    """Layanan's home card: the complaints in the reader's reach and the consultations waiting for them."""
    konteks = {
        **(kartu_pengaduan(request) or {}),
        **({"konsultasi": k} if (k := kartu_konsultasi(request.user)) else {}),
    }
    return konteks or None
