from django.contrib.auth import views as auth_views
from django.urls import path

from sistemkerja.views import FormDitolak400, TautanSandi404

from . import views
from .forms import LupaSandiForm, MasukForm


def _tolak_400(view, *lain):
    """Django's view, answering a form refused with 400 (`FormDitolak400`)."""
    return type(view.__name__, (*lain, FormDitolak400, view), {})


urlpatterns = [
    path("struktur/", views.struktur, name="struktur"),
    path("struktur/cari/", views.struktur_cari, name="struktur_cari"),
    path("struktur/cabang/<slug:kode>/", views.struktur_cabang, name="struktur_cabang"),
    path("cari/unit/", views.saran_unit, name="cari_unit"),
    path("cari/pegawai/", views.saran_pegawai, name="cari_pegawai"),
    path("unit/<slug:kode>/", views.unit_detail, name="unit_detail"),
    path("pegawai/<str:nip>/", views.pegawai_detail, name="pegawai_detail"),
    path("audit/", views.audit, name="audit"),
    # Sign-in by NIP, sign-out (POST only) and password reset by e-mail, with Django's views.
    path(
        "masuk/",
        _tolak_400(auth_views.LoginView).as_view(
            template_name="registration/masuk.html", authentication_form=MasukForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path(
        "sandi/lupa/",
        _tolak_400(auth_views.PasswordResetView).as_view(
            form_class=LupaSandiForm,
            template_name="registration/lupa_sandi.html",
            email_template_name="registration/lupa_sandi_email.txt",
            subject_template_name="registration/lupa_sandi_subjek.txt",
        ),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/lupa_sandi_terkirim.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        _tolak_400(auth_views.PasswordResetConfirmView, TautanSandi404).as_view(
            template_name="registration/atur_sandi.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/sandi_tersimpan.html",
            extra_context={"judul": "Kata sandi tersimpan", "lanjut": "login", "label_lanjut": "Masuk"},
        ),
        name="password_reset_complete",
    ),
    path(
        "sandi/ubah/",
        _tolak_400(auth_views.PasswordChangeView).as_view(template_name="registration/ubah_sandi.html"),
        name="password_change",
    ),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/sandi_tersimpan.html",
            extra_context={"judul": "Kata sandi diubah", "lanjut": "beranda", "label_lanjut": "Kembali ke beranda"},
        ),
        name="password_change_done",
    ),
]
