"""Django admin of the Bagian Organisasi: every save goes through `organisasi.services`."""

from . import akses, akun, katalog, mutasi, pegawai, unit  # noqa: F401  (registration)
