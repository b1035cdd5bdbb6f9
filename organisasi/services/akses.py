"""API tokens (made, revoked) and the log of personal data read through the API."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sistemkerja import registry
from sistemkerja.errors import BukanWewenang, TransisiTidakSah

from ..models import AksesDataPribadi, TokenApi
from ._dasar import _simpan, akun_pelaku

PANJANG_AWALAN = 10


def sidik_kunci(kunci: str) -> str:
    return hashlib.sha256(kunci.encode("ascii")).hexdigest()


def kunci_cocok(token: TokenApi, kunci: str) -> bool:
    return hmac.compare_digest(token.sidik, sidik_kunci(kunci))


def _boleh_mengelola_token(pelaku, user) -> bool:
    return pelaku is None or pelaku.is_superuser or pelaku.pk == user.pk


def token_buat(
    *, pelaku, user, nama: str, cakupan: list[str], kedaluwarsa: dt.datetime | None = None, kunci: str | None = None
) -> tuple[TokenApi, str]:
    """A new token for `user`; returns it with its key, which is not stored and cannot be shown again.

    The owner makes tokens for themselves (`POST /api/v1/token/`); a superuser for anyone (admin).
    `kunci` is for fixed, publicly known keys only (the demo); normally a fresh random key is drawn.
    """
    if not _boleh_mengelola_token(pelaku, user):
        raise BukanWewenang("Hanya superuser yang dapat membuat token untuk akun lain.")
    if not user.is_active:
        raise ValidationError({"user": "Akun tidak aktif tidak dapat diberi token."})
    galat = {}
    if not nama.strip():
        galat["nama"] = "Nama token wajib diisi."
    if not cakupan:
        galat["cakupan"] = "Pilih sedikitnya satu cakupan."
    elif asing := sorted(set(cakupan) - {kode for kode, _ in registry.daftar_cakupan()}):
        galat["cakupan"] = f"Cakupan tidak dikenal: {', '.join(asing)}."
    if kedaluwarsa is not None and kedaluwarsa <= timezone.now():
        galat["kedaluwarsa"] = "Waktu kedaluwarsa harus di masa depan."
    if galat:
        raise ValidationError(galat)
    for _ in range(3):  # a prefix collision (1 in 2^40 per pair) just draws again
        k = kunci or secrets.token_hex(24)
        token = TokenApi(
            user=user,
            nama=nama.strip(),
            awalan=k[:PANJANG_AWALAN],
            sidik=sidik_kunci(k),
            cakupan=sorted(set(cakupan)),
            kedaluwarsa=kedaluwarsa,
            dibuat_oleh=akun_pelaku(pelaku),
        )
        try:
            with transaction.atomic():
                _simpan(token, pelaku, "token_buat")
        except IntegrityError:
            if kunci:
                raise ValidationError({"kunci": "Kunci ini sudah dipakai token lain."}) from None
            continue
        return token, k
    raise RuntimeError("tidak dapat membuat awalan token yang unik")  # pragma: no cover


@transaction.atomic
def token_cabut(*, pelaku, token: TokenApi, alasan: str) -> TokenApi:
    """Revoke: the token stops working at once; the row stays for the access log."""
    token = TokenApi.objects.select_for_update().select_related("user").get(pk=token.pk)
    if not _boleh_mengelola_token(pelaku, token.user):
        raise BukanWewenang("Anda tidak berwenang mencabut token ini.")
    return _cabut(token, pelaku, alasan)


def _cabut(token: TokenApi, pelaku, alasan: str) -> TokenApi:
    if not alasan.strip():
        raise ValidationError({"alasan_cabut": "Alasan pencabutan wajib diisi."})
    if token.dicabut is not None:
        raise TransisiTidakSah("Token ini sudah dicabut.")
    token.dicabut = timezone.now()
    token.dicabut_oleh = akun_pelaku(pelaku)
    token.alasan_cabut = alasan.strip()
    _simpan(token, pelaku, f"token_cabut: {token.alasan_cabut}")
    return token


@transaction.atomic
def token_cabut_semua(*, pelaku, user, alasan: str) -> int:
    """Revoke every live token of an account, as part of a transition the caller already authorised
    (the person left: `pegawai_berhentikan`)."""
    tokens = list(TokenApi.objects.select_for_update().filter(user=user, dicabut__isnull=True))
    for token in tokens:
        _cabut(token, pelaku, alasan)
    return len(tokens)


@transaction.atomic
def token_cabut_sandi_lama(*, user) -> int:
    """The account's password changed: the live tokens it obtained with its password (`POST
    /api/v1/token/`, made by the account itself) stop working; tokens a superuser made stay."""
    tokens = list(TokenApi.objects.select_for_update().filter(user=user, dibuat_oleh=user, dicabut__isnull=True))
    for token in tokens:
        _cabut(token, None, "kata sandi akun diubah")
    return len(tokens)


def akses_data_pribadi_catat(
    *, user, token: TokenApi | None, alamat_ip: str | None, metode: str, path: str, nip: list[str]
) -> None:
    """One row per request that returned staff records (UU 27/2022): who, when, from where, whose.

    Written in the request, in its transaction if it has one, so the row is committed before the answer
    leaves; an answer whose row cannot be written is an error, never an unlogged read. A row that is its
    own transaction on PostgreSQL commits without waiting for the disk (`synchronous_commit` off for that
    transaction alone): visible to everyone at once, flushed by PostgreSQL's WAL writer within a fraction
    of a second; a crash of PostgreSQL itself could lose that fraction, never other data
    (`AKSES_LOG_TUNGGU_DISK`: wait for the disk like every other write).
    """
    baris = AksesDataPribadi(
        user_id=user.pk,
        username=user.get_username()[:150],
        token_id=token.pk if token is not None else None,
        alamat_ip=alamat_ip or None,
        metode=metode[:8],
        path=path[:500],
        subjek=" ".join(nip),
        jumlah_subjek=len(nip),
    )
    if connection.vendor != "postgresql" or connection.in_atomic_block or settings.AKSES_LOG_TUNGGU_DISK:
        baris.save()
        return
    with transaction.atomic():
        with connection.cursor() as kursor:
            kursor.execute("SET LOCAL synchronous_commit TO OFF")
        baris.save()
