"""What each app adds to the parts every app shares, registered from its `AppConfig.ready()`.

NetBox keeps one such registry (`netbox/registry.py`); so do we, so that a new app plugs in by
registering here and never by editing another app:

- `cakupan_token(kode, label)`: a scope an API token may be granted (`kode` like "kinerja:baca");
- `menu(label, url_name, ...)`: an entry of the main menu;
- `kartu_beranda(template, konteks, ...)`: a card on the home page;
- `bagian_pegawai(template, konteks, ...)`: a section on a person's page;
- `riwayat(alasan=..., pesan=..., sistem=...)`: how the app's transitions read in history and in the
  admin's messages (`sistemkerja.riwayat`).

A card or section is a template and a function `konteks(request, **objek) -> dict | None` giving its
context (None: the card is not shown to this reader). Entries are shown in `urutan` order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    urutan: int
    tampil: Callable | None  # user -> bool; None: every signed-in user


@dataclass(frozen=True)
class Bagian:
    template: str
    konteks: Callable
    urutan: int


_cakupan: dict[str, str] = {}
_menu: list[Menu] = []
_bagian: dict[str, list[Bagian]] = {"beranda": [], "pegawai": []}


def cakupan_token(kode: str, label: str) -> None:
    _cakupan[kode] = label


def daftar_cakupan() -> list[tuple[str, str]]:
    """Every token scope as (kode, label): choices for forms and serializers."""
    return sorted(_cakupan.items())


def riwayat(
    *,
    alasan: dict[str, str],
    pesan: dict[str, str] | None = None,
    sistem: dict[str, str] | None = None,
    tampil_username: Callable[[str], str] | None = None,
):
    """An app's transition codes: their labels, the admin's message after each, and who "the system" is
    for those a job writes without an account. A code belongs to one app. The app that owns accounts may
    say how a username is shown beside the name (`tampil_username`)."""
    from . import riwayat as r

    if tampil_username is not None:
        r.TAMPIL_USERNAME[0] = tampil_username

    for tujuan, baru in ((r.ALASAN, alasan), (r.PESAN, pesan or {}), (r.SISTEM, sistem or {})):
        if dobel := {k for k in set(tujuan) & set(baru) if tujuan[k] != baru[k]}:
            raise ValueError(f"Kode riwayat sudah didaftarkan app lain: {', '.join(sorted(dobel))}")
        tujuan.update(baru)


def menu(label: str, url_name: str, *, urutan: int = 50, tampil: Callable | None = None) -> None:
    if not any(m.url_name == url_name for m in _menu):
        _menu.append(Menu(label, url_name, urutan, tampil))
        _menu.sort(key=lambda m: m.urutan)


def _bagian_baru(tempat: str, template: str, konteks: Callable, urutan: int) -> None:
    daftar = _bagian[tempat]
    if not any(b.template == template for b in daftar):
        daftar.append(Bagian(template, konteks, urutan))
        daftar.sort(key=lambda b: b.urutan)


def kartu_beranda(template: str, konteks: Callable, *, urutan: int = 50) -> None:
    _bagian_baru("beranda", template, konteks, urutan)


def bagian_pegawai(template: str, konteks: Callable, *, urutan: int = 50) -> None:
    _bagian_baru("pegawai", template, konteks, urutan)


def render_bagian(tempat: str, request, **objek) -> list[SafeString]:
    """The cards (`beranda`) or sections (`pegawai`) registered for `tempat`, rendered for this reader."""
    hasil = []
    for b in _bagian[tempat]:
        konteks = b.konteks(request, **objek)
        if konteks is not None:
            hasil.append(mark_safe(render_to_string(b.template, konteks, request=request)))
    return hasil


def context_processor(request):
    """The main menu of the signed-in user, for base.html: built only by a template that shows it (not
    by the cards and htmx fragments rendered with the request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def entri():
        hasil = []
        for m in _menu:
            if m.tampil is None or m.tampil(user):
                url = reverse(m.url_name)
                hasil.append({"label": m.label, "url": url, "aktif": request.path == url})
        return hasil

    return {"menu_utama": SimpleLazyObject(entri)}
