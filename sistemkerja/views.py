"""The pages every app shares: the home page, whose cards the apps register (`registry`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import registry


@require_GET
@login_required
def beranda(request):
    return render(
        request,
        "beranda.html",
        {
            "tanggal": timezone.localdate(),
            "kartu": registry.render_bagian("beranda", request),
        },
    )
