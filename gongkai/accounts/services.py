"""Account use cases: public registration and staff creation (docs/permissions.md)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from gongkai.accounts.models import Organisation, User, UserKind, UserRole
from gongkai.core.audit import audit_record


@transaction.atomic
def public_user_register(*, phone: str, email: str, password: str, display_name: str = "") -> User:
    username = f"u{phone}" if phone else f"e{secrets.token_hex(6)}"
    user = User(
        username=username,
        kind=UserKind.PUBLIC,
        phone=phone or None,
        email=email,
        display_name=display_name,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def staff_user_create(
    *,
    actor: Any | None,
    username: str,
    password: str = "",
    password_hash: str = "",
    organisation: Organisation,
    roles: list[str],
    display_name: str = "",
    email: str = "",
) -> User:
    """``password_hash`` lets bulk set-ups hash one password once instead of per user."""
    user = User(
        username=username,
        kind=UserKind.STAFF,
        organisation=organisation,
        display_name=display_name,
        email=email,
        is_staff=True,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    UserRole.objects.bulk_create(UserRole(user=user, role=r) for r in roles)
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        organisation=organisation,
        new={"username": username, "roles": roles},
    )
    return user
