"""What layanan adds to the shared pages (registered in apps.py): the menu's complaints entry and the home
card of open and overdue complaints."""

from django.db.models import Count

from organisasi.permissions import pegawai_dari_user

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
