"""API tokens and the personal-data access log: the superuser's (data protection officer's) pages.

A token is made here for an application account with the scopes it was granted; its key is shown once,
on the page after saving. It is never edited: filling in a reason for revocation and saving revokes it.
The access log is read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime

from sistemkerja import registry
from sistemkerja.forms import FormTransisi

from .. import services
from ..models import AksesDataPribadi, TokenApi
from .dasar import AdminCakupan


class HanyaSuperuser:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    has_view_permission = has_change_permission = has_add_permission = lambda self, request, obj=None: (
        request.user.is_active and request.user.is_superuser
    )

    def has_delete_permission(self, request, obj=None):
        return False


class TokenBaruForm(FormTransisi):
    cakupan = forms.MultipleChoiceField(
        label="Cakupan", choices=registry.daftar_cakupan, widget=forms.CheckboxSelectMultiple
    )
    kedaluwarsa = forms.SplitDateTimeField(
        label="Kedaluwarsa", required=False, widget=AdminSplitDateTime, help_text="Kosong: berlaku sampai dicabut."
    )

    class Meta:
        model = TokenApi
        fields = ["user", "nama", "cakupan", "kedaluwarsa"]


class TokenCabutForm(FormTransisi):
    class Meta:
        model = TokenApi
        fields = ["alasan_cabut"]
        help_texts = {"alasan_cabut": "Isi lalu simpan untuk mencabut token ini; token berhenti berlaku saat itu."}


@admin.register(TokenApi)
class TokenApiAdmin(HanyaSuperuser, AdminCakupan):
    list_display = ["nama", "awalan", "user", "daftar_cakupan", "dibuat", "kedaluwarsa", "terakhir_dipakai", "status"]
    list_filter = [("dicabut", admin.EmptyFieldListFilter)]
    search_fields = ["nama", "awalan", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]

    @admin.display(description="cakupan")
    def daftar_cakupan(self, obj):
        return ", ".join(obj.cakupan)

    @admin.display(description="status")
    def status(self, obj):
        return "dicabut" if obj.dicabut else "berlaku"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = TokenCabutForm if obj is not None else TokenBaruForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        tetap = [
            "user",
            "nama",
            "awalan",
            "daftar_cakupan",
            "dibuat",
            "dibuat_oleh",
            "kedaluwarsa",
            "terakhir_dipakai",
            "dicabut",
            "dicabut_oleh",
        ]
        return tetap + (["alasan_cabut"] if obj.dicabut else [])

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "nama", "cakupan", "kedaluwarsa"]
        return [*self.get_readonly_fields(request, obj), *([] if obj.dicabut else ["alasan_cabut"])]

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        if change:
            if d.get("alasan_cabut", "").strip():
                self.salin(obj, self.transisi(services.token_cabut, request, token=obj, alasan=d["alasan_cabut"]))
            return
        token, kunci = self.transisi(
            services.token_buat,
            request,
            user=d["user"],
            nama=d["nama"],
            cakupan=d["cakupan"],
            kedaluwarsa=d.get("kedaluwarsa"),
        )
        self.salin(obj, token)
        messages.warning(
            request,
            f"Kunci token “{token.nama}”: {kunci} — salin sekarang; kunci ini tidak "
            "disimpan dan tidak dapat ditampilkan lagi.",
        )


@admin.register(AksesDataPribadi)
class AksesDataPribadiAdmin(HanyaSuperuser, admin.ModelAdmin):
    """Who read whose data through the API; search by a NIP to see everyone who read that person."""

    list_display = ["waktu", "username", "token", "alamat_ip", "metode", "path", "jumlah_subjek"]
    list_filter = ["metode", ("token", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["subjek", "username", "path", "alamat_ip"]
    date_hierarchy = "waktu"
    list_select_related = ["token"]
    readonly_fields = [f.name for f in AksesDataPribadi._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
