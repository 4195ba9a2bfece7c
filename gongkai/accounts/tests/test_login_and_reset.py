"""Login throttling counts failures, citizens land on 个人中心, passwords can be recovered."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from gongkai.accounts.models import User
from gongkai.testing import planning_org
from gongkai.testing.factories import PASSWORD


def _login(client: Client, username: str, password: str, ip: str = "10.1.1.1"):  # type: ignore[no-untyped-def]
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_successful_logins_of_a_whole_office_are_never_throttled() -> None:
    # 30 colleagues behind one address log in within minutes: none is refused
    for _ in range(30):
        response = _login(Client(), "t_planning_editor", PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/manage/"


@pytest.mark.django_db
def test_five_failures_lock_that_account_only_and_success_resets_the_count() -> None:
    client = Client()
    for _ in range(4):
        assert _login(client, "t_finance_editor", "wrong").status_code == 200
    assert _login(client, "t_finance_editor", PASSWORD).status_code == 302  # 4 failures: still fine
    client = Client()
    for _ in range(5):
        _login(client, "t_finance_editor", "wrong")
    locked = _login(client, "t_finance_editor", PASSWORD)
    assert locked.status_code == 429 and "该账号连续登录失败次数过多" in locked.content.decode()
    # a colleague at the same address is not affected
    assert _login(Client(), "t_planning_editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_many_failures_from_one_address_are_throttled() -> None:
    for n in range(50):
        _login(Client(), f"nobody{n}", "wrong", ip="10.9.9.9")
    refused = _login(Client(), "t_planning_editor", PASSWORD, ip="10.9.9.9")
    assert refused.status_code == 429 and "本网络登录失败次数过多" in refused.content.decode()


@pytest.mark.django_db
def test_a_citizen_lands_on_the_personal_centre_and_sees_no_back_office(citizen) -> None:
    client = Client()
    response = _login(client, "13700000000", PASSWORD)
    assert response["Location"] == "/me/"
    page = client.get("/me/").content.decode()
    assert "个人中心" in page and "我的政府信息公开申请" in page and "工作台" not in page
    assert 'href="/foi/apply/"' in client.get("/").content.decode()  # 依申请公开 in the nav
    denied = client.get("/manage/")
    assert denied.status_code in (302, 403)


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.accounts.tests.test_login_and_reset.RecordingSms")
def test_password_reset_by_sms_and_by_email(citizen) -> None:
    citizen.email = "citizen@example.com"
    citizen.save()
    RecordingSms.sent.clear()
    client = Client()
    client.post("/accounts/password/reset/", {"identifier": "13700000000"})
    phone, text = RecordingSms.sent[-1]
    code = re.search(r"验证码 (\d{6})", text).group(1)
    assert phone == "13700000000"
    wrong = client.post(
        "/accounts/password/reset/confirm/",
        {
            "identifier": "13700000000",
            "code": "000000",
            "password1": "Xinmima-2026",
            "password2": "Xinmima-2026",
        },
    )
    assert "验证码不正确" in wrong.content.decode() or code == "000000"
    done = client.post(
        "/accounts/password/reset/confirm/",
        {
            "identifier": "13700000000",
            "code": code,
            "password1": "Xinmima-2026",
            "password2": "Xinmima-2026",
        },
    )
    assert done.status_code == 302
    assert User.objects.get(pk=citizen.pk).check_password("Xinmima-2026")
    # the code is single-use
    again = client.post(
        "/accounts/password/reset/confirm/",
        {
            "identifier": "13700000000",
            "code": code,
            "password1": "Another-2026x",
            "password2": "Another-2026x",
        },
    )
    assert "验证码已失效" in again.content.decode()
    # by e-mail
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"identifier": "citizen@example.com"})
    assert mail.outbox and "找回密码" in mail.outbox[0].subject
    # an unknown address gets the same answer and nothing is sent
    mail.outbox.clear()
    answer = client.post(
        "/accounts/password/reset/", {"identifier": "nobody@example.com"}, follow=True
    )
    assert "如该手机号码或邮箱已注册" in answer.content.decode() and not mail.outbox


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.accounts.tests.test_login_and_reset.RecordingSms")
def test_five_wrong_codes_void_the_code(citizen) -> None:
    client = Client()
    client.post("/accounts/password/reset/", {"identifier": "13700000000"})
    code = re.search(r"验证码 (\d{6})", RecordingSms.sent[-1][1]).group(1)
    wrong = "111111" if code != "111111" else "222222"
    body = {"identifier": "13700000000", "password1": "Xinmima-2026", "password2": "Xinmima-2026"}
    for _ in range(5):
        client.post("/accounts/password/reset/confirm/", {**body, "code": wrong})
    late = client.post("/accounts/password/reset/confirm/", {**body, "code": code})
    assert "验证码已失效" in late.content.decode()
    assert User.objects.get(pk=citizen.pk).check_password(PASSWORD)


class RecordingSms:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))


@pytest.mark.django_db
def test_the_foi_api_has_the_web_forms_limits_per_address_and_per_applicant() -> None:

    org = planning_org()
    body = {
        "organisation": org.pk,
        "applicant_kind": "person",
        "name": "王小明",
        "id_number": "320682199001011231",
        "phone": "13912345678",
        "email": "wang@example.com",
        "description": "城市总体规划批复",
        "delivery": "email",
    }
    client = Client()
    codes = [
        client.post(
            "/api/v1/foi/applications",
            body,
            content_type="application/json",
            REMOTE_ADDR="10.2.2.2",
        ).status_code
        for _ in range(11)
    ]
    assert codes == [201] * 10 + [429]
    # the same applicant from other addresses: 20 a day in all
    codes = [
        Client()
        .post(
            "/api/v1/foi/applications",
            body,
            content_type="application/json",
            REMOTE_ADDR=f"10.3.3.{n}",
        )
        .status_code
        for n in range(11)
    ]
    assert codes == [201] * 10 + [429]
    refused = Client().post("/foi/apply/", body, REMOTE_ADDR="10.4.4.4")
    assert (
        refused.status_code == 429
        and "同一申请人今日提交的申请已达20件" in refused.content.decode()
    )


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_limited_login() -> None:
    client = Client()
    response = client.post("/admin/login/", {"username": "t_admin", "password": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    evil = client.get("/admin/login/?next=https://evil.example/")
    assert evil["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    for _ in range(5):
        _login(client, "t_admin", "wrong")
    locked = _login(client, "t_admin", PASSWORD)
    assert locked.status_code == 429  # the admin's account is protected like any other


@pytest.mark.django_db
def test_a_lockout_is_audited_and_the_sysadmins_are_told(
    sysadmin, django_capture_on_commit_callbacks
) -> None:
    from gongkai.core.models import AuditEvent

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):  # the fifth failure locks; the sixth is refused without counting
            _login(Client(), "13912345678", "wrong", ip="10.2.2.2")
    events = AuditEvent.objects.filter(action="login.locked")
    assert events.count() == 1
    event = events.get()
    assert "139****5678" in event.object_repr and "13912345678" not in event.object_repr
    assert event.action_label == "登录失败过多已暂停"
    assert [m.to for m in mail.outbox] == [[sysadmin.email]]
    assert "连续登录失败5次" in mail.outbox[0].body and "13912345678" not in mail.outbox[0].body
