"""Personal access tokens: created once, hashed at rest, scoped, revocable, audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from gongkai.accounts.models import ApiToken
from gongkai.accounts.tokens import api_token_create, api_token_revoke
from gongkai.core.models import AuditEvent


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.mark.django_db
def test_a_token_is_stored_only_as_a_hash_and_reaches_only_its_scopes(planning_editor) -> None:
    token, plain = api_token_create(
        actor=planning_editor, user=planning_editor, name="省平台对接", scopes=["foi:read"]
    )
    assert plain.startswith(f"gk_{token.prefix}_") and plain.split("_", 2)[2] not in token.key_hash
    assert not ApiToken.objects.filter(key_hash__contains=plain.split("_", 2)[2]).exists()
    client = _bearer(plain)
    listing = client.get("/api/v1/manage/foi/applications")
    assert listing.status_code == 200
    # a read token cannot act, even on its own department's applications
    refused = client.post(
        "/api/v1/manage/foi/applications/register", {}, content_type="application/json"
    )
    assert (
        refused.status_code == 403
        and refused.json()["message"] == "访问令牌没有此接口所需的权限范围"
    )
    assert client.get("/api/v1/manage/catalog/items/").status_code == 403
    # the token is not a session: no CSRF needed, and the browser's pages stay closed to it
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


@pytest.mark.django_db
def test_wrong_revoked_and_expired_tokens_get_a_chinese_401(planning_editor) -> None:
    token, plain = api_token_create(
        actor=planning_editor, user=planning_editor, name="测试", scopes=["foi:read"], days=30
    )
    url = "/api/v1/manage/foi/applications"
    wrong = _bearer(plain[:-2] + "xx").get(url)
    assert wrong.status_code == 401 and wrong.json()["code"] == "authentication_failed"
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    assert _bearer("not-a-token").get(url).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    assert _bearer(plain).get(url).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    assert _bearer(plain).get(url).status_code == 200
    api_token_revoke(actor=planning_editor, token=token)
    assert _bearer(plain).get(url).json()["message"] == "访问令牌无效、已过期或已撤销。"
    _second, second = api_token_create(
        actor=planning_editor, user=planning_editor, name="第二个", scopes=["foi:read"]
    )
    planning_editor.is_active = False
    planning_editor.save()
    assert _bearer(second).get(url).status_code == 401  # a departed user's tokens stop working
    assert Client().get(url).status_code == 401  # nothing at all: 401 with the Bearer challenge


@pytest.mark.django_db
def test_only_staff_hold_tokens_and_scopes_are_checked(
    citizen, planning_editor, finance_editor
) -> None:
    with pytest.raises(ValidationError):
        api_token_create(actor=citizen, user=citizen, name="x", scopes=["foi:read"])
    with pytest.raises(ValidationError):
        api_token_create(actor=planning_editor, user=planning_editor, name="x", scopes=["root"])
    with pytest.raises(ValidationError):
        api_token_create(actor=planning_editor, user=planning_editor, name=" ", scopes=["foi:read"])
    token, _plain = api_token_create(
        actor=planning_editor, user=planning_editor, name="x", scopes=["foi:read"]
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=finance_editor, token=token)


@pytest.mark.django_db
def test_staff_create_and_revoke_their_tokens_on_a_page(planning_editor) -> None:
    staff = client_for(planning_editor)
    page = staff.post(
        reverse("accounts:api_tokens"),
        {"name": "省平台对接", "scopes": ["foi:read", "foi:write"], "days": "90"},
    )
    text = page.content.decode()
    plain = re.search(r'<code id="new-token">(gk_[^<]+)</code>', text).group(1)
    assert "只显示这一次" in text and "读取本机关的依申请公开申请" in text
    assert _bearer(plain).get("/api/v1/manage/foi/applications").status_code == 200
    again = staff.get(reverse("accounts:api_tokens")).content.decode()
    assert plain not in again  # never shown again
    token = ApiToken.objects.get(user=planning_editor)
    staff.post(reverse("accounts:api_tokens"), {"revoke": str(token.pk)})
    assert _bearer(plain).get("/api/v1/manage/foi/applications").status_code == 401
    assert Client().get(reverse("accounts:api_tokens")).status_code == 302  # login first
