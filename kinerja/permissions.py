"""Role groups' permissions on kinerja's models."""

from django.contrib.auth.models import Group, Permission

from organisasi.permissions import GRUP_ADMIN_ORGANISASI, GRUP_KLIEN_API


def pastikan_izin_grup() -> None:
    """Admin Organisasi reads everything and keeps the settings; SPBE applications (Klien API) read.

    Nobody changes a decided record through the admin: the pages and API call the services. Idempotent;
    run after migrating (when Django has made the permissions).
    """
    izin = Permission.objects.filter(content_type__app_label="kinerja")
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_ORGANISASI)
    admin.permissions.add(*izin.filter(codename__startswith="view_"))
    admin.permissions.add(*izin.filter(codename__in=["add_pengaturankinerja", "change_pengaturankinerja"]))
    klien, _ = Group.objects.get_or_create(name=GRUP_KLIEN_API)
    klien.permissions.add(*izin.filter(codename__startswith="view_"))
