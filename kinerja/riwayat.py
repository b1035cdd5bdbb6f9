"""How kinerja's transitions read in history and in the admin's messages (`sistemkerja.registry.riwayat`)."""

from .choices import Aksi

ALASAN = {kode: label for kode, label in Aksi.choices}
PESAN: dict[str, str] = {}
