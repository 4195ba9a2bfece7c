"""Periods counted in 日: 《民法典》第二百零一条 (the first day is the day after) and
第二百零三条 (a last day that is a 法定休假日 moves to the day after the holiday ends).

Every expected date below was counted by hand on the 2026 calendar of 国办发明电〔2025〕7号
(春节 2/15–2/23 off, 2/14 Saturday worked; 中秋 9/25–9/27 and 国庆 10/1–10/7 off,
10/10 Saturday worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.clock import ClockRule, rule_due
from gongkai.core.workdays import add_calendar_days

D = dt.date.fromisoformat

CASES = [
    # start, days, due, why
    ("2026-11-05", 15, "2026-11-20", "11/20 is a Friday: no move"),
    ("2026-11-06", 15, "2026-11-23", "11/21 is a Saturday: Sat and Sun off, Monday 11/23"),
    ("2026-09-16", 15, "2026-10-08", "10/1 falls in 国庆 10/1–10/7: Thursday 10/8"),
    ("2026-09-25", 15, "2026-10-10", "10/10 is a Saturday worked (调休): it stays"),
    ("2026-01-31", 15, "2026-02-24", "2/15 begins 春节 2/15–2/23: Tuesday 2/24"),
    ("2026-09-16", 60, "2026-11-16", "9/17..9/30 is 14, 10/1..10/31 is 45, 11/15 a Sunday"),
    ("2026-09-01", 30, "2026-10-08", "10/1 is 国庆: a 30-day consultation runs to 10/8"),
    ("2026-03-02", 30, "2026-04-01", "4/1 is a Wednesday: no move"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "days", "due", "why"), CASES)
def test_article_203_moves_a_last_day_off_to_the_next_working_day(
    start: str, days: int, due: str, why: str
) -> None:
    result = add_calendar_days(D(start), days)
    assert result.due == D(due), why
    assert not result.is_estimate
    # the same rule through the clock every deadline uses (ClockRule "cd:N")
    assert rule_due(D(start), ClockRule.calendar_days(days)) == (D(due), False)


@pytest.mark.django_db
def test_the_days_it_moved_over_are_named() -> None:
    result = add_calendar_days(D("2026-09-16"), 15)
    assert [d.date for d in result.skipped] == [D("2026-10-01") + dt.timedelta(i) for i in range(7)]
    assert {d.reason for d in result.skipped} == {"国庆节"}


@pytest.mark.django_db
def test_a_working_last_day_is_not_moved_even_on_a_weekend_worked() -> None:
    # 2/14/2026 is a Saturday worked before 春节: a period ending that day ends that day.
    assert add_calendar_days(D("2026-01-30"), 15).due == D("2026-02-14")
