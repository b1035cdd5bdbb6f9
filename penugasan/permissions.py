"""Role groups' model permissions on penugasan (the object permissions are the services', `services._dasar`)."""

from django.contrib.auth.models import Group, Permission

from organisasi.permissions import GRUP_ADMIN_ORGANISASI, GRUP_KLIEN_API


def pastikan_izin_grup() -> None:
    """Admin Organisasi reads everything and keeps the settings (numbering, competencies); API clients read.

    Idempotent; run after migrating (when Django has made the permissions) and by the demo.
    """
    izin = Permission.objects.filter(content_type__app_label="penugasan")
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_ORGANISASI)
    admin.permissions.add(*izin.exclude(codename__startswith="delete_"))
    klien, _ = Group.objects.get_or_create(name=GRUP_KLIEN_API)
    klien.permissions.add(*izin.filter(codename__startswith="view_"))
