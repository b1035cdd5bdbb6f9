"""Browser pages of penugasan. Thin: objects through `restrict`, decisions through `services`."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def verifikasi(request, kode):
    """Public: whether a letter with this code was issued (the QR code on every letter points here)."""
    data = selectors.verifikasi_surat(kode)
    return render(request, "penugasan/verifikasi.html", {"kode": kode, "surat": data}, status=200 if data else 404)
