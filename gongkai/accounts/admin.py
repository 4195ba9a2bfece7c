from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gongkai.accounts.models import ApiToken, Organisation, User, UserRole
from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.admin_scoping import ScopedAdmin


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    org_field = "pk"
    list_display = ["name", "short_name", "kind", "level", "parent", "uscc"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "uscc"]

    def _org_id(self, obj: Any) -> int | None:
        return obj.pk

    def get_queryset(self, request: Any):  # type: ignore[no-untyped-def]
        from gongkai.accounts.permissions import orgs_visible_to

        return orgs_visible_to(request.user)

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return is_sysadmin(request.user) or is_office(request.user)


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [UserRoleInline]
    list_display = ["username", "display_name", "kind", "organisation", "is_active"]
    list_filter = ["kind", "organisation"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("政务公开", {"fields": ("kind", "organisation", "phone", "display_name")}),
    )

    def has_module_permission(self, request: Any) -> bool:
        return is_sysadmin(request.user)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return is_sysadmin(request.user)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """System administrators see every token and can revoke one; nobody can read a secret
    (only its hash is stored) or create one here (users create their own, shown once)."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.action(description="撤销所选令牌")
    def revoke(self, request: Any, queryset: Any) -> None:
        from gongkai.accounts.tokens import api_token_revoke

        for token in queryset:
            api_token_revoke(actor=request.user, token=token)
