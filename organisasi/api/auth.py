"""API authentication and scopes.

`Authorization: Token <key>`: the key's first digits find the token, its SHA-256 digest is compared in
constant time (`services.akses`), and a revoked or expired token is refused like an unknown one. Tokens
are tried first, so an anonymous caller is told 401 with `WWW-Authenticate: Token`.

A token carries scopes (each app registers its own in `sistemkerja.registry`); every API view names the scope it needs
(`cakupan_token`) and `CakupanTokenDiperlukan` refuses a token without it. A browser session is the
person themselves and needs no scope; what anyone sees is still limited by `restrict`.
"""

import datetime as dt
import re

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..models import TokenApi
from ..services.akses import PANJANG_AWALAN, kunci_cocok

BENTUK_KUNCI = re.compile(r"^[0-9a-f]{48}$")
SEMUA_TOKEN = "*"  # `cakupan_token` of a view any valid token may reach (the caller's own record)
TIDAK_SAH = "Token tidak sah, kedaluwarsa atau sudah dicabut."
# `terakhir_dipakai` is written at most this often per token, not on every request.
JEDA_CATAT_PAKAI = dt.timedelta(minutes=10)


class TokenAuthentication(authentication.TokenAuthentication):
    model = TokenApi

    def authenticate_credentials(self, key):
        if not BENTUK_KUNCI.match(key):
            raise exceptions.AuthenticationFailed(TIDAK_SAH)
        token = TokenApi.objects.select_related("user").filter(awalan=key[:PANJANG_AWALAN]).first()
        sekarang = timezone.now()
        if token is None or not kunci_cocok(token, key) or not token.berlaku_pada(sekarang):
            raise exceptions.AuthenticationFailed(TIDAK_SAH)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Akun tidak aktif.")
        if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai > JEDA_CATAT_PAKAI:
            TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
            token.terakhir_dipakai = sekarang
        return token.user, token


class CakupanTokenDiperlukan(BasePermission):
    """A token may reach a view only if it was granted the view's `cakupan_token`.

    A view that names no scope is closed to tokens: a new endpoint is never open by omission. A view that
    reads and writes names one scope for each: `{"baca": ..., "tulis": ...}`.
    """

    message = "Token ini tidak diberi cakupan untuk sumber daya ini."

    def has_permission(self, request, view):
        if not isinstance(request.auth, TokenApi):
            return True
        perlu = getattr(view, "cakupan_token", None)
        if isinstance(perlu, dict):  # {"baca": scope for safe methods, "tulis": scope for the others}
            perlu = perlu.get("baca" if request.method in SAFE_METHODS else "tulis")
        if perlu is None:
            return False
        return perlu == SEMUA_TOKEN or perlu in request.auth.cakupan
