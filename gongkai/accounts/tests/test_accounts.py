"""Organisations (统一社会信用代码, tree rules), registration and login, personal-data masking."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError

from gongkai.accounts.models import Organisation, OrgKind, User
from gongkai.accounts.permissions import orgs_editable_by, orgs_visible_to
from gongkai.accounts.validators import uscc_check_char, validate_uscc
from gongkai.core.logging import MaskPersonalDataFilter
from gongkai.core.privacy import mask_personal_data


def test_uscc_checksum() -> None:
    validate_uscc("91350100M000100Y43")  # the GB 32100-2015 worked example
    with pytest.raises(ValidationError, match="校验位不正确"):
        validate_uscc("91350100M000100Y44")
    with pytest.raises(ValidationError, match="应为18位"):
        validate_uscc("9135010")
    with pytest.raises(ValidationError, match="无效字符“IO”"):
        validate_uscc("91350100M000100IO3")
    assert uscc_check_char("11320682014120001") in "0123456789ABCDEFGHJKLMNPQRTUWXY"


@pytest.mark.django_db
def test_tree_rules_and_government_link(world) -> None:
    gov, town, village = world.gov, world.town, world.village
    assert gov.government == gov and town.government == gov and village.government == gov
    bad = Organisation(name="x", short_name="x", kind=OrgKind.VILLAGE, level="village", parent=gov)
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "层级" in str(exc.value)


@pytest.mark.django_db
def test_scopes(office, planning_editor, planning_reviewer, sysadmin) -> None:
    assert orgs_visible_to(office).count() == Organisation.objects.count()
    assert list(orgs_visible_to(planning_editor)) == [planning_editor.organisation]
    assert list(orgs_editable_by(planning_reviewer)) == []
    assert orgs_visible_to(sysadmin).count() == Organisation.objects.count()


@pytest.mark.django_db
def test_public_registration_and_login_by_phone(client) -> None:
    response = client.post(
        "/accounts/register/",
        {"phone": "12345", "email": "bad", "password1": "x", "password2": "y"},
    )
    html = response.content.decode()
    assert "请输入11位中国大陆手机号码" in html and "请输入有效的电子邮箱地址" in html
    response = client.post(
        "/accounts/register/", {"password1": "Str0ng-pass-2026", "password2": "Str0ng-pass-2026"}
    )
    assert "请至少填写手机号码或电子邮箱中的一项" in response.content.decode()
    response = client.post(
        "/accounts/register/",
        {
            "phone": "13900001111",
            "display_name": "李四",
            "password1": "Str0ng-pass-2026",
            "password2": "Str0ng-pass-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(phone="13900001111")
    assert user.kind == "public" and user.organisation is None
    client.post("/accounts/logout/")
    assert (
        client.post(
            "/accounts/login/", {"username": "13900001111", "password": "Str0ng-pass-2026"}
        ).status_code
        == 302
    )
    response = client.post(
        "/accounts/register/",
        {"phone": "13900001111", "password1": "Str0ng-pass-2026", "password2": "Str0ng-pass-2026"},
    )
    assert "该手机号码已注册，请直接登录" in response.content.decode()


@pytest.mark.django_db
def test_registration_is_rate_limited(client) -> None:
    from django.core.cache import cache

    cache.clear()
    for _ in range(10):
        client.post("/accounts/register/", {"phone": "1"})
    assert client.post("/accounts/register/", {"phone": "1"}).status_code == 429
    cache.clear()


def test_personal_data_is_masked_in_logs(caplog) -> None:
    assert (
        mask_personal_data("身份证320682199001011234，电话13912345678")
        == "身份证320682********1234，电话139****5678"
    )
    logger = logging.getLogger("gongkai.test")
    logger.addFilter(MaskPersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="gongkai.test"):
        logger.info(
            "申请人 %s 手机 %s 邮箱 %s", "32068219900101123X", "13912345678", "zhang@example.com"
        )
    assert (
        caplog.records[0].getMessage()
        == "申请人 320682********123X 手机 139****5678 邮箱 z***@example.com"
    )
