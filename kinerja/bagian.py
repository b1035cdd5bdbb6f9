"""What kinerja adds to the shared pages (registered in apps.py): the home card."""

from organisasi.permissions import pegawai_dari_user

from .selectors import ringkasan_kotak_masuk


def kartu_kotak_masuk(request, **objek):
    """The home card: what waits for the reader in kinerja (None: no staff record, or nothing waits)."""
    diri = pegawai_dari_user(request.user)
    if diri is None:
        return None
    hitung = ringkasan_kotak_masuk(diri)
    if not any(hitung.values()):
        return None
    return {"kinerja": hitung}
