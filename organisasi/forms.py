"""Browser forms: sign-in by NIP, the date picker and the structure search. They translate input only."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from sistemkerja.masukan import PANJANG_USERNAME

from . import nip as nip_mod


class MasukForm(AuthenticationForm):
    """Sign in with the NIP as username; people type it grouped with spaces, so the spaces go."""

    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali; huruf besar/kecil pada kata sandi berpengaruh.",
        "inactive": "Akun ini tidak aktif. Hubungi Admin Organisasi.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "NIP"
        self.fields["username"].widget.attrs.update(
            {"placeholder": "19850317 201003 1 001", "inputmode": "numeric", "autocomplete": "username"}
        )
        self.fields["password"].label = "Kata sandi"

    def clean_username(self):
        username = nip_mod.bersihkan(self.cleaned_data.get("username"))
        # No account holds a NUL or a longer name: refused before authenticate() and the lockout's log.
        if "\x00" in username or len(username) > PANJANG_USERNAME:
            raise self.get_invalid_login_error()
        return username


class LupaSandiForm(PasswordResetForm):
    """Password reset by e-mail, also for accounts that never had a usable password.

    New staff accounts are created without one (API.md "Accounts"): the first reset is how
    a person sets it, so Django's default rule of skipping those accounts does not fit here.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Surel"

    def get_users(self, email):
        User = get_user_model()
        kolom = User.get_email_field_name()
        return (
            u
            for u in User._default_manager.filter(**{f"{kolom}__iexact": email, "is_active": True})
            if getattr(u, kolom, "").casefold() == email.casefold()
        )


class TanggalForm(forms.Form):
    """`?tanggal=` on pages that show kedudukan on another date."""

    tanggal = forms.DateField(
        label="Tanggal",
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal tidak dikenali. Gunakan format tahun-bulan-tanggal, mis. 2024-05-03."},
    )

    def clean_tanggal(self):
        tanggal = self.cleaned_data.get("tanggal")
        if tanggal is not None and not dt.date(1950, 1, 1) <= tanggal <= dt.date(2100, 12, 31):
            raise forms.ValidationError("Tanggal di luar rentang yang masuk akal (1950–2100).")
        return tanggal

    def tanggal_atau(self, bawaan: dt.date) -> dt.date:
        """The date asked for when valid, else the default (the error stays on the form to be shown)."""
        if self.is_valid() and self.cleaned_data.get("tanggal"):
            return self.cleaned_data["tanggal"]
        return bawaan


class CariForm(forms.Form):
    q = forms.CharField(
        label="Cari unit atau pegawai",
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": "Nama unit, kode, nama pegawai atau NIP"}
        ),
    )

    PANJANG_MINIMUM = 2

    def kata(self) -> str:
        """The search term, or "" when it is too short to search."""
        if not self.is_valid():
            return ""
        q = self.cleaned_data.get("q") or ""
        return q if len(q) >= self.PANJANG_MINIMUM else ""
