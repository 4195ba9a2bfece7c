"""政民互动 messages: routing, the clock, review before an answer shows, rating, reopening,
转信访 with the 信访工作条例 clocks, isolation between departments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from gongkai.core.errors import Conflict
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.interaction import services
from gongkai.interaction.choices import Action, Channel, Kind, Rating, Status
from gongkai.interaction.models import KindRule, Message, RoutingRule
from gongkai.interaction.services import (
    message_accept,
    message_answer,
    message_answer_on_spot,
    message_answer_review,
    message_for_tracking,
    message_rate,
    message_refer_petition,
    message_reject,
    message_reopen,
    message_submit,
    message_transfer,
)
from gongkai.testing.sms import RecordingSms


def data(**extra):  # type: ignore[no-untyped-def]
    return {
        "kind": Kind.COMPLAINT,
        "subject": "小区门口道路破损",
        "content": "某某路与某某路交叉口路面破损多日，请尽快修复。",
        "name": "王某某",
        "phone": "13912345678",
        "allow_public": True,
        **extra,
    }


@pytest.fixture
def routed(world):  # type: ignore[no-untyped-def]
    RoutingRule.objects.create(
        kind=Kind.COMPLAINT, domain=world.permit_item.domain, organisation=world.planning
    )
    return world


def reply_deadline(msg: Message) -> Deadline:
    return Deadline.objects.get(object_id=str(msg.pk), kind=services.REPLY)


@pytest.mark.django_db
def test_routing_by_kind_and_domain_then_the_government(routed) -> None:
    world = routed
    msg, code = message_submit(data=data(domain=world.permit_item.domain))
    assert msg.organisation == world.planning and msg.status == Status.PENDING
    assert len(code) == 8 and msg.number.startswith("HD")
    other, _ = message_submit(data=data(kind=Kind.CONSULT))
    assert other.organisation.kind == "government"  # no rule: the 政务公开办 dispatches
    assert message_for_tracking(number=msg.number, code=code) == msg
    assert message_for_tracking(number=msg.number, code="WRONGONE") is None
    assert message_for_tracking(number="HD000", code=code) is None


@pytest.mark.django_db
def test_the_reply_clock_follows_the_kinds_rule(routed, settings) -> None:
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    deadline = reply_deadline(msg)
    assert deadline.rule == "wd:15" and msg.reply_due == deadline.due_date
    KindRule.objects.create(kind=Kind.CONSULT, unit="cd", days=7)
    consult, _ = message_submit(data=data(kind=Kind.CONSULT))
    assert reply_deadline(consult).rule == "cd:7"


@pytest.mark.django_db
def test_an_answer_shows_only_after_review_then_the_writer_rates(
    routed, planning_editor, planning_reviewer, finance_editor
) -> None:
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    with pytest.raises(PermissionDenied):
        message_accept(actor=finance_editor, msg=msg)  # another department's message
    with pytest.raises(Conflict):
        message_answer(actor=planning_editor, msg=msg, text="已安排维修")  # not accepted yet
    msg = message_accept(actor=planning_editor, msg=msg)
    msg = message_answer(actor=planning_editor, msg=msg, text="已安排维修，本周内完成。")
    assert msg.answer == "" and msg.answer_pending and msg.status == Status.HANDLING
    with pytest.raises(PermissionDenied):
        message_answer_review(actor=planning_editor, msg=msg, approve=True)  # not a reviewer
    with pytest.raises(ValidationError):
        message_answer_review(actor=planning_reviewer, msg=msg, approve=False)  # no comment
    msg = message_answer_review(actor=planning_reviewer, msg=msg, approve=True)
    assert msg.status == Status.ANSWERED and msg.answer.startswith("已安排维修")
    assert reply_deadline(msg).status == DeadlineStatus.MET
    assert not msg.can(Action.APPROVE)
    msg = message_rate(msg=msg, rating=Rating.SATISFIED)
    assert msg.status == Status.CLOSED and msg.is_public
    with pytest.raises(Conflict):
        message_rate(msg=msg, rating=Rating.UNSATISFIED)  # rated once


@pytest.mark.django_db
def test_reopen_once_with_a_new_clock(routed, planning_editor, planning_reviewer) -> None:
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    msg = message_accept(actor=planning_editor, msg=msg)
    msg = message_answer(actor=planning_editor, msg=msg, text="已处理")
    msg = message_answer_review(actor=planning_reviewer, msg=msg, approve=True)
    msg = message_rate(msg=msg, rating=Rating.UNSATISFIED, comment="路面仍未修复")
    with pytest.raises(ValidationError):
        message_reopen(msg=msg, reason=" ")
    msg = message_reopen(msg=msg, reason="路面仍未修复")
    assert msg.status == Status.HANDLING and msg.reopen_count == 1 and msg.rating == ""
    open_clocks = Deadline.objects.filter(
        object_id=str(msg.pk), kind=services.REPLY, status=DeadlineStatus.OPEN
    )
    assert open_clocks.count() == 1
    msg = message_answer(actor=planning_editor, msg=msg, text="已复查并修复")
    msg = message_answer_review(actor=planning_reviewer, msg=msg, approve=True)
    msg = message_rate(msg=msg, rating=Rating.BASIC)
    with pytest.raises(Conflict):
        message_reopen(msg=msg, reason="再次申请")  # only once


@pytest.mark.django_db
def test_reject_transfer_and_staff_intake_on_the_spot(
    routed, planning_editor, finance_editor, office
) -> None:
    world = routed
    msg, _ = message_submit(data=data(domain=world.permit_item.domain))
    with pytest.raises(ValidationError):
        message_reject(actor=planning_editor, msg=msg, reason="")
    moved = message_transfer(
        actor=planning_editor, msg=msg, organisation=world.finance, reason="属财政职责"
    )
    assert moved.organisation == world.finance
    assert reply_deadline(moved).organisation_id == world.finance.pk
    rejected = message_reject(actor=finance_editor, msg=moved, reason="非本机关职责范围")
    assert rejected.status == Status.REJECTED and rejected.reject_reason
    with pytest.raises(PermissionDenied):  # a citizen cannot claim a phone channel
        message_submit(data=data(), channel=Channel.PHONE)
    taken, _ = message_submit(
        data=data(kind=Kind.CONSULT, organisation=world.planning, phone="13900001111"),
        channel=Channel.PHONE,
        actor=planning_editor,
    )
    web, _ = message_submit(data=data(domain=world.permit_item.domain))
    with pytest.raises(Conflict):  # web messages are answered through review
        message_answer_on_spot(actor=planning_editor, msg=web, text="x")
    with pytest.raises(PermissionDenied):  # transferred away: no longer planning's
        message_accept(actor=planning_editor, msg=moved)
    taken = message_answer_on_spot(actor=planning_editor, msg=taken, text="已电话告知办理流程")
    assert taken.status == Status.ANSWERED and taken.answer_on_spot
    assert reply_deadline(taken).status == DeadlineStatus.MET


@pytest.mark.django_db
def test_referral_to_petition_runs_the_petition_clocks(routed, planning_editor) -> None:
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    msg = message_refer_petition(actor=planning_editor, msg=msg, note="属信访事项，转市信访局")
    assert msg.status == Status.PETITION
    notice = Deadline.objects.get(object_id=str(msg.pk), kind=services.PETITION_NOTICE)
    done = Deadline.objects.get(object_id=str(msg.pk), kind=services.PETITION_DONE)
    assert notice.rule == "cd:15" and done.rule == "cd:60"
    assert msg.petition_notice_due == notice.due_date >= msg.received_on + dt.timedelta(days=15)
    assert reply_deadline(msg).status != DeadlineStatus.OPEN
    msg = services.message_petition_ack(actor=planning_editor, msg=msg)
    notice.refresh_from_db()
    assert notice.status == DeadlineStatus.MET and msg.petition_ack_on is not None


@pytest.mark.django_db
def test_a_web_message_needs_a_way_to_answer_and_bounded_fields(routed) -> None:
    with pytest.raises(ValidationError):
        message_submit(data=data(phone=""))
    with pytest.raises(ValidationError):
        message_submit(data=data(subject="标" * 101))
    assert not Message.objects.exists()


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.testing.sms.RecordingSms")
def test_a_citizen_writes_tracks_rates_and_the_public_sees_no_personal_data(
    client, routed, planning_editor, planning_reviewer
) -> None:
    world = routed
    page = client.get("/hudong/write/complaint/")
    assert page.status_code == 200 and "我要投诉" in page.content.decode()
    bad = client.post("/hudong/write/complaint/", {"subject": "", "content": "x", "name": "王"})
    assert bad.status_code == 200 and "请填写手机号码或电子邮箱" in bad.content.decode()
    body = {
        "subject": "路灯不亮",
        "content": "某某路路灯不亮，联系我13912345678。",
        "domain": world.permit_item.domain.pk,
        "name": "王某某",
        "phone": "13912345678",
        "allow_public": "on",
    }
    unverified = client.post("/hudong/write/complaint/", body).content.decode()
    assert "验证码已失效" in unverified and not Message.objects.exists()
    sent = client.post("/hudong/write/complaint/", {**body, "send_code": "1"}).content.decode()
    assert "验证码已发送" in sent and "路灯不亮" in sent  # what was typed stays
    wrong = client.post("/hudong/write/complaint/", {**body, "code": "000000"}).content.decode()
    code = RecordingSms.last_code("13912345678")
    assert ("验证码不正确" in wrong) or code == "000000"
    receipt = client.post("/hudong/write/complaint/", {**body, "code": code})
    html = receipt.content.decode()
    assert receipt.status_code == 200 and "留言已提交" in html
    msg = Message.objects.get()
    assert msg.organisation == world.planning and msg.number in html
    staff = client.__class__()
    staff.force_login(planning_editor)
    assert staff.get(f"/manage/messages/{msg.pk}/").status_code == 200
    staff.post(f"/manage/messages/{msg.pk}/accept/")
    staff.post(f"/manage/messages/{msg.pk}/answer/", {"text": "已修复路灯。"})
    reviewer = client.__class__()
    reviewer.force_login(planning_reviewer)
    reviewer.post(f"/manage/messages/{msg.pk}/approve/", {"approve": "1"})
    msg.refresh_from_db()
    assert msg.status == Status.ANSWERED
    status = client.get(f"/hudong/status/{msg.number}/").content.decode()
    assert "已修复路灯" in status and "评价答复" in status
    client.post(f"/hudong/status/{msg.number}/rate/", {"rating": "satisfied"})
    msg.refresh_from_db()
    assert msg.status == Status.CLOSED
    public = client.get(f"/hudong/{msg.number}/").content.decode()
    assert "路灯不亮" in public and "王某某" not in public and "13912345678" not in public
    assert "路灯不亮" in client.get("/hudong/").content.decode()
    stranger = client.__class__()
    assert stranger.get(f"/hudong/status/{msg.number}/").status_code == 404


@pytest.mark.django_db
def test_staff_of_another_department_cannot_see_or_act(client, routed, finance_editor) -> None:
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    client.force_login(finance_editor)
    assert client.get(f"/manage/messages/{msg.pk}/").status_code == 404
    assert client.post(f"/manage/messages/{msg.pk}/accept/").status_code == 404
    assert msg.number not in client.get("/manage/messages/").content.decode()


@pytest.mark.django_db
def test_petition_clocks_on_fixed_dates(routed, planning_editor, monkeypatch) -> None:
    # Referred on Wed 2026-09-16. 第二十二条 15日: 10/1 falls in 国庆 (10/1–10/7 off), so the
    # notice is due Thu 10/8 (民法典 第二百零三条). 第三十四条 60日: 9/17..9/30 is 14 days,
    # October 31 more (45), 11/15 is the 60th — a Sunday — so it is due Monday 11/16.
    monkeypatch.setattr(services, "_today", lambda: dt.date(2026, 9, 16))
    msg, _ = message_submit(data=data(domain=routed.permit_item.domain))
    msg = message_refer_petition(actor=planning_editor, msg=msg, note="属信访事项，转市信访局")
    assert msg.petition_notice_due == dt.date(2026, 10, 8)
    assert msg.petition_done_due == dt.date(2026, 11, 16)
    # a 5-working-day 咨询 received the same day: 9/17, 9/18, Sunday 9/20 (worked before
    # 中秋), 9/21, 9/22
    consult, _ = message_submit(data=data(kind=Kind.CONSULT))
    assert consult.reply_due == dt.date(2026, 9, 22)


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.testing.sms.DownSms")
def test_when_sms_is_down_the_form_keeps_what_was_typed(client, routed) -> None:
    body = {
        "subject": "咨询办事时间",
        "content": "请问周六是否办公？",
        "name": "李某",
        "phone": "13800001111",
    }
    page = client.post("/hudong/write/consult/", {**body, "send_code": "1"}).content.decode()
    assert "验证码暂时无法发送" in page and "请问周六是否办公？" in page
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_logged_in_citizen_needs_no_code(client, routed, citizen) -> None:
    client.force_login(citizen)
    page = client.get("/hudong/write/consult/").content.decode()
    assert "获取验证码" not in page
    body = {
        "subject": "咨询办事时间",
        "content": "请问周六是否办公？",
        "name": "赵某",
        "phone": "13700000000",
    }
    assert "留言已提交" in client.post("/hudong/write/consult/", body).content.decode()
    assert Message.objects.get().user == citizen


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.testing.sms.DownSms")
def test_with_the_sms_gateway_and_the_worker_down_nothing_is_lost(
    client, routed, citizen, planning_editor, planning_reviewer
) -> None:
    """The message is stored first; the writer's notice waits in the outbox, and is sent once
    the gateway is back (the worker being down only delays it: the scheduler's run sends)."""
    from django.test import override_settings as settings_for
    from django.utils import timezone

    from gongkai.core.models import Notice, NoticeStatus
    from gongkai.core.notices import notices_send
    from gongkai.interaction import services as svc

    client.force_login(citizen)
    body = {"subject": "咨询办事时间", "content": "请问周六是否办公？", "name": "赵某"}
    page = client.post(
        "/hudong/write/consult/",
        {**body, "phone": "13700000000", "organisation": routed.planning.pk},
    )
    assert "留言已提交" in page.content.decode()
    msg = Message.objects.get()
    svc.message_accept(actor=planning_editor, msg=msg)
    svc.message_answer(actor=planning_editor, msg=msg, text="周六上午办公。")
    svc.message_answer_review(actor=planning_reviewer, msg=msg, approve=True)
    now = timezone.now()
    notices_send(now=now)  # the handlers' e-mail goes; the SMS gateway refuses the writer's
    waiting = Notice.objects.get(to="13700000000")
    assert waiting.status == NoticeStatus.PENDING and msg.number in waiting.text
    RecordingSms.sent.clear()
    with settings_for(SMS_BACKEND="gongkai.testing.sms.RecordingSms"):
        assert notices_send(now=now + dt.timedelta(hours=1)) >= 1
    assert [to for to, _text in RecordingSms.sent] == ["13700000000"]
    msg.refresh_from_db()
    assert msg.status == "answered" and msg.answer == "周六上午办公。"
