"""Template filters of penugasan's pages."""

from django import template

from ..choices import Aksi, Langkah

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


# A step performed (aksi `lanjut`, "dilanjutkan") in the words of what the actor did at that step.
LANJUT = {
    Langkah.PERSETUJUAN_PPK: "disetujui",
    Langkah.DISPOSISI: "didisposisikan",
    Langkah.KETERSEDIAAN: "dinyatakan tersedia",
    Langkah.JAWABAN: "dikirim",
    Langkah.PENGAJUAN: "diajukan",
    Langkah.PENETAPAN: "ditetapkan",
    Langkah.PERSETUJUAN_PIMPINAN: "disetujui",
    Langkah.PERSETUJUAN_TUJUAN: "disetujui",
    Langkah.PENERUSAN: "diteruskan",
}


@register.filter
def label_aksi(riwayat) -> str:
    """What a row of a request's history records, as people read it (an approval reads "disetujui")."""
    if riwayat.aksi == Aksi.LANJUT:
        return LANJUT.get(riwayat.langkah, riwayat.get_aksi_display())
    return riwayat.get_aksi_display()


@register.filter
def label_sebagai(kode: str) -> str:
    return SEBAGAI.get(kode, kode)


@register.filter
def melampaui_batas(surat) -> bool:
    """Whether a letter's PDF was refused for its size (pdf.BatasSurat): it will not be made as it is."""
    from ..pdf import melampaui_batas as batas

    return batas(surat)


@register.filter
def boleh_bentuk_tim(user) -> bool:
    """Whether to offer "Bentuk tim": the service's own check, for any unit (`services.boleh_bentuk_tim`)."""
    from ..services import boleh_bentuk_tim as boleh

    return boleh(user)
