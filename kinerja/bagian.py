"""What kinerja adds to the shared pages (registered in apps.py): the home card."""


def kartu_kotak_masuk(request, **objek):
    """The home card: what waits for the reader in kinerja (None: nothing to show)."""
    return None
