"""`csrf_halaman`: while a page is rendered to be kept (`halaman.halaman_tersimpan`), the CSRF token is
a placeholder that each answer fills with the reader's own token."""
from .halaman import PENGGANTI_CSRF


def csrf_halaman(request):
    return {"csrf_token": PENGGANTI_CSRF} if getattr(request, "csrf_halaman", False) else {}
