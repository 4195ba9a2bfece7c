"""The rules of a 办件, with dates counted by hand on the 2026 calendar (国办发明电〔2025〕7号:
国庆 10/1–10/7 off, Sunday 9/20 and Saturday 10/10 worked)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.clock import ClockRule
from gongkai.core.workdays import HolidayCalendar
from gongkai.services import rules
from gongkai.services.choices import CaseStatus, NodeKind

D = dt.date.fromisoformat


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("5个工作日", ClockRule.working_days(5)),
        ("自申请之日起10个工作日", ClockRule.working_days(10)),
        ("20 工作日", ClockRule.working_days(20)),
        ("90日", ClockRule.calendar_days(90)),
        ("30天", ClockRule.calendar_days(30)),
        ("即办", ClockRule.working_days(0)),
        ("即办（可“出生一件事”网上联办）", ClockRule.working_days(0)),
        ("按年度招生工作日程", None),
        ("", None),
    ],
)
def test_time_limit_texts_become_clock_rules(text: str, rule: ClockRule | None) -> None:
    assert rules.time_limit_rule(text) == rule


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "text", "due", "why"),
    [
        # 9/29 1, 9/30 2, 10/1–10/7 off, 10/8 3, 10/9 4, Saturday 10/10 worked 5
        ("2026-09-28", "5个工作日", "2026-10-10", "国庆 skipped, 调休 Saturday counts"),
        # 9/19 Sat off, Sunday 9/20 worked 1, 9/21 2, 9/22 3
        ("2026-09-18", "3个工作日", "2026-09-22", "Sunday 9/20 is a 调休 working day"),
        # 20 日 from 9/15 ends 10/5, inside 国庆: moves to 10/8 (民法典 第二百零三条)
        ("2026-09-15", "20日", "2026-10-08", "a last day in 国庆 moves to 10/8"),
        ("2026-11-02", "即办", "2026-11-02", "即办 is the same day"),
    ],
)
def test_due_dates_on_the_law_clock(received: str, text: str, due: str, why: str) -> None:
    assert rules.due_from(D(received), text, HolidayCalendar()) == D(due), why


def test_node_names_map_to_declared_kinds() -> None:
    assert rules.node_kind("窗口受理") == NodeKind.RECEIVE
    assert rules.node_kind("科室审核") == NodeKind.REVIEW
    assert rules.node_kind("作出许可决定") == NodeKind.DECIDE
    assert rules.node_kind("发证送达") == NodeKind.DELIVER
    assert rules.node_kind("不予受理") == NodeKind.REFUSE
    assert rules.node_kind("补正材料") == NodeKind.CORRECT
    assert rules.node_kind("归档") == NodeKind.OTHER


def test_state_follows_time_not_arrival_order() -> None:
    done = rules.NodeFact(NodeKind.DONE, at("2026-10-09T10:00"), None)
    receive = rules.NodeFact(NodeKind.RECEIVE, at("2026-09-28T09:00"), None)
    review = rules.NodeFact(NodeKind.REVIEW, at("2026-09-30T09:00"), D("2026-09-29"))
    state = rules.case_state([done, review, receive], promised_due=D("2026-10-10"))
    assert state.status == CaseStatus.DONE
    assert state.finished_at == at("2026-10-09T10:00")
    assert state.finished_on_time is True
    # done: held to the promised date (on time); review: its own 时限 9/29 missed; receive: none
    assert state.node_on_time == (True, False, None)


def test_closing_late_and_first_closing_node_wins() -> None:
    late = rules.case_state(
        [rules.NodeFact(NodeKind.DONE, at("2026-10-12T09:00"), None)],
        promised_due=D("2026-10-10"),
    )
    assert late.finished_on_time is False
    refused_then_done = rules.case_state(
        [
            rules.NodeFact(NodeKind.DONE, at("2026-10-12T09:00"), None),
            rules.NodeFact(NodeKind.REFUSE, at("2026-09-29T09:00"), None),
        ],
        promised_due=None,
    )
    assert refused_then_done.status == CaseStatus.REFUSED
    assert refused_then_done.finished_on_time is None
    assert rules.case_state([], promised_due=None).status == CaseStatus.OPEN


def test_overdue_means_open_after_the_promised_day() -> None:
    due = D("2026-10-10")
    assert not rules.is_overdue(status=CaseStatus.OPEN, promised_due=due, today=due)
    assert rules.is_overdue(status=CaseStatus.OPEN, promised_due=due, today=D("2026-10-11"))
    assert not rules.is_overdue(status=CaseStatus.DONE, promised_due=due, today=D("2026-10-11"))


def test_masking_follows_the_publicity_pages() -> None:
    assert rules.mask_name("张三丰") == "张**"
    assert rules.mask_name("李四") == "李*"
    assert rules.mask_name("如皋市某某餐饮有限公司", company=True) == "如皋市某某餐饮有限公司"
    assert rules.mask_id("320682199001011234") == "3206**********1234"


def test_digests_are_keyed_and_normalised() -> None:
    a = rules.digest("id", "320682199001011234")
    assert a == rules.digest("id", " 320682 199001011234 ")
    assert a != rules.digest("phone", "320682199001011234")
    assert "320682" not in a and len(a) == 64
    assert rules.digest("id", "") == ""


def test_signature_is_hmac_of_timestamp_and_body() -> None:
    import hashlib
    import hmac

    sig = rules.signature("k", "1700000000", b'{"a":1}')
    assert sig == hmac.new(b"k", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
