"""API authentication and scopes.

`Authorization: Token <key>`: the key's first digits find the token, its SHA-256 digest is compared in
constant time (`services.akses`), and a revoked or expired token is refused like an unknown one. Tokens
are tried first, so an anonymous caller is told 401 with `WWW-Authenticate: Token`.

A token carries scopes (`choices.CakupanToken`); every API view names the scope it needs
(`cakupan_token`) and `CakupanTokenDiperlukan` refuses a token without it. A browser session is the
person themselves and needs no scope; what anyone sees is still limited by `restrict`.
"""
import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .. import versi as versi_mod
from ..models import TokenApi
from ..services.akses import PANJANG_AWALAN, kunci_cocok, sidik_kunci

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
        token = _token_tersimpan(key)
        sekarang = timezone.now()
        if token is None or not kunci_cocok(token, key) or not token.berlaku_pada(sekarang):
            raise exceptions.AuthenticationFailed(TIDAK_SAH)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Akun tidak aktif.")
        if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai > JEDA_CATAT_PAKAI:
            TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
            token.terakhir_dipakai = sekarang
            _simpan(key, token)
        return token.user, token


# A token and its account as read from the database, kept in this process under the AKUN version: any
# save or delete of a token or an account moves it (`naikkan_versi_akun`), so a revoked token or a
# deactivated account is refused on the next request in every process. Each request gets new instances
# built from the kept values, so nothing one request caches on them reaches the next.
def _kunci_lokal(key: str) -> str:
    return f"organisasi:token:{versi_mod.versi(versi_mod.AKUN)}:{sidik_kunci(key)}"


def _token_tersimpan(key: str) -> TokenApi | None:
    tersimpan = versi_mod.lokal_ambil(_kunci_lokal(key))
    if tersimpan is None:
        token = TokenApi.objects.select_related("user").filter(awalan=key[:PANJANG_AWALAN]).first()
        if token is None or not kunci_cocok(token, key):
            return token  # refused by the caller, and not kept: a wrong key must not fill the memory
        tersimpan = _simpan(key, token)
    token = versi_mod.dari_salinan(TokenApi, tersimpan[0])
    token.user = versi_mod.dari_salinan(get_user_model(), tersimpan[1])
    return token


def _simpan(key: str, token: TokenApi) -> tuple:
    tersimpan = (versi_mod.salinan(token), versi_mod.salinan(token.user))
    versi_mod.lokal_simpan(_kunci_lokal(key), tersimpan, 2048)
    return tersimpan


def naikkan_versi_akun(sender, update_fields=None, **kwargs) -> None:
    """Connected to saves and deletes of tokens and accounts; a sign-in's `last_login` alone is not one."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    versi_mod.naikkan_dan_saat_commit(versi_mod.AKUN)


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
