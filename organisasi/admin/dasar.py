"""The scope of organisasi's admin: Admin Organisasi (and superusers) reach everything; a unit admin
(guardian `kelola_unit` on a unit) reaches that unit's subtree only, whatever their model permissions.
Every queryset passes through `restrict(user, "change")`; an object outside the scope is not found.
Writes and history are `sistemkerja.admin`'s.
"""

from __future__ import annotations

from sistemkerja.admin import AdminTransisi, InlineTransisi, TautanTerbatasMixin

from ..models import Unit
from ..permissions import cakupan_jalur


def jalur_kelola(request) -> list[str] | None:
    return cakupan_jalur(request.user, "change")


def dalam_jalur(path: str | None, jalur: list[str] | None) -> bool:
    return jalur is None or (path is not None and any(path.startswith(j) for j in jalur))


class CakupanMixin(TautanTerbatasMixin):
    """Object-level scope for the admin; subclasses say how a record maps to a tree path. Read-only foreign
    keys link only to admins the user may open (`TautanTerbatasMixin`)."""

    def path_objek(self, obj) -> str | None:
        return obj.unit.path if getattr(obj, "unit_id", None) else None

    def batasi(self, request, qs):
        if jalur_kelola(request) is None:
            return qs
        return qs.filter(unit__in=Unit.objects.restrict(request.user, "change"))

    def get_queryset(self, request):
        return self.batasi(request, super().get_queryset(request))

    def _izin(self, request, obj, izin_model: bool) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        jalur = jalur_kelola(request)
        if jalur is None:
            return izin_model
        return bool(jalur) and (obj is None or dalam_jalur(self.path_objek(obj), jalur))

    def has_module_permission(self, request):
        return self._izin(request, None, super().has_module_permission(request))

    def has_view_permission(self, request, obj=None):
        return self._izin(request, obj, super().has_view_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._izin(request, obj, super().has_change_permission(request, obj))

    def has_add_permission(self, request, *args):
        return self._izin(request, None, super().has_add_permission(request, *args))

    def has_delete_permission(self, request, obj=None):
        return False


class CakupanInlineMixin:
    """Inline rows live under a parent the user already reached, so the scope is the parent's."""

    def _izin_induk(self, request, izin_model: bool) -> bool:
        jalur = jalur_kelola(request)
        return izin_model if jalur is None else bool(jalur)

    def has_view_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_view_permission(request, obj))

    def has_change_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_change_permission(request, obj))

    def has_add_permission(self, request, obj=None):
        return self._izin_induk(request, super().has_add_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False


class AdminCakupan(CakupanMixin, AdminTransisi):
    """An admin limited to the units the user manages, whose saves call services."""


class InlineCakupan(CakupanInlineMixin, InlineTransisi):
    """An inline whose rows a service writes (the owner's admin implements save_formset)."""

    can_delete = False
