"""What kinerja's pages share: the caller's staff record, objects through `restrict` (an outsider gets
404), and running a service so its refusal becomes field errors (400) or a message (403/409)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from organisasi.permissions import pegawai_dari_user
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict, tempel_galat

from ..models import Hasil, Kegiatan, PerjanjianKinerja, Target

BATAS_DAFTAR = 20


def diri(request):
    return pegawai_dari_user(request.user)


def jalankan(request, form, aksi):
    """(result, status): the service's ValidationError on the form's fields, a domain refusal as a message."""
    try:
        return aksi(), 200
    except ValidationError as e:
        if form is not None:
            tempel_galat(form, e)
        else:
            for pesan in galat_ke_dict(e).values():
                messages.error(request, " ".join(pesan))
        return None, 400
    except GalatDomain as e:
        messages.error(request, e.pesan)
        return None, e.status_code


def jalankan_baris(request, aksi):
    """(result, status, errors by path) for forms with repeated rows."""
    try:
        return aksi(), 200, {}
    except ValidationError as e:
        return None, 400, galat_ke_dict(e)
    except GalatDomain as e:
        messages.error(request, e.pesan)
        return None, e.status_code, {}


def perjanjian(request, pk) -> PerjanjianKinerja:
    qs = PerjanjianKinerja.objects.restrict(request.user).select_related(
        "unit", "disusun_oleh", "ditetapkan_oleh", "menggantikan"
    )
    return get_object_or_404(qs, pk=pk)


def target(request, pk) -> Target:
    qs = Target.objects.restrict(request.user).select_related(
        "unit", "perjanjian__unit", "induk__unit", "tim__ketua", "strategi_oleh", "indikator"
    )
    return get_object_or_404(qs, pk=pk)


def hasil(request, pk) -> Hasil:
    qs = Hasil.objects.restrict(request.user).select_related(
        "target__unit", "target__perjanjian", "pengaju", "peninjau"
    )
    return get_object_or_404(qs, pk=pk)


def kegiatan(request, pk) -> Kegiatan:
    """An activity is seen by whoever sees its target."""
    k = get_object_or_404(Kegiatan.objects.select_related("rencana__target"), pk=pk)
    target(request, k.rencana.target_id)
    return k
