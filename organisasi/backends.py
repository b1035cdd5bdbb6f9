"""The sign-in backend of pages and the admin: Django's ModelBackend, with a session's account kept.

Django reads the signed-in account from the database on every request. Here it is kept in the process
under the AKUN version (organisasi.versi), which every save or delete of an account moves (a sign-in's
`last_login` alone excepted): a deactivated account or a changed password is seen by the next request in
every process, and a changed password still ends the other sessions (Django compares the session's hash
with the account's password on every request, kept or not).
"""
from django.contrib.auth import backends, get_user_model

from . import versi as versi_mod


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        def baca():
            user = super(ModelBackend, self).get_user(user_id)
            return None if user is None else versi_mod.salinan(user)  # unknown or inactive: refused, not kept

        kunci = f"organisasi:akun:{versi_mod.versi(versi_mod.AKUN)}:{user_id}"
        tersimpan = versi_mod.lokal_atau_hitung(kunci, baca, lambda _: 1024)
        return None if tersimpan is None else versi_mod.dari_salinan(get_user_model(), tersimpan)
