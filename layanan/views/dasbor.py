"""The Bagian Organisasi's dashboard (`/bagian-organisasi/`): the consultations of its instansi this year
(by status and kind, late, rated, each handler's load, the open ones past their deadline), the SOP coverage
per agency (which published services lack an SOP in force) with the agencies' SOPs and business-process
maps, and the review rounds with their findings. For the staff of the instansi's Bagian Organisasi (their
instansi) and the global organisation admins (who pick one); anyone else 403. A fixed number of queries
whatever the size of the data (`layanan.dasbor`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from organisasi.models import Instansi

from .. import dasbor as d
from .. import selectors as sel
from ..forms_konsultasi import DasborForm

TAHUN_KE_BELAKANG = 5


@login_required
@require_GET
def dasbor(request):
    bo = sel.instansi_bagian_organisasi(request.user)
    if bo is not None and not bo:
        raise PermissionDenied("Dasbor ini untuk Bagian Organisasi.")
    qs = Instansi.objects.select_related("bagian_organisasi").order_by("nama")
    pilihan = list(qs if bo is None else qs.filter(pk__in=bo))
    if not pilihan:
        raise Http404("Belum ada instansi.")
    hari_ini = timezone.localdate()
    tahun_pilihan = list(range(hari_ini.year, hari_ini.year - TAHUN_KE_BELAKANG, -1))
    form = DasborForm(
        request.GET or None, pilihan_instansi=[(i.pk, i.nama) for i in pilihan], pilihan_tahun=tahun_pilihan
    )
    dipilih = form.cleaned_data if form.is_bound and form.is_valid() else {}
    per_pk = {i.pk: i for i in pilihan}
    bawaan = next((i for i in pilihan if i.bagian_organisasi_id), pilihan[0])
    instansi = per_pk.get(dipilih.get("instansi")) or bawaan
    tahun = dipilih.get("tahun") or hari_ini.year
    pd = d.per_perangkat_daerah(instansi, hari_ini)
    return render(
        request,
        "layanan/dasbor/dasbor.html",
        {
            "form": form,
            "instansi": instansi,
            "konsultasi": d.ringkasan_konsultasi(instansi, tahun, hari_ini),
            "pd": pd,
            "total": d.total(pd),
            "hari_ini": hari_ini,
        },
    )
