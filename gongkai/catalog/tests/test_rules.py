"""公开依据 and 公开时限 parsing; publication due dates (条例 第二十六条 default)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.catalog.rules import (
    TimeLimitRule,
    due_date_for,
    format_legal_bases,
    format_rule,
    parse_legal_bases,
    parse_rule_cell,
    parse_time_limit,
)

D = dt.date.fromisoformat


def test_legal_bases_round_trip_and_level_guess() -> None:
    text = (
        "【法律】《中华人民共和国城乡规划法》第四十条\n《中华人民共和国政府信息公开条例》第二十条"
    )
    bases = parse_legal_bases(text)
    assert bases == [
        {"level": "law", "title": "中华人民共和国城乡规划法", "article": "第四十条"},
        {
            "level": "admin_regulation",
            "title": "中华人民共和国政府信息公开条例",
            "article": "第二十条",
        },
    ]
    assert parse_legal_bases(format_legal_bases(bases)) == bases


def test_legal_bases_several_titles_on_one_line_as_real_catalogs_write_them() -> None:
    text = "《中华人民共和国政府信息公开条例》《关于全面推进政务公开工作的意见》"
    assert [b["title"] for b in parse_legal_bases(text)] == [
        "中华人民共和国政府信息公开条例",
        "关于全面推进政务公开工作的意见",
    ]


def test_legal_bases_errors_are_chinese() -> None:
    with pytest.raises(ValueError, match="层级“法令”无效"):
        parse_legal_bases("【法令】《某法》")
    with pytest.raises(ValueError, match="缺少书名号"):
        parse_legal_bases("政府信息公开条例第二十条")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "自信息形成或者变更之日起20个工作日内公开",
            TimeLimitRule("event", "信息形成或者变更之日", 20, "working"),
        ),
        (
            "自作出行政决定之日起7个工作日内公开",
            TimeLimitRule("event", "作出行政决定之日", 7, "working"),
        ),
        (
            "经本级人民代表大会批准后20日内公开",
            TimeLimitRule("event", "经本级人民代表大会批准", 20, "calendar"),
        ),
        ("实时", TimeLimitRule("periodic", period="realtime")),
        ("每季度结束后15日内公开", TimeLimitRule("periodic", period="quarterly", due_day=15)),
        ("每月", TimeLimitRule("periodic", period="monthly")),
        ("原则上不得晚于采购活动开始前", TimeLimitRule("text")),
    ],
)
def test_parse_time_limit(text: str, rule: TimeLimitRule) -> None:
    assert parse_time_limit(text) == rule
    assert parse_rule_cell(format_rule(rule)) == rule


def test_rule_cell_error_is_chinese() -> None:
    with pytest.raises(ValueError, match="时限规则格式应为"):
        parse_rule_cell("事件|x|二十|工作日")


@pytest.mark.django_db
def test_due_dates() -> None:
    # 条例 第二十六条 default: 20 working days from 形成/变更, on the law clock.
    assert due_date_for(TimeLimitRule("text"), D("2026-01-28")) == (D("2026-03-03"), False)
    assert due_date_for(TimeLimitRule("event", "x", 7, "working"), D("2026-04-30")) == (
        D("2026-05-13"),
        False,
    )
    # 20 日: 1/29 is day 1, 2/17 day 20 — inside the 春节 break (2/15–2/23), so the period
    # ends on the next working day, 2/24 (《民法典》第二百零三条).
    assert due_date_for(TimeLimitRule("event", "x", 20, "calendar"), D("2026-01-28")) == (
        D("2026-02-24"),
        False,
    )
    # 20 日 from 2026-03-02: 3/22 is a Sunday → Monday 3/23
    assert due_date_for(TimeLimitRule("event", "x", 20, "calendar"), D("2026-03-02")) == (
        D("2026-03-23"),
        False,
    )
    assert due_date_for(
        TimeLimitRule("periodic", period="quarterly", due_day=15), D("2026-11-03")
    ) == (
        D("2027-01-15"),  # a Friday; 2027 has no official schedule yet, so an estimate
        True,
    )
    # the day after December: 2027-01-01 is 元旦, 1/2–1/3 a weekend → Monday 1/4 (estimated)
    assert due_date_for(TimeLimitRule("periodic", period="monthly"), D("2026-12-31")) == (
        D("2027-01-04"),
        True,
    )
    # 每月 due day 10: 2026-10-10 is a 调休 Saturday, a working day, so it stays
    assert due_date_for(
        TimeLimitRule("periodic", period="monthly", due_day=10), D("2026-09-15")
    ) == (D("2026-10-10"), False)
    due, estimate = due_date_for(TimeLimitRule("text"), D("2026-12-20"))
    assert estimate and due == D("2027-01-18")
