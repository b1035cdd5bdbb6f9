"""Display helpers of kinerja's pages: rupiah, Indonesian dates, a bar's percentage."""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

from sistemkerja.teks import tanggal_id

register = template.Library()


@register.filter
def rupiah(nilai) -> str:
    """`Rp1.500.000` (— for none)."""
    if nilai is None or nilai == "":
        return "—"
    n = int(nilai)
    return f"{'-' if n < 0 else ''}Rp{abs(n):,}".replace(",", ".")


@register.filter
def tanggal(nilai) -> str:
    if isinstance(nilai, dt.datetime):
        nilai = timezone.localdate(nilai)
    return tanggal_id(nilai)


@register.filter
def angka(nilai) -> str:
    """A target or achievement without trailing zeros, decimal comma: 12,5."""
    if nilai is None:
        return "0"
    return f"{Decimal(nilai).normalize():f}".replace(".", ",")


@register.filter
def persen(capaian, target) -> int:
    """Achievement as a whole percentage of the target, capped at 100 for a bar."""
    try:
        return min(100, int(Decimal(capaian or 0) * 100 / Decimal(target))) if target else 0
    except (ArithmeticError, ValueError, TypeError):
        return 0
