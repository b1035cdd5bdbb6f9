"""The pages every app shares: the home page, whose cards the apps register (`registry`), and the icon."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

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


@require_safe
def ikon(request):
    """/favicon.ico, which browsers ask for on pages that name no icon (the admin's, the browsable API's)."""
    return redirect(static("favicon.ico"))


class FormDitolak400:
    """For Django's form views (sign-in, password change and reset): a form shown again with its errors
    is answered 400, like any refused input, not 200."""

    def form_invalid(self, form):
        respons = super().form_invalid(form)
        respons.status_code = 400
        return respons


class TautanSandi404:
    """For Django's password-reset confirmation: a link that is not (or no longer) valid is answered with
    its page and 404, not 200."""

    def dispatch(self, *args, **kwargs):
        # the account's id in base64url: Django's decoder skips stray characters (a NUL, a space) in an
        # unpadded value, so its shape is checked first
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", kwargs.get("uidb64", "")):
            raise Http404("Tautan tidak sah.")
        respons = super().dispatch(*args, **kwargs)
        if not getattr(self, "validlink", True) and respons.status_code == 200:
            respons.status_code = 404
        return respons
