"""Admin base classes that apply the same organisation scoping as pages and API."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from gongkai.accounts.permissions import (
    can_edit_org,
    can_view_org,
    is_office,
    is_staff_user,
    is_sysadmin,
    orgs_editable_by,
    orgs_visible_to,
)
from gongkai.core.audit import audit_record


class ScopedAdmin(admin.ModelAdmin):
    """Rows belong to an organisation (``org_field``); staff see and edit only their scope."""

    org_field = "organisation"

    def _org_id(self, obj: Any) -> int | None:
        value: Any = obj
        for part in self.org_field.split("__"):
            value = getattr(value, part, None)
        return getattr(value, "pk", value)

    def get_queryset(self, request: Any):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        return qs.filter(**{f"{self.org_field}__in": orgs_visible_to(request.user)})

    def has_module_permission(self, request: Any) -> bool:
        return is_staff_user(request.user)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return is_staff_user(request.user) and (
            obj is None or can_view_org(request.user, self._org_id(obj))
        )

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if not is_staff_user(request.user):
            return False
        if obj is None:
            return orgs_editable_by(request.user).exists()
        return can_edit_org(request.user, self._org_id(obj))

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return is_staff_user(request.user) and orgs_editable_by(request.user).exists()

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return is_sysadmin(request.user)

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        if db_field.name == "organisation":
            kwargs["queryset"] = orgs_editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if not can_edit_org(request.user, self._org_id(obj)):
            raise PermissionDenied("您无权编辑其他机构的数据")
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.{'update' if change else 'create'}",
            obj=obj,
            new={k: form.cleaned_data.get(k) for k in form.changed_data},
            note="管理后台",
        )


class SysadminAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: Any) -> bool:
        return is_sysadmin(request.user)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return is_sysadmin(request.user)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


class OfficeAdmin(SysadminAdmin):
    """Configuration the 政务公开办 owns (domains, catalog settings)."""

    def has_module_permission(self, request: Any) -> bool:
        return is_sysadmin(request.user) or is_office(request.user)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return is_sysadmin(request.user) or is_office(request.user)

    has_change_permission = has_add_permission = has_view_permission

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
