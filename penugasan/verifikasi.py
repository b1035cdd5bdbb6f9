"""What the public verification page shows of a letter, beyond the API's answer (`selectors.verifikasi_surat`).

Anyone holding the letter (or its QR code) may check it, without signing in, so the page shows only what
the letter itself says to its reader: for whom it was issued and for which period, and, once revoked,
when and why. Never a NIP, a date of birth or anything else of the people named.
"""

from __future__ import annotations

from django.utils import timezone

from .choices import JenisSurat, StatusSurat
from .pdf import periode_id
from .selectors import surat_dari_kode, verifikasi_surat


def rincian_verifikasi(kode: str) -> dict | None:
    """The API's answer for a code, with `kepada` (names), `periode` (text) and, for a revoked letter,
    `dicabut` (its time) and `alasan_cabut`. None for a code no letter carries."""
    surat = surat_dari_kode(kode)
    if surat is None:
        return None
    isi = surat.isi or {}
    dicabut = surat.status != StatusSurat.BERLAKU
    return {
        **verifikasi_surat(kode, surat),
        "kepada": [k.get("nama", "") for k in isi.get("kepada", []) if k.get("nama")],
        "label_kepada": "Yang ditugaskan" if surat.jenis == JenisSurat.PENUGASAN else "Ditujukan kepada",
        "periode": periode_id(isi.get("periode")),
        "dicabut": timezone.localtime(surat.dicabut) if dicabut and surat.dicabut else None,
        "alasan_cabut": surat.alasan_cabut if dicabut else "",
    }
