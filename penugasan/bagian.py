"""What penugasan adds to the pages every app shares (registered in apps.py): a home-page card with the
reader's inbox counts, a section on a person's page with their work profile."""

from organisasi.permissions import pegawai_dari_user

from .selectors import hitung_kotak_masuk, profil_pegawai


def kartu_kotak_masuk(request) -> dict | None:
    diri = pegawai_dari_user(request.user)
    if diri is None:
        return None
    return {"kotak_masuk": hitung_kotak_masuk(diri, request.user)}


def bagian_profil(request, *, pegawai) -> dict:
    return {"profil": profil_pegawai(pegawai)}
