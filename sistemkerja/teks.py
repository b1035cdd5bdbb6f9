"""Values written the Indonesian way, for pages, the admin and letters alike."""

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format


def tanggal_id(tanggal) -> str:
    """`4 Desember 2023`, from a date or its ISO text (— for none)."""
    if not tanggal:
        return "—"
    if isinstance(tanggal, str):
        tanggal = dt.date.fromisoformat(tanggal)
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(tanggal, "j F Y")
