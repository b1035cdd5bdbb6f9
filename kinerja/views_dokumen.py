"""The appraisal's signed documents: the PDF for those concerned, and the public verification page.

The PDF is read by its signatories and by whoever may read the SKP (the person, their PPK and atasan PPK,
the Bagian Organisasi: `Skp.objects.restrict`); anyone else gets 404, as for a document that does not
exist. The verification page needs no login and tells only what `dokumen.verifikasi_dokumen` gives.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from organisasi.permissions import pegawai_dari_user
from penugasan.pdf import respon_pdf

from .dokumen import AWALAN_BATAS, buat_ulang_bila_gagal, verifikasi_dokumen
from .models import DokumenKinerja, Skp


@require_GET
def verifikasi(request, kode):
    """Public: whether a document with this code was made here, whose, signed by whom, in force or not."""
    data = verifikasi_dokumen(kode)
    return render(request, "kinerja/dokumen/verifikasi.html", {"kode": kode, "d": data}, status=200 if data else 404)


def _boleh_baca(user, d: DokumenKinerja) -> bool:
    if Skp.objects.restrict(user).filter(pk=d.skp_id).exists():
        return True
    diri = pegawai_dari_user(user)
    return diri is not None and d.tanda_tangan.filter(pegawai=diri).exists()


@require_GET
@login_required
def unduh(request, pk):
    """The signed PDF; while it is not made yet, a page saying why (404: there is no file to give)."""
    d = get_object_or_404(DokumenKinerja.objects.select_related("skp__pegawai"), pk=pk)
    if not _boleh_baca(request.user, d):
        raise Http404
    if not (d.berkas and d.berkas.storage.exists(d.berkas.name)):
        belum = [t for t in d.tanda_tangan.select_related("pegawai") if t.waktu is None]
        ulang = not belum and buat_ulang_bila_gagal(d)  # failed before: queued again, once
        if ulang:
            d.refresh_from_db()  # made already when the queue runs at once (eager Celery, no transaction)
        if not (d.berkas and d.berkas.storage.exists(d.berkas.name)):
            konteks = {"d": d, "belum": belum, "ulang": ulang, "ditolak": d.galat_berkas.startswith(AWALAN_BATAS)}
            return render(request, "kinerja/dokumen/belum.html", konteks, status=404)
    return respon_pdf(d)
