"""How layanan's transitions read in history and in the admin's messages (`sistemkerja.registry.riwayat`)."""

from .choices import AksiLayanan

ALASAN = {kode: label for kode, label in AksiLayanan.choices}
PESAN: dict[str, str] = {}
SISTEM = {AksiLayanan.SURVEI_ISI: "Masyarakat (formulir survei)", AksiLayanan.ADUAN_AJUKAN: "Masyarakat (pengaduan)"}
