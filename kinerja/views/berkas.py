"""Evidence files (progress, results): stored under random names outside any public URL and sent only to
whoever sees the target (`sistemkerja.berkas.kirim_berkas`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from sistemkerja.berkas import kirim_berkas

from ..models import Progres
from . import _dasar


@login_required
@require_GET
def bukti_progres(request, pk):
    p = Progres.objects.filter(pk=pk).select_related("kegiatan__rencana").first()
    if p is None or not p.bukti_berkas:
        raise Http404("Berkas bukti tidak ditemukan.")
    _dasar.target(request, p.kegiatan.rencana.target_id)
    return kirim_berkas(p.bukti_berkas, nama_unduh=f"bukti-progres-{p.pk}")


@login_required
@require_GET
def bukti_hasil(request, pk):
    h = _dasar.hasil(request, pk)
    if not h.bukti_berkas:
        raise Http404("Berkas bukti tidak ditemukan.")
    return kirim_berkas(h.bukti_berkas, nama_unduh=f"bukti-hasil-{h.pk}")
