"""What layanan's admins share: who may open them, read-only records scoped to the services one runs."""

from __future__ import annotations

from django.contrib import admin

from kinerja.admin.dasar import IzinKinerja
from sistemkerja import masukan
from sistemkerja.admin import AdminRiwayat, TautanTerbatasMixin

from .. import selectors as sel


class Lingkup:
    """Rows of the services whose counter the user runs (`selectors.layanan_dikelola`; everything for the
    Bagian Organisasi). `jalur_layanan`: the lookup from this model to Layanan ("" for Layanan itself)."""

    jalur_layanan = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if sel.jalur_pengelola(request.user) is None:
            return qs
        kolom = f"{self.jalur_layanan}__in" if self.jalur_layanan else "pk__in"
        return qs.filter(**{kolom: sel.layanan_dikelola(request.user).values("pk")})


# Read-only, nothing added, changed or deleted; staff accounts with the model's view permission or the Admin
# Organisasi open it. Kinerja's mixin: its queryset step leaves layanan's querysets (no `restrict`) as they are.
IzinBaca = IzinKinerja


class CariAman:
    """A search term as bounded printable text (as `AdminTransisi`): 1 MB or a NUL never reaches a LIKE."""

    def get_search_results(self, request, queryset, search_term):
        search_term = "".join(c for c in search_term[: masukan.PANJANG["pendek"]] if c.isprintable())
        return super().get_search_results(request, queryset, search_term)


class HanyaBaca(CariAman, Lingkup, IzinBaca, TautanTerbatasMixin, admin.ModelAdmin):
    """A record without simple-history of its own (its steps are in `RiwayatLayanan`)."""


class HanyaBacaRiwayat(CariAman, Lingkup, IzinBaca, AdminRiwayat):
    """A record with simple-history: its history pages in words, no revert."""


def singkat(teks: str, n: int = 80) -> str:
    return (teks if len(teks) <= n else teks[: n - 1] + "…") or "—"
