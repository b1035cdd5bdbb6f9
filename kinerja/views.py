"""Pages of kinerja (placeholder until the pages land)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def kotak_masuk(request):
    return render(request, "kinerja/kotak_masuk.html", {})
