"""Clock rules 时限规则: the one place where a rule and a start date become a due date.

A rule is what a deadline is made of — "20 working days", "15 日", "quarterly, 15th day" or a
date fixed by an officer — encoded as a short string so that a ``core.Deadline`` row can
recompute itself in bulk without asking the app that opened it (docs/law-clock.md).

- ``wd:20``: 20 工作日 counted from the next day (条例 第二十六、三十、三十三条);
- ``cd:15``: 15 日, last day rolled to a working day (《民法典》第二百零一条、第二百零三条);
- ``period:quarterly:15``: the 15th day after the quarter ends (a catalog 公开时限);
- ``period:realtime``: the same day (实时公开);
- ``fixed``: the start date itself, a date set by an officer (e.g. a 补正 period).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from gongkai.core.workdays import (
    MAX_WORKING_DAYS,
    HolidayCalendar,
    add_calendar_days,
    add_working_days,
    check_clock_range,
    roll_to_working_day,
)

WORKING, CALENDAR, PERIOD, FIXED = "wd", "cd", "period", "fixed"
PERIODS = ("realtime", "monthly", "quarterly", "yearly")


@dataclass(frozen=True)
class ClockRule:
    unit: str
    days: int = 0
    period: str = ""
    due_day: int | None = None

    def __post_init__(self) -> None:
        if self.unit not in (WORKING, CALENDAR, PERIOD, FIXED):
            raise ValueError(f"unknown clock unit {self.unit!r}")
        if self.unit in (WORKING, CALENDAR) and not 0 <= self.days <= MAX_WORKING_DAYS:
            raise ValueError(f"天数应在0至{MAX_WORKING_DAYS}之间")
        if self.unit == PERIOD and self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}")

    # constructors that read like the law ------------------------------------------------
    @classmethod
    def working_days(cls, n: int) -> ClockRule:
        return cls(WORKING, days=n)

    @classmethod
    def calendar_days(cls, n: int) -> ClockRule:
        return cls(CALENDAR, days=n)

    @classmethod
    def periodic(cls, period: str, due_day: int | None = None) -> ClockRule:
        return cls(PERIOD, period=period, due_day=due_day)

    @classmethod
    def fixed(cls) -> ClockRule:
        return cls(FIXED)

    def encode(self) -> str:
        if self.unit in (WORKING, CALENDAR):
            return f"{self.unit}:{self.days}"
        if self.unit == PERIOD:
            return f"period:{self.period}" + (f":{self.due_day}" if self.due_day else "")
        return FIXED

    @classmethod
    def decode(cls, text: str) -> ClockRule:
        parts = text.split(":")
        if parts[0] in (WORKING, CALENDAR) and len(parts) == 2:
            return cls(parts[0], days=int(parts[1]))
        if parts[0] == PERIOD and len(parts) in (2, 3):
            return cls(PERIOD, period=parts[1], due_day=int(parts[2]) if len(parts) == 3 else None)
        if text == FIXED:
            return cls(FIXED)
        raise ValueError(f"unknown clock rule {text!r}")

    def describe(self) -> str:
        """Chinese wording for pages: "20个工作日", "15日", "每季度结束后15日内"."""
        if self.unit == WORKING:
            return f"{self.days}个工作日"
        if self.unit == CALENDAR:
            return f"{self.days}日"
        if self.unit == FIXED:
            return "指定日期"
        names = {"realtime": "实时", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}
        if self.period == "realtime":
            return "实时"
        return f"{names[self.period]}结束后{self.due_day or 1}日内"


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def period_end(period: str, event_date: dt.date) -> dt.date:
    """Last day of the month, quarter or year that ``event_date`` falls in."""
    if period == "monthly":
        return _add_months(event_date.replace(day=1), 1) - dt.timedelta(days=1)
    if period == "quarterly":
        start = event_date.replace(month=(event_date.month - 1) // 3 * 3 + 1, day=1)
        return _add_months(start, 3) - dt.timedelta(days=1)
    return dt.date(event_date.year, 12, 31)


def rule_due(
    start: dt.date, rule: ClockRule, *, calendar: HolidayCalendar | None = None
) -> tuple[dt.date, bool]:
    """(due date, is_estimate) of ``rule`` started on ``start``: the one computation."""
    cal = calendar or HolidayCalendar()
    if rule.unit == WORKING:
        result = add_working_days(start, rule.days, calendar=cal)
        return result.due, result.is_estimate
    if rule.unit == CALENDAR:
        result = add_calendar_days(start, rule.days, calendar=cal)
        return result.due, result.is_estimate
    if rule.unit == FIXED:
        check_clock_range(start)
        return start, False
    if rule.period == "realtime":
        check_clock_range(start)
        return start, False
    # "每季度结束后15日内": a period of N 日 after the period ends, so 民法典 第二百零三条 applies.
    end = period_end(rule.period, start)
    days = rule.due_day or 1
    result = roll_to_working_day(end + dt.timedelta(days=days), start=start, n=days, calendar=cal)
    return result.due, result.is_estimate
