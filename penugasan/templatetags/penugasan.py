"""Template tags of penugasan, for pages of other apps that show a person's work profile."""
from django import template
from django.db.models import Q

from organisasi.selectors import hari_ini

from ..choices import Langkah, Status
from ..models import KompetensiPegawai, PegawaiPenugasan, TimKerja

register = template.Library()


@register.simple_tag
def profil_penugasan(pegawai) -> dict:
    """A person's competencies, the teams they are in and how many assignments they carry today."""
    hari = hari_ini()
    tim = (TimKerja.objects.filter(mulai__lte=hari, selesai__gte=hari)
           .filter(Q(ketua=pegawai) | Q(anggota__pegawai=pegawai, anggota__selesai__isnull=True))
           .distinct().order_by("nama"))
    return {
        "kompetensi": list(KompetensiPegawai.objects.filter(pegawai=pegawai).select_related("kompetensi")),
        "tim": list(tim.select_related("unit_pemilik")),
        "penugasan_aktif": PegawaiPenugasan.objects.filter(
            pegawai=pegawai, usulan=False, penugasan__status=Status.SELESAI, penugasan__mulai__lte=hari,
            penugasan__selesai__gte=hari).count(),
    }



LANGKAH_LAIN = {"permohonan": "Permohonan", "surat_penugasan": "Surat penugasan", "surat_permohonan": "Surat permohonan",
                "surat_jawaban": "Surat jawaban"}
SEBAGAI = {"definitif": "definitif", "plt": "Plt", "plh": "Plh", "delegasi": "delegasi PPK", "atasan": "atasan",
           "pemohon": "pemohon"}


@register.filter
def label_langkah(kode: str) -> str:
    """A step's code in a request's history as people read it (`persetujuan_ppk` → its label)."""
    return dict(Langkah.choices).get(kode) or LANGKAH_LAIN.get(kode, kode)


@register.filter
def label_sebagai(kode: str) -> str:
    return SEBAGAI.get(kode, kode)
