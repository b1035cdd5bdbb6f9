"""Whole pages kept per account, answered again until anything they may show has changed.

A kept page is keyed by the account, the path, the language, the date, the release (templates, code
and static files) and the version numbers of what it shows (`versi`: structure, grants, accounts, and
requests for the pages with inbox counts or a work profile), so it never reaches another reader, and a
reader never sees it once any row behind it has moved. Only plain visits are kept: no query string, no
flash message waiting to be shown.

The CSRF token is the one thing that differs between two answers of the same page. The page is
rendered with a placeholder in its place (`context_processors.csrf_halaman`; random per process, so no
stored text can contain it) and kept in pieces split there; each answer joins them around the reader's
freshly masked token (the masking is what keeps a compressed page from leaking the token, BREACH).

Browsers ask for gzip. Each piece is also kept compressed, as raw deflate blocks ending byte-aligned
(a full flush), so an answer is those blocks joined around the token's own, between a gzip header and
a trailer of the whole text's CRC-32 and length: one compression per page and version, not one per
answer. The CRC-32 runs on from the first piece's, kept; base.html puts the sign-out form, and so the
token, at the end of the page, leaving a few bytes to add up per answer. The tree page of a large
instansi is ~200 kB of markup and ~16 kB on the wire.
"""
from __future__ import annotations

import hashlib
import re
import secrets
import struct
import zlib
from dataclasses import dataclass
from functools import cache as sekali, wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import versi as versi_mod
from .cache import UMUR
from .selectors import hari_ini


# Stands in for the token while a kept page renders in this process (the pieces it is split into are
# what is shared). Real tokens are 64 letters and digits; this cannot be one.
PENGGANTI_CSRF = f"csrf-{secrets.token_hex(16)}"
_PENGGANTI = PENGGANTI_CSRF.encode()
_MENERIMA_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(?:\.0*)?(?:[^.\d]|$))")
# Bumped when `Halaman` changes shape: kept entries of the old shape are never read.
BENTUK = 1
# gzip member header: magic, deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952)
_KEPALA_GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def _deflate(data: bytes, akhir: bool) -> bytes:
    """Raw deflate blocks of `data` that refer to nothing before them: a full flush ends them
    byte-aligned and not final, so other blocks may follow; `akhir` ends the stream instead."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if akhir else zlib.Z_FULL_FLUSH)


@dataclass(frozen=True)
class Halaman:
    jenis: str  # Content-Type
    potongan: tuple[bytes, ...]  # the page split at the token's place
    potongan_gzip: tuple[bytes, ...]  # each piece as deflate blocks (the last one final)
    crc_awal: int  # CRC-32 of the first piece (base.html puts the token near the end)

    @classmethod
    def dari(cls, jenis: str, isi: bytes) -> Halaman:
        potongan = tuple(isi.split(_PENGGANTI))
        return cls(jenis, potongan, tuple(_deflate(p, i == len(potongan) - 1) for i, p in enumerate(potongan)),
                   zlib.crc32(potongan[0]))

    @property
    def ukuran(self) -> int:
        return sum(map(len, self.potongan)) + sum(map(len, self.potongan_gzip))

    def isi(self, token: bytes) -> bytes:
        return token.join(self.potongan)

    def isi_gzip(self, token: bytes) -> bytes:
        token_gzip = _deflate(token, False)
        crc = self.crc_awal
        for p in self.potongan[1:]:
            crc = zlib.crc32(p, zlib.crc32(token, crc))
        panjang = sum(map(len, self.potongan)) + len(token) * (len(self.potongan) - 1)
        return b"".join((_KEPALA_GZIP, token_gzip.join(self.potongan_gzip),
                         struct.pack("<II", crc, panjang & 0xFFFFFFFF)))

    def jawab(self, request) -> HttpResponse:
        token = get_token(request).encode() if len(self.potongan) > 1 else b""
        if _MENERIMA_GZIP.search(request.headers.get("Accept-Encoding", "")):
            respons = HttpResponse(self.isi_gzip(token), content_type=self.jenis)
            respons["Content-Encoding"] = "gzip"
        else:
            respons = HttpResponse(self.isi(token), content_type=self.jenis)
        respons["Content-Length"] = str(len(respons.content))
        patch_vary_headers(respons, ("Accept-Encoding",))
        patch_cache_control(respons, private=True)  # one account's page: no shared cache on the way keeps it
        return respons


@sekali
def rilis() -> str:
    """What a deploy changes, once per process: the project's code and templates (their sizes and times)
    and the static files' manifest (its hashed names). A page kept by an older release is never served."""
    h = hashlib.sha256(str(BENTUK).encode())
    akar = Path(settings.BASE_DIR)
    berkas = [p for bagian in ("sistemkerja", "organisasi", "penugasan", "kinerja", "layanan", "templates")
              for p in sorted((akar / bagian).rglob("*")) if p.suffix in (".py", ".html", ".txt") and p.is_file()]
    if settings.STATIC_ROOT:
        berkas.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for p in berkas:
        if p.exists():
            st = p.stat()
            h.update(f"{p.relative_to(akar) if p.is_relative_to(akar) else p}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _boleh_disimpan(request) -> bool:
    return (settings.STRUKTUR_CACHE and settings.HALAMAN_CACHE and not request.GET
            and not len(messages.get_messages(request)))


def halaman_tersimpan(*nomor: str):
    """Keep the page the view renders for this account while the version numbers `nomor` (of `versi`)
    and the rest of the key hold (see the module). Goes inside `login_required`."""
    def dekorator(view):
        @wraps(view)
        def bungkus(request, *args, **kwargs):
            if not _boleh_disimpan(request):
                return view(request, *args, **kwargs)
            return _jawab_atau_simpan(request, view, args, kwargs, nomor)

        return bungkus

    return dekorator


def _jawab_atau_simpan(request, view, args, kwargs, nomor):
    kunci_isi = (view.__module__, view.__qualname__, request.path, getattr(request, "LANGUAGE_CODE", ""),
                 bool(request.headers.get("HX-Request")), request.user.pk, hari_ini(), rilis(),
                 versi_mod.nilai(nomor))
    kunci = "halaman:" + hashlib.sha256(repr(kunci_isi).encode()).hexdigest()[:40]
    halaman = versi_mod.lokal_ambil(kunci)
    if halaman is None and (halaman := cache.get(kunci)) is not None:
        versi_mod.lokal_simpan(kunci, halaman, halaman.ukuran)
    if halaman is not None:
        return halaman.jawab(request)
    request.csrf_halaman = True
    try:
        respons = view(request, *args, **kwargs)
    finally:
        del request.csrf_halaman
    if respons.streaming:  # never from the views this is for
        return respons
    if respons.status_code != 200 or respons.cookies or len(messages.get_messages(request)):
        if _PENGGANTI in respons.content:  # not kept: the token in its place, as any page
            respons.content = respons.content.replace(_PENGGANTI, get_token(request).encode())
        return respons
    halaman = Halaman.dari(respons["Content-Type"], respons.content)
    cache.set(kunci, halaman, UMUR)
    versi_mod.lokal_simpan(kunci, halaman, halaman.ukuran)
    return halaman.jawab(request)
