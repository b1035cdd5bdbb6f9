"""What kinerja's pages share: the caller's staff record, objects through `restrict` (an outsider gets
404), and running a service so its refusal becomes field errors (400) or a message (403/409)."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from organisasi.permissions import pegawai_dari_user
from sistemkerja.errors import GalatDomain
from sistemkerja.forms import galat_ke_dict, tempel_galat

from ..models import Hasil, Kegiatan, PerjanjianKinerja, Target

BATAS_DAFTAR = 20
# The row counts the repeated-row forms send back (`n_kegiatan`, `k0-n`, `n_sasaran`, `s0-n`).
HITUNGAN_BARIS = re.compile(r"n_[a-z]+|[a-z][0-9]{1,3}-n")
CENTANG = ("", "on", "true", "false")  # what a checkbox sends (Django reads any other text as ticked)


def diri(request):
    return pegawai_dari_user(request.user)


def sah(form) -> bool:
    """`form.is_valid()`, refusing too what Django lets through and these pages never send: a number in
    other digits than 0-9 (Django reads "١" as 1) and a checkbox whose value is not a checkbox's."""
    if not form.is_valid():
        return False
    for nama, field in form.fields.items():
        nilai = form.data.get(form.add_prefix(nama))
        if not isinstance(nilai, str):
            continue
        if isinstance(field, forms.BooleanField) and nilai not in CENTANG:
            form.add_error(nama, "Nilai centang tidak sah.")
        elif isinstance(field, forms.IntegerField) and not nilai.isascii():  # DecimalField included
            form.add_error(nama, "Gunakan angka 0-9.")
    return not form.errors


def baris_rusak(post) -> list[str]:
    """A message when a row count of a repeated-row form is not a small number (a forged or damaged page:
    read as one row, it would send the other rows' values elsewhere)."""
    for kunci in post:
        if HITUNGAN_BARIS.fullmatch(kunci) and not re.fullmatch(r"[0-9]{1,3}", post.get(kunci, "")):
            return ["Susunan baris formulir tidak sah; muat ulang halaman lalu isi kembali."]
    return []


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
