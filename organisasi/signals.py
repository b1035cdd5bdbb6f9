"""The one rule Django's own views reach without our services: a password changed anywhere (the change
and reset pages, the admin, `set_password` in a shell) revokes the API tokens the account obtained with
its old password. Tokens a superuser made for the account in the admin are not tied to the password."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save


def _sandi_berubah(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    lama = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if lama is not None and lama != instance.password:
        from .services import token_cabut_sandi_lama

        token_cabut_sandi_lama(user=instance)


def hubungkan() -> None:
    pre_save.connect(_sandi_berubah, sender=get_user_model(), dispatch_uid="organisasi-sandi-berubah")
