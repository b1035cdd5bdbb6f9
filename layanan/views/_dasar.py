"""What layanan's pages share: finding a service or complaint for the reader (an outsider gets 404, a reader
who may see but not act 403), running a service so its refusal becomes field errors (400) or a message
(403/409/429), and links to pages other parts provide."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from kinerja.views._dasar import sah
from organisasi.models import Unit
from sistemkerja.errors import GalatDomain

from .. import selectors as sel
from ..models import Layanan

PER_HALAMAN = 50
# The prefixes the services put before a field's name ("komponen.biaya", "jawaban.U3", "[2].usia").
_AWALAN = re.compile(r"^(?:\[\d+\]\.)?(?:komponen\.|jawaban\.)?")


def galat_dict(e: Exception) -> dict[str | None, list[str]]:
    """A service's refusal as {field or None: [messages]}."""
    if isinstance(e, GalatDomain):
        return {None: [e.pesan]}
    if hasattr(e, "error_dict"):
        return {(None if k in (NON_FIELD_ERRORS, "detail") else k): v for k, v in e.message_dict.items()}
    return {None: list(e.messages)}


def tempel(form, e: Exception) -> None:
    """A service's ValidationError on the form's fields: `komponen.biaya` on `biaya`, `jawaban.U3` on `U3`;
    anything else at the top of the form."""
    for kolom, pesan in galat_dict(e).items():
        nama = _AWALAN.sub("", kolom) if kolom else None
        form.add_error(nama if nama in form.fields else None, pesan)


def jalankan(request, form, aksi):
    """(result, status): the service's ValidationError on the form (400), a domain refusal as a message
    with its status (403, 409, 429)."""
    try:
        return aksi(), 200
    except ValidationError as e:
        if form is not None:
            tempel(form, e)
        else:
            for pesan in galat_dict(e).values():
                messages.error(request, " ".join(pesan))
        return None, 400
    except GalatDomain as e:
        messages.error(request, e.pesan)
        return None, e.status_code


def kirim(request, form, aksi):
    """(result, status) of a posted form: 400 when the form itself refuses the input, else what the service
    does with the cleaned data (`aksi(cleaned_data)`), as `jalankan`."""
    if not sah(form):  # also refuses a checkbox or number Django would let through (kinerja's pages share it)
        return None, 400
    return jalankan(request, form, lambda: aksi(form.cleaned_data))


def tautan(nama: str, **kwargs) -> str:
    """The URL of a page another part may provide (the SKM page, the standard's PDF), or ""."""
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def alamat_situs(path: str) -> str:
    """An absolute address on the public site (what a printed QR code or slip points at)."""
    return settings.SITUS_URL.rstrip("/") + path


def halaman(request, qs, per: int = PER_HALAMAN):
    """One page of a list (`?halaman=`), with the query string of the other filters for the page links."""
    hal = Paginator(qs, per).get_page(request.GET.get("halaman"))
    lain = request.GET.copy()
    lain.pop("halaman", None)
    hal.kueri_lain = lain.urlencode()
    return hal


# --- services for the staff pages ---------------------------------------------------------------


def layanan_staf(request, kode: str, *, tetapkan: bool = False) -> Layanan:
    """A service for the staff pages: 404 when the reader may not know it (a draft of another unit), 403
    when they see it (published) but do not run its counter (`tetapkan`: may not set its standard)."""
    qs = sel.layanan_terlihat(request.user).prefetch_related("skema_survei__unsur", "skema_survei__mutu")
    layanan = get_object_or_404(qs, kode=kode)
    boleh = sel.boleh_tetapkan if tetapkan else sel.boleh_kelola
    if not boleh(request.user, layanan.unit):
        raise PermissionDenied
    return layanan


# --- the catalogue: services grouped by their Perangkat Daerah ---------------------------------------


def jalur_pd(path: str) -> str:
    """The tree path of the Perangkat Daerah (the unit at depth 2) a unit belongs to; a root is its own."""
    return path[: Unit.steplen * 2]


def per_perangkat_daerah(daftar_layanan) -> list[dict]:
    """Services (their `unit` loaded) grouped under their Perangkat Daerah, in tree order, in one query:
    [{"pd": Unit, "layanan": [...]}]."""
    daftar_layanan = list(daftar_layanan)
    jalur = {jalur_pd(lay.unit.path) for lay in daftar_layanan}
    pd = {u.path: u for u in Unit.objects.filter(path__in=jalur).select_related("instansi")} if jalur else {}
    kelompok: dict[str, list] = {}
    for lay in sorted(daftar_layanan, key=lambda x: (x.unit.path, x.nama)):
        kelompok.setdefault(jalur_pd(lay.unit.path), []).append(lay)
    return [{"pd": pd[j], "layanan": isi} for j, isi in sorted(kelompok.items()) if j in pd]


def pilihan_layanan_publik() -> list:
    """The published services as select choices, grouped by Perangkat Daerah (optgroups)."""
    return [
        (k["pd"].nama, [(lay.kode, lay.nama) for lay in k["layanan"]])
        for k in per_perangkat_daerah(
            sel.layanan_publik().select_related(None).select_related("unit").only("kode", "nama", "unit__path")
        )
    ]
