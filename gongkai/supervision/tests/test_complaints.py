"""公开投诉 with hand-computed clocks: registered by the 政务公开办 (15 working days, or the
monitoring rule's number), dispatched, answered by the handling organisation only, closed
after 回访; a 政民互动 投诉 about a publication becomes one; a justified complaint costs points
on the scorecard; personal data masked on the page; the timeline shows every step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import client_for
from gongkai.core.models import Deadline, DeadlineStatus, Notice
from gongkai.interaction import services as hd
from gongkai.supervision import complaints as svc
from gongkai.supervision import scoring, timeline
from gongkai.supervision.complaint_rules import ComplaintStatus
from gongkai.supervision.models import Complaint
from gongkai.supervision.obligations import monitor_rule_create

D = dt.date.fromisoformat


def _register(office, world, **extra):  # type: ignore[no-untyped-def]
    data = {
        "organisation": world.planning,
        "channel": "phone",
        "subject": "规划许可信息未按时公开",
        "content": "上月批准的建设工程规划许可至今未在网站公开。",
        "received_on": D("2026-12-01"),
        "name": "钱投诉",
        "phone": "13812345678",
        **extra,
    }
    return svc.complaint_register(actor=office, **data)


def _clock(c: Complaint) -> Deadline:
    return Deadline.objects.get(kind="supervision.complaint", object_id=str(c.pk))


@pytest.mark.django_db
def test_a_phone_complaint_is_dispatched_answered_and_closed(
    world, office, planning_editor, finance_editor
) -> None:
    c = _register(office, world)
    # 15 working days from Tuesday 1 December 2026 (no holiday in between): 22 December
    assert c.due_date == D("2026-12-22") and _clock(c).organisation == world.planning
    assert c.number.startswith("TS20261201") and c.status == ComplaintStatus.RECEIVED

    c = svc.complaint_dispatch(actor=office, complaint=c, organisation=world.finance, note="核查")
    assert c.status == ComplaintStatus.HANDLING and _clock(c).organisation == world.finance
    with pytest.raises(PermissionDenied):  # planning is complained about, finance handles it
        svc.complaint_answer(actor=planning_editor, complaint=c, text="已公开", finding="upheld")
    with pytest.raises(ValidationError):
        svc.complaint_answer(actor=finance_editor, complaint=c, text=" ", finding="upheld")
    Notice.objects.all().delete()
    c = svc.complaint_answer(
        actor=finance_editor, complaint=c, text="经核查情况属实，已督促公开。", finding="upheld"
    )
    assert c.status == ComplaintStatus.ANSWERED and _clock(c).status == DeadlineStatus.MET
    assert Notice.objects.filter(to="13812345678", text__contains=c.number).exists()
    with pytest.raises(PermissionDenied):
        svc.complaint_close(actor=finance_editor, complaint=c, feedback="satisfied")
    c = svc.complaint_close(actor=office, complaint=c, feedback="satisfied")
    assert c.status == ComplaintStatus.CLOSED
    with pytest.raises(ValidationError):  # nothing more to do
        svc.complaint_dispatch(actor=office, complaint=c, organisation=world.tax)

    labels = [s.label for s in timeline.complaint_timeline(c)]
    for label in ("登记", "分办", "答复", "办结", "开始计算期限", "按期完成"):
        assert label in labels

    # one justified complaint received in the period costs planning 20 points
    cards = scoring.scorecards(start=D("2026-12-01"), end=D("2026-12-31"))
    row = next(r for r in cards["rows"] if r["organisation_id"] == world.planning.pk)
    assert row["values"]["complaints"] == 80.0 and row["basis"]["complaints_upheld"] == 1


@pytest.mark.django_db
def test_the_monitoring_rule_sets_the_complaint_clock(world, office) -> None:
    monitor_rule_create(
        actor=office,
        effective_from=D("2026-01-01"),
        warn_days=3,
        checks=[],
        digest=True,
        complaint_days=10,
    )
    c = _register(office, world)
    assert c.due_date == D("2026-12-15")  # 10 working days from 1 December
    with pytest.raises(ValidationError):
        _register(office, world, received_on=D("2026-01-01"))  # beyond 补录's 90 days
    with pytest.raises(ValidationError):
        _register(office, world, subject="")
    with pytest.raises(PermissionDenied):
        _register(world.planning_editor, world)
    c = svc.complaint_reject(actor=office, complaint=c, reason="不属于政府信息公开工作")
    assert c.status == ComplaintStatus.REJECTED and _clock(c).status == DeadlineStatus.MET


@pytest.mark.django_db
def test_a_hudong_complaint_about_a_publication_becomes_a_disclosure_complaint(
    world, django_capture_on_commit_callbacks
) -> None:
    pub = world.planning.publications.filter(status="published").first()
    data = {
        "kind": "complaint",
        "subject": "规划公示内容不全",
        "content": "公示缺少建设位置。",
        "organisation": world.planning,
        "name": "孙留言",
        "phone": "13912340000",
        "about_publication": pub,
    }
    with django_capture_on_commit_callbacks(execute=True):
        msg, _code = hd.message_submit(data=data)
        consult, _code = hd.message_submit(data={**data, "kind": "consult"})
        plain, _code = hd.message_submit(data={**data, "about_publication": None})
    c = Complaint.objects.get(message=msg)
    assert c.channel == "online" and c.about.startswith("信息：")
    assert c.received_on == msg.received_on and c.phone == ""  # the contact stays with the message
    assert not Complaint.objects.filter(message__in=[consult, plain]).exists()
    assert svc.complaint_from_message(message=msg) == c  # once


@pytest.mark.django_db
def test_complaint_pages(world, office, finance_editor) -> None:
    c = _register(office, world)
    page = client_for(office).get(f"/manage/complaints/{c.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "138****5678" in text and "13812345678" not in text
    assert client_for(world.planning_editor).get(f"/manage/complaints/{c.pk}/").status_code == 200
    assert client_for(finance_editor).get(f"/manage/complaints/{c.pk}/").status_code == 404
    bad = client_for(office).post(
        "/manage/complaints/",
        {"organisation": world.planning.pk, "channel": "phone", "subject": "", "content": "x"},
    )
    assert bad.status_code == 200 and "该字段是必填项" in bad.content.decode()
    assert Complaint.objects.count() == 1
    made = client_for(office).post(
        "/manage/complaints/",
        {
            "organisation": world.planning.pk,
            "channel": "letter",
            "subject": "来信投诉",
            "content": "来信反映政策解读缺失。",
        },
    )
    assert made.status_code == 302 and Complaint.objects.count() == 2
    step = client_for(office).post(
        f"/manage/complaints/{c.pk}/dispatch/", {"organisation": world.finance.pk}
    )
    assert step.status_code == 302
    assert client_for(finance_editor).get(f"/manage/complaints/{c.pk}/").status_code == 200
    timeline_page = client_for(office).get(f"/manage/timeline/complaint/{c.pk}/")
    assert timeline_page.status_code == 200 and "分办" in timeline_page.content.decode()
    assert client_for(world.planning_editor).post("/manage/complaints/", {}).status_code == 403
