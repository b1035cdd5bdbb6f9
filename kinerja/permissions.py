"""Role groups' permissions on kinerja's models."""

from django.contrib.auth.models import Group, Permission

from organisasi.permissions import GRUP_ADMIN_ORGANISASI, GRUP_KLIEN_API

MODEL_PENILAIAN = [
    "skp",
    "hasilkerja",
    "indikatorskp",
    "perilakuskp",
    "catatanskp",
    "umpanbalikskp",
    "rencanapengembangan",
    "evaluasi",
    "keberatan",
    "tindaklanjut",
    "dokumenkinerja",
    "tandatangan",
    "saldoangkakredit",
    "predikatimpor",
    "pengingatskp",
    "riwayatskp",
]
IZIN_PENILAIAN = [f"view_{m}" for m in MODEL_PENILAIAN] + [f"view_historical{m}" for m in MODEL_PENILAIAN]
# What the Bagian Organisasi keeps through the admin: the consequences of a predikat and brought-in angka kredit.
MODEL_ATURAN_PENILAIAN = ["konsekuensipredikat", "saldoangkakredit"]


def pastikan_izin_grup() -> None:
    """Admin Organisasi reads everything and keeps the settings; SPBE applications (Klien API) read.

    Nobody changes a decided record through the admin: the pages and API call the services. Idempotent;
    run after migrating (when Django has made the permissions).
    """
    izin = Permission.objects.filter(content_type__app_label="kinerja")
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_ORGANISASI)
    admin.permissions.add(*izin.filter(codename__startswith="view_"))
    admin.permissions.add(*izin.filter(codename__in=["add_pengaturankinerja", "change_pengaturankinerja"]))
    admin.permissions.add(
        *izin.filter(codename__in=[f"{a}_{m}" for a in ("add", "change") for m in MODEL_ATURAN_PENILAIAN])
    )
    klien, _ = Group.objects.get_or_create(name=GRUP_KLIEN_API)
    # An appraisal is personal: an application reads it only with a grant given for that (the model's
    # view permission on its account), never through the group every client is in.
    klien.permissions.add(*izin.filter(codename__startswith="view_").exclude(codename__in=IZIN_PENILAIAN))
