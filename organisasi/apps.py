from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _siapkan_grup(sender, **kwargs):
    from .permissions import pastikan_grup_peran

    pastikan_grup_peran()


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .permissions import naikkan_versi_izin

        # Role groups need the permissions Django creates after migrating, hence post_migrate.
        post_migrate.connect(_siapkan_grup, sender=self)
        # Keep the cached permission answers fresh: any change of a grant invalidates them all.
        User = get_user_model()
        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(naikkan_versi_izin, sender=through, dispatch_uid=f"izin-{through.__name__}")
        for model in (Group, User):
            post_delete.connect(naikkan_versi_izin, sender=model, dispatch_uid=f"izin-hapus-{model.__name__}")
        post_save.connect(naikkan_versi_izin, sender=Group, dispatch_uid="izin-simpan-grup")
        # guardian's grants on units (a unit admin's reach); grants on requests move penugasan's number
        from guardian.models import GroupObjectPermission, UserObjectPermission

        from .permissions import naikkan_versi_izin_unit

        for model in (UserObjectPermission, GroupObjectPermission):
            post_save.connect(naikkan_versi_izin_unit, sender=model, dispatch_uid=f"izin-simpan-{model.__name__}")
            post_delete.connect(naikkan_versi_izin_unit, sender=model, dispatch_uid=f"izin-hapus-{model.__name__}")
        # Tokens and accounts kept per process (api.auth): a revocation or deactivation reaches all at once.
        from .api.auth import naikkan_versi_akun
        from .models import TokenApi

        for model in (TokenApi, User):
            post_save.connect(naikkan_versi_akun, sender=model, dispatch_uid=f"akun-simpan-{model.__name__}")
            post_delete.connect(naikkan_versi_akun, sender=model, dispatch_uid=f"akun-hapus-{model.__name__}")
        # Keep the cached renderings of the structure fresh (organisasi.cache).
        from .cache import sambungkan_sinyal

        sambungkan_sinyal()
