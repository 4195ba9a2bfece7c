"""Personal access tokens for API clients 个人访问令牌 (docs/api.md#tokens).

A token reads ``gk_<prefix>_<secret>``; the client sends it as ``Authorization: Bearer …``.
Created and revoked by its user on /accounts/tokens/ or by a system administrator; every
creation, revocation and refused use is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions

from gongkai.accounts.models import ApiToken, TokenScope, User
from gongkai.accounts.permissions import is_staff_user, is_sysadmin
from gongkai.core.audit import audit_record

MAX_TOKENS_PER_USER = 20
MAX_DAYS = 366
LAST_USED_PRECISION = dt.timedelta(minutes=5)  # not a write on every request


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, user: User, name: str, scopes: list[str], days: int | None = 90
) -> tuple[ApiToken, str]:
    """A new token and its plaintext (shown once). Only staff hold tokens: the public API
    needs none."""
    if actor != user and not is_sysadmin(actor):
        raise PermissionDenied("只能为自己创建访问令牌")
    if not is_staff_user(user):
        raise ValidationError("访问令牌仅供工作人员的系统对接使用")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写令牌用途，如“省级依申请公开平台对接”"})
    unknown = set(scopes) - set(TokenScope.values)
    if not scopes or unknown:
        raise ValidationError({"scopes": "请至少选择一项权限范围"})
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"有效期应为1至{MAX_DAYS}天"})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(f"每人最多{MAX_TOKENS_PER_USER}个有效令牌，请先撤销不用的令牌")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:60],
        prefix=prefix,
        key_hash=_digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        organisation=user.organisation,
        new={"name": token.name, "scopes": token.scopes, "expires_at": token.expires_at},
    )
    return token, f"gk_{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not is_sysadmin(actor):
        raise PermissionDenied("只能撤销自己的访问令牌")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action="api_token.revoke", obj=token, organisation=token.user.organisation
        )
    return token


def api_token_check(raw: str) -> ApiToken | None:
    """The usable token ``raw`` names, or None (wrong, revoked, expired, or inactive user)."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != "gk" or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    now = timezone.now()
    if token is None or not hmac.compare_digest(token.key_hash, _digest(parts[2])):
        return None
    if not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer gk_…``; a request without it falls through to the session."""

    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, raw = header.partition(" ")
        if keyword.lower() != "bearer":
            return None
        token = api_token_check(raw.strip())
        if token is None:
            raise exceptions.AuthenticationFailed("访问令牌无效、已过期或已撤销。")
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        # makes DRF answer 401 (not 403) to a request that brings no credentials at all
        return 'Bearer realm="api"'
