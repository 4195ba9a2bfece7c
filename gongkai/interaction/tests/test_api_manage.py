"""政民互动 staff API: a web message handled end to end over REST, 12345-style intake answered
on the spot, department isolation, token scopes, the consultation's moderation and adoption
report, and publishing the knowledge family. Every response is checked against
docs/openapi.yaml by the test client (conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.accounts.tokens import api_token_create
from gongkai.interaction import consultations as consult_svc
from gongkai.interaction import services as s
from gongkai.interaction import surveys as sv
from gongkai.interaction.choices import Status
from gongkai.interaction.consult_rules import ConsultStatus
from gongkai.interaction.models import Consultation, Message, MessageEvent
from gongkai.interaction.tests.test_consultations import draft_data

API = "/api/v1/manage"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def _post(client: Client, url: str, body: dict | None = None):  # type: ignore[no-untyped-def]
    return client.post(url, body or {}, content_type="application/json")


def _web_message(world) -> Message:  # type: ignore[no-untyped-def]
    msg, _code = s.message_submit(
        data={
            "kind": "complaint",
            "subject": "某路段井盖缺失",
            "content": "某某路与某某街交叉口井盖缺失，请尽快处理。联系电话13912345678",
            "organisation": world.planning,
            "name": "李四",
            "phone": "13912345678",
            "allow_public": True,
        }
    )
    return msg


@pytest.mark.django_db
def test_a_web_message_is_handled_over_the_api(
    world, planning_editor, planning_reviewer, finance_editor
) -> None:
    msg = _web_message(world)
    editor, reviewer = _as(planning_editor), _as(planning_reviewer)

    listing = editor.get(f"{API}/messages", {"status": "pending"})
    assert listing.status_code == 200
    row = next(r for r in listing.json() if r["number"] == msg.number)
    # the same actions the staff page offers, asked of the model's table
    assert row["actions"] == msg.staff_actions()
    assert "on_spot" not in row["actions"]  # a web message is answered through review

    detail = editor.get(f"{API}/messages/{msg.pk}").json()
    assert detail["phone"] == "139****5678" and detail["name"] == "李四"
    assert [e["kind"] for e in detail["events"]] == ["submitted"]

    # another department neither sees nor acts on it
    outsider = _as(finance_editor)
    assert outsider.get(f"{API}/messages/{msg.pk}").status_code == 404
    assert _post(outsider, f"{API}/messages/{msg.pk}/accept").status_code == 404
    assert not any(r["number"] == msg.number for r in outsider.get(f"{API}/messages").json())

    accepted = _post(editor, f"{API}/messages/{msg.pk}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "handling"
    again = _post(editor, f"{API}/messages/{msg.pk}/accept")
    assert again.status_code == 409 and again.json()["message"] == "只有待受理的留言可以受理"

    empty = _post(editor, f"{API}/messages/{msg.pk}/answer", {"text": ""})
    assert empty.status_code == 400 and "text" in empty.json()["errors"]
    drafted = _post(editor, f"{API}/messages/{msg.pk}/answer", {"text": "已安排补装井盖。"})
    assert drafted.json()["answer_pending"] is True and drafted.json()["answer"] == ""

    # 先审后发: the editor may not approve their own answer
    own = _post(editor, f"{API}/messages/{msg.pk}/approve", {"approve": True})
    assert own.status_code == 403
    returned = _post(reviewer, f"{API}/messages/{msg.pk}/approve", {"approve": False})
    assert returned.status_code == 400 and "comment" in returned.json()["errors"]
    approved = _post(reviewer, f"{API}/messages/{msg.pk}/approve", {"approve": True})
    body = approved.json()
    assert approved.status_code == 200 and body["status"] == "answered"
    assert body["answer"] == "已安排补装井盖。" and body["answer_draft"] == ""
    assert body["actions"] == []  # answered: nothing left for the office until a reopen
    msg.refresh_from_db()
    assert msg.status == Status.ANSWERED and msg.answered_by == planning_reviewer

    # an answered message becomes a draft Q&A, without the writer
    entry = _post(editor, f"{API}/messages/{msg.pk}/to-knowledge")
    assert entry.status_code == 201 and entry.json()["state"] == "draft"
    assert "李四" not in str(entry.json()) and "13912345678" not in str(entry.json())


@pytest.mark.django_db
def test_intake_by_phone_answered_on_the_spot_transfer_and_merge(
    world, planning_editor, finance_editor
) -> None:
    editor = _as(planning_editor)
    refused = _post(
        editor,
        f"{API}/messages/intake",
        {"kind": "consult", "channel": "web", "subject": "x", "content": "x", "name": "x"},
    )
    assert refused.status_code == 400 and "channel" in refused.json()["errors"]
    other_org = _post(
        editor,
        f"{API}/messages/intake",
        {
            "kind": "consult",
            "channel": "phone",
            "subject": "咨询",
            "content": "内容",
            "name": "王",
            "organisation": world.finance.pk,
        },
    )
    assert other_org.status_code == 400 and "organisation" in other_org.json()["errors"]

    call = _post(
        editor,
        f"{API}/messages/intake",
        {
            "kind": "consult",
            "channel": "phone",
            "subject": "规划许可办理时限",
            "content": "来电咨询建设工程规划许可多久能办结。",
            "name": "张先生",
            "organisation": world.planning.pk,
            "received_on": str(timezone.localdate() - dt.timedelta(days=2)),
        },
    )
    assert call.status_code == 201, call.json()
    call_id = call.json()["id"]
    assert call.json()["channel"] == "phone" and "on_spot" in call.json()["actions"]
    spot = _post(editor, f"{API}/messages/{call_id}/on_spot", {"text": "法定时限为20个工作日。"})
    assert spot.status_code == 200 and spot.json()["answer_on_spot"] is True
    assert spot.json()["status"] == "answered"

    # transfer to another department: the answer is the message as it stands after the step
    a, b = _web_message(world), _web_message(world)
    moved = _post(
        editor,
        f"{API}/messages/{a.pk}/transfer",
        {"organisation": world.finance.pk, "reason": "属财政局职责"},
    )
    assert moved.status_code == 200 and moved.json()["organisation"] == world.finance.pk
    assert _as(planning_editor).get(f"{API}/messages/{a.pk}").status_code == 404
    assert _as(finance_editor).get(f"{API}/messages/{a.pk}").status_code == 200

    unknown = _post(editor, f"{API}/messages/{b.pk}/merge", {"into": "HD000"})
    assert unknown.status_code == 400 and "into" in unknown.json()["errors"]
    c = _web_message(world)
    merged = _post(editor, f"{API}/messages/{b.pk}/merge", {"into": c.number})
    assert merged.status_code == 200 and merged.json()["merged_into"] == c.pk
    assert MessageEvent.objects.filter(message=b, kind="merged").exists()


@pytest.mark.django_db
def test_tokens_reach_the_staff_api_only_with_the_hudong_scopes(world, planning_editor) -> None:
    msg = _web_message(world)
    _t, foi_only = api_token_create(
        actor=planning_editor, user=planning_editor, name="依申请公开对接", scopes=["foi:read"]
    )
    _t, read = api_token_create(
        actor=planning_editor, user=planning_editor, name="12345对接", scopes=["hudong:read"]
    )
    _t, write = api_token_create(
        actor=planning_editor,
        user=planning_editor,
        name="12345对接",
        scopes=["hudong:read", "hudong:write"],
    )

    def bearer(token: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {token}"})

    assert bearer(foi_only).get(f"{API}/messages").status_code == 403
    assert bearer(read).get(f"{API}/messages/{msg.pk}").status_code == 200
    denied = _post(bearer(read), f"{API}/messages/{msg.pk}/accept")
    assert (
        denied.status_code == 403 and denied.json()["message"] == "访问令牌没有此接口所需的权限范围"
    )
    assert _post(bearer(write), f"{API}/messages/{msg.pk}/accept").status_code == 200
    assert Client().get(f"{API}/messages").status_code in (401, 403)


@pytest.mark.django_db
def test_consultation_moderated_closed_and_reported_over_the_api(
    planning_editor, planning_reviewer, finance_editor
) -> None:
    c = consult_svc.consultation_save(
        actor=planning_editor, data=draft_data(timezone.localdate(), 40)
    )
    editor, reviewer = _as(planning_editor), _as(planning_reviewer)
    assert any(row["id"] == c.pk for row in editor.get(f"{API}/consultations").json())
    assert _post(editor, f"{API}/consultations/{c.pk}/publish").status_code == 403  # 先审后发
    published = _post(reviewer, f"{API}/consultations/{c.pk}/publish")
    assert published.status_code == 200 and published.json()["status"] == ConsultStatus.PUBLISHED

    c.refresh_from_db()
    good = consult_svc.comment_submit(consultation=c, data={"content": "建议夜间免费停车。"})
    advert = consult_svc.comment_submit(consultation=c, data={"content": "出租车位，电话……"})
    comments = editor.get(f"{API}/consultations/{c.pk}/comments").json()
    assert [x["status"] for x in comments] == ["pending", "pending"]
    assert (
        _post(_as(finance_editor), f"{API}/comments/{good.pk}/moderate", {"show": True}).status_code
        == 404
    )
    no_reason = _post(editor, f"{API}/comments/{advert.pk}/moderate", {"show": False})
    assert no_reason.status_code == 400
    shown = _post(editor, f"{API}/comments/{good.pk}/moderate", {"show": True})
    assert shown.status_code == 200 and shown.json()["status"] == "shown"
    hidden = _post(
        editor, f"{API}/comments/{advert.pk}/moderate", {"show": False, "reason": "advert"}
    )
    assert hidden.json()["hide_reason"] == "advert"

    early = _post(editor, f"{API}/consultations/{c.pk}/close")
    assert early.status_code == 409  # the end date has not passed
    Consultation.objects.filter(pk=c.pk).update(ends_on=timezone.localdate() - dt.timedelta(1))
    closed = _post(editor, f"{API}/consultations/{c.pk}/close")
    assert closed.status_code == 200 and closed.json()["status"] == ConsultStatus.CLOSED
    no_why = _post(editor, f"{API}/comments/{good.pk}/dispose", {"disposition": "not_adopted"})
    assert no_why.status_code == 400
    _post(editor, f"{API}/comments/{good.pk}/dispose", {"disposition": "adopted"})
    report = _post(reviewer, f"{API}/consultations/{c.pk}/report", {"summary": "采纳1条。"})
    assert report.status_code == 200 and report.json()["status"] == ConsultStatus.REPORTED
    assert report.json()["reported_at"]


@pytest.mark.django_db
def test_publishing_the_knowledge_family_and_a_surveys_full_results(
    world, planning_editor, planning_reviewer
) -> None:
    from gongkai.interaction import knowledge as kb

    entry = kb.knowledge_entry_save(
        actor=planning_editor,
        data={
            "question": "规划许可要多久？",
            "answer": "20个工作日。",
            "organisation": world.planning,
        },
    )
    editor, reviewer = _as(planning_editor), _as(planning_reviewer)
    assert editor.get(f"{API}/knowledge").json()[0]["state"] == "draft"
    assert _post(editor, f"{API}/knowledge/{entry.pk}/publish").status_code == 403
    done = _post(reviewer, f"{API}/knowledge/{entry.pk}/publish")
    assert done.status_code == 200 and done.json()["state"] == "published"

    arose = timezone.now() - dt.timedelta(hours=6)
    topic = kb.hot_topic_save(
        actor=planning_editor,
        data={
            "title": "某小区塌陷",
            "concern": "群众关心塌陷原因",
            "response": "正在调查",
            "organisation": world.planning,
            "major": True,
            "arose_at": arose,
        },
    )
    rows = editor.get(f"{API}/hot-topics").json()
    targets = next(r for r in rows if r["id"] == topic.pk)["targets"]
    # 6 hours after the event and nothing published: the 5-hour target is overdue, the
    # 24-hour press conference still open (国办发〔2016〕80号)
    assert [(t["label"], t["state"]) for t in targets] == [
        ("发布权威信息", "overdue"),
        ("举行新闻发布会", "open"),
    ]
    assert _post(reviewer, f"{API}/hot-topics/{topic.pk}/publish").json()["state"] == "published"

    today = timezone.localdate()
    survey = sv.survey_save(
        actor=planning_editor,
        data={
            "title": "规划服务满意度",
            "organisation": world.planning,
            "start_on": today,
            "end_on": today + dt.timedelta(days=10),
            "source": "[单选] 您对服务是否满意？\n- 满意\n- 不满意\n[问答] 您的建议（选填）",
        },
    )
    assert _post(reviewer, f"{API}/surveys/{survey.pk}/publish").json()["status"] == "open"
    survey.refresh_from_db()
    q1, q2 = survey.questions.order_by("number")
    sv.survey_respond(
        survey=survey,
        answers={q1.number: q1.options.first().pk, q2.number: "窗口再多一些"},
        source="a",
    )
    results = editor.get(f"{API}/surveys/{survey.pk}/results").json()
    assert results[0]["options"][0] == {"text": "满意", "count": 1, "percent": 100.0}
    assert results[1]["texts"] == ["窗口再多一些"]  # staff only; the public results count it
