"""Role groups' permissions on layanan's models."""

from django.contrib.auth.models import Group, Permission

from organisasi.permissions import GRUP_ADMIN_ORGANISASI, GRUP_KLIEN_API

# What the Bagian Organisasi keeps through the admin: the survey schemes an instansi adds.
MODEL_ATURAN = ["skemasurvei", "unsursurvei", "mutusurvei"]
# Complaints name people (and their contact); a survey code is a key: applications read neither through the
# group every client is in.
MODEL_TERTUTUP_KLIEN = ["pengaduan", "tanggapan", "kodesurvei", "riwayatlayanan", "pengingatpengaduan"]


def pastikan_izin_grup() -> None:
    """Admin Organisasi reads everything and keeps the survey schemes; Klien API reads the catalogue and
    the survey. Nobody changes a decided record through the admin: the pages and API call the services.
    Idempotent; run after migrating."""
    izin = Permission.objects.filter(content_type__app_label="layanan")
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_ORGANISASI)
    admin.permissions.add(*izin.filter(codename__startswith="view_"))
    admin.permissions.add(*izin.filter(codename__in=[f"{a}_{m}" for a in ("add", "change") for m in MODEL_ATURAN]))
    klien, _ = Group.objects.get_or_create(name=GRUP_KLIEN_API)
    tertutup = [f"view_{m}" for m in MODEL_TERTUTUP_KLIEN] + [f"view_historical{m}" for m in MODEL_TERTUTUP_KLIEN]
    klien.permissions.add(*izin.filter(codename__startswith="view_").exclude(codename__in=tertutup))
