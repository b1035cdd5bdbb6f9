"""The standard's PDF, public and without login: the version in force (`standar_pdf`) or any published
version (`standar_pdf_versi`). A draft (or a draft never published) is only for those who run the service's
counter (`selectors.boleh_kelola`), marked DRAF across every page; anyone else gets 404, as for a version that
does not exist. Rendered on each request (layanan.dokumen); nothing is kept."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from penugasan.pdf import WaktuHabis

from .. import selectors as sel
from ..dokumen import nama_berkas, pdf_standar
from ..models import VersiLayanan


def _respon(versi, *, draf: bool) -> HttpResponse:
    try:
        data = pdf_standar(versi)
    except WaktuHabis:
        respon = HttpResponse("Pembuatan PDF standar pelayanan terlalu lama; coba lagi nanti.", status=503)
        respon["Retry-After"] = "60"
        return respon
    respon = HttpResponse(data, content_type="application/pdf")
    respon["Content-Disposition"] = f'inline; filename="{nama_berkas(versi)}"'
    # The in-force address shows another version once a new one is published: asked again each time; a draft
    # stays in nobody's cache.
    respon["Cache-Control"] = "private, no-store" if draf else "no-cache"
    return respon


@require_safe
def standar_pdf(request, kode):
    layanan = get_object_or_404(sel.layanan_publik(), kode=kode)
    versi = layanan.versi_berlaku
    versi.layanan = layanan
    return _respon(versi, draf=False)


@require_safe
def standar_pdf_versi(request, kode, n):
    versi = get_object_or_404(
        VersiLayanan.objects.select_related("layanan__unit__instansi"), layanan__kode=kode, nomor=n
    )
    layanan = versi.layanan
    mengelola = request.user.is_authenticated and sel.boleh_kelola(request.user, layanan.unit)
    if not mengelola and (not versi.terbit or not sel.layanan_publik().filter(pk=layanan.pk).exists()):
        raise Http404
    return _respon(versi, draf=not versi.terbit)
