"""`kotak_masuk`: the inbox counts, computed only on pages that show them (the home page)."""
from django.utils.functional import SimpleLazyObject


def kotak_masuk(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def hitung():
        from organisasi.permissions import pegawai_dari_user

        from .selectors import hitung_kotak_masuk

        return hitung_kotak_masuk(pegawai_dari_user(user), user)

    return {"kotak_masuk": SimpleLazyObject(hitung)}
