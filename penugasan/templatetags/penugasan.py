"""Template filters of penugasan's pages."""

from django import template

from ..choices import Langkah

register = template.Library()


LANGKAH_LAIN = {
    "permohonan": "Permohonan",
    "surat_penugasan": "Surat penugasan",
    "surat_permohonan": "Surat permohonan",
    "surat_jawaban": "Surat jawaban",
}
SEBAGAI = {
    "definitif": "definitif",
    "plt": "Plt",
    "plh": "Plh",
    "delegasi": "delegasi PPK",
    "atasan": "atasan",
    "pemohon": "pemohon",
}


@register.filter
def label_langkah(kode: str) -> str:
    """A step's code in a request's history as people read it (`persetujuan_ppk` → its label)."""
    return dict(Langkah.choices).get(kode) or LANGKAH_LAIN.get(kode, kode)


@register.filter
def label_sebagai(kode: str) -> str:
    return SEBAGAI.get(kode, kode)


@register.filter
def melampaui_batas(surat) -> bool:
    """Whether a letter's PDF was refused for its size (pdf.BatasSurat): it will not be made as it is."""
    from ..pdf import melampaui_batas as batas

    return batas(surat)
