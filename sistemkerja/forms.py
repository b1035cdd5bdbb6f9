"""What every app's forms share: a ModelForm whose record a service writes, choices of rows by an id
checked for shape first, a service's refusal shown on a form's fields, and the search-box fields
(`CariField`, `CariBanyakField`: see sistemkerja.widgets)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from .errors import GalatDomain
from .masukan import bentuk_id, tampil
from .widgets import Cari, CariBanyak, pisah_catatan


def galat_ke_dict(e: Exception) -> dict:
    """A service's error as {field or None: [messages]}."""
    if isinstance(e, GalatDomain):
        return {None: [e.pesan]}
    if hasattr(e, "error_dict"):
        return {(None if k == NON_FIELD_ERRORS else k): v for k, v in e.message_dict.items()}
    return {None: list(e.messages)}


def tempel_galat(form, e: Exception) -> None:
    """Put a service's refusal on a plain form's fields (unknown fields go to the top of the form)."""
    for kolom, pesan in galat_ke_dict(e).items():
        form.add_error(kolom if kolom in form.fields else None, pesan)


class FormTransisi(forms.ModelForm):
    """A ModelForm whose record a service writes; `form.save()` never does.

    Model validation is the service's job, so it is skipped here. When a service
    refused a previous attempt of the same POST, its errors (`galat_transisi`, or
    `galat_per_indeks` for inline rows) are shown on their fields.
    """

    pengguna = None
    galat_transisi: dict = {}
    galat_per_indeks: dict = {}

    def _post_clean(self):
        galat = self.galat_transisi
        if self.galat_per_indeks and self.prefix and self.prefix.rsplit("-", 1)[-1].isdigit():
            galat = self.galat_per_indeks.get(int(self.prefix.rsplit("-", 1)[-1]), {})
        for kolom, pesan in galat.items():
            di_form = kolom in self.fields and not self.fields[kolom].disabled
            self.add_error(kolom if di_form else None, pesan)


class PilihanIdField(forms.ModelChoiceField):
    """A row by id, the id an integer in ASCII digits first (bentuk_id): "١" is not row 1, 20 digits are not
    a database error; either is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and bentuk_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PilihanIdBanyakField(forms.ModelMultipleChoiceField):
    """`PilihanIdField` for several rows."""

    def _check_values(self, value):
        if salah := [v for v in value if bentuk_id(v) is None]:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": tampil(salah[0], buang_kendali=True)},
            )
        return super()._check_values(value)


class CariField(forms.CharField):
    """What was typed or picked in a search box (widgets.Cari, suggestions from the URL named `url`).

    The form's lookup checks the text (a code, a NIP, a picked "Nama (kunci)", a name): Django's text
    validators are skipped so a NUL reads exactly like an unknown value."""

    def __init__(self, *, url: str, **kwargs):
        kwargs.setdefault("widget", Cari(url))
        super().__init__(**kwargs)

    def run_validators(self, value):
        pass


class CariBanyakField(forms.Field):
    """Several values of a search box (widgets.CariBanyak): a list of (value, note) as typed or picked."""

    def __init__(self, *, url: str, keterangan: str = "", **kwargs):
        kwargs.setdefault("widget", CariBanyak(url, keterangan=keterangan))
        super().__init__(**kwargs)

    def to_python(self, value):
        return [pisah_catatan(v) for v in value or [] if isinstance(v, str)]
