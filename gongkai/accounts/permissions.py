"""Who may see and change which organisation's non-public data (docs/permissions.md).

- 公开专员 (editor): edits its own organisation's content.
- 审核人 (reviewer): approves its own organisation's content.
- 政务公开办 (office): supervises every organisation of its 人民政府.
- 系统管理员 (sysadmin): everything.
Every selector and admin queryset for non-public data goes through ``orgs_visible_to``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.permissions import BasePermission

from gongkai.accounts.models import ApiToken, Organisation, Role, UserKind


def is_staff_user(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "kind", None) == UserKind.STAFF
    )


def is_sysadmin(user: Any) -> bool:
    return is_staff_user(user) and (user.has_role(Role.SYSADMIN) or user.is_superuser)


def is_office(user: Any) -> bool:
    return is_staff_user(user) and user.has_role(Role.OFFICE)


def orgs_visible_to(user: Any) -> QuerySet[Organisation]:
    if not is_staff_user(user):
        return Organisation.objects.none()
    if is_sysadmin(user):
        return Organisation.objects.all()
    if is_office(user) and user.organisation.government_id:
        return Organisation.objects.filter(government_id=user.organisation.government_id)
    return Organisation.objects.filter(pk=user.organisation_id)


def orgs_editable_by(user: Any) -> QuerySet[Organisation]:
    if not is_staff_user(user):
        return Organisation.objects.none()
    if is_sysadmin(user) or is_office(user):
        return orgs_visible_to(user)
    if user.has_role(Role.EDITOR):
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def can_view_org(user: Any, org_id: int | None) -> bool:
    return org_id is not None and orgs_visible_to(user).filter(pk=org_id).exists()


def can_edit_org(user: Any, org_id: int | None) -> bool:
    return org_id is not None and orgs_editable_by(user).filter(pk=org_id).exists()


def can_review_org(user: Any, org_id: int | None) -> bool:
    """审核人 of the organisation, or the 政务公开办/系统管理员 above it."""
    if org_id is None or not is_staff_user(user):
        return False
    if is_sysadmin(user) or is_office(user):
        return can_view_org(user, org_id)
    return user.has_role(Role.REVIEWER) and user.organisation_id == org_id


def can_supervise_org(user: Any, org_id: int | None) -> bool:
    """政务公开办 decisions (e.g. review of items that are not 主动公开)."""
    return (is_office(user) or is_sysadmin(user)) and can_view_org(user, org_id)


class IsStaff(BasePermission):
    """API permission: staff only (工作人员)."""

    message = "仅限工作人员访问"

    def has_permission(self, request: Any, view: Any) -> bool:
        if not is_staff_user(request.user):
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None and not scope_allows(token, view, request.method):
            self.message = "访问令牌没有此接口所需的权限范围"
            return False
        return True


def scope_allows(token: ApiToken, view: Any, method: str) -> bool:
    """A token reaches only endpoints that name a scope for the method (``token_scopes``),
    and only when it holds that scope; session logins are not limited by scopes."""
    scopes = getattr(view, "token_scopes", None) or {}
    needed = scopes.get("GET" if method in ("HEAD", "OPTIONS") else method)
    return bool(needed) and needed in token.scopes
