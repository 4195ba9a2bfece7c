"""The working-day law clock 工作日计算 — the core of every statutory deadline.

Rules (docs/law-clock.md, cn-rules §1.1 and §5):
- 条例 第二十六、三十条、第三十三条 count their limits in 工作日.
- Counting starts on the day after the triggering date (practice: "自收到申请次日起算").
- A 调休 make-up weekend day is a working day; a 放假 weekday is not.
- For a year whose official schedule is not in the holiday table, the statutory festivals of
  放假办法 第二条 are still days off; only 调休 is unknown, so the result is an estimate (估算).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.core.statutory import statutory_holidays

WEEKEND = "周末"
MAX_WORKING_DAYS = 1000


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    working: bool
    reason: str  # 周末 / festival name / 调休上班 / "" for an ordinary working day
    estimated: bool


@dataclass(frozen=True)
class WorkdayResult:
    start: dt.date
    working_days: int
    due: dt.date
    skipped: list[DayInfo] = field(default_factory=list)
    makeup_days: list[DayInfo] = field(default_factory=list)
    estimated_years: list[int] = field(default_factory=list)

    @property
    def is_estimate(self) -> bool:
        return bool(self.estimated_years)


class HolidayCalendar:
    """Reads the project's holiday table one year at a time and caches it for its own life.

    Make one per computation (or per batch recomputation); it never goes stale for long.
    """

    def __init__(self) -> None:
        self._years: dict[int, dict[dt.date, tuple[str, str]] | None] = {}

    def _year(self, year: int) -> dict[dt.date, tuple[str, str]] | None:
        if year not in self._years:
            from gongkai.core.models import HolidayDay, HolidayYear

            if HolidayYear.objects.filter(year=year).exists():
                rows = HolidayDay.objects.filter(date__year=year).values_list(
                    "date", "kind", "name"
                )
                self._years[year] = {d: (kind, name) for d, kind, name in rows}
            else:
                self._years[year] = None
        return self._years[year]

    def has_official_data(self, year: int) -> bool:
        return self._year(year) is not None

    def day(self, date: dt.date) -> DayInfo:
        official = self._year(date.year)
        weekend = date.weekday() >= 5
        if official is not None:
            entry = official.get(date)
            if entry is not None:
                kind, name = entry
                if kind == "makeup":
                    return DayInfo(date, True, "调休上班", False)
                return DayInfo(date, False, name, False)
            return DayInfo(date, not weekend, WEEKEND if weekend else "", False)
        festival = statutory_holidays(date.year).get(date)
        if festival:
            return DayInfo(date, False, festival, True)
        return DayInfo(date, not weekend, WEEKEND if weekend else "", True)


def add_working_days(
    start: dt.date, n: int, *, calendar: HolidayCalendar | None = None
) -> WorkdayResult:
    """Due date of a limit of ``n`` working days triggered on ``start``.

    The day after ``start`` is the first day that can count (cn-rules §1.1). ``n == 0`` means
    "the same day" (当场答复).
    """
    if n < 0 or n > MAX_WORKING_DAYS:
        raise ValueError(f"working days must be between 0 and {MAX_WORKING_DAYS}")
    cal = calendar or HolidayCalendar()
    skipped: list[DayInfo] = []
    makeup: list[DayInfo] = []
    estimated: set[int] = set()
    current = start
    counted = 0
    while counted < n:
        current += dt.timedelta(days=1)
        info = cal.day(current)
        if info.estimated:
            estimated.add(current.year)
        if info.working:
            counted += 1
            if info.reason:
                makeup.append(info)
        else:
            skipped.append(info)
    return WorkdayResult(start, n, current, skipped, makeup, sorted(estimated))


def working_days_between(
    start: dt.date, end: dt.date, *, calendar: HolidayCalendar | None = None
) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start).

    Used for "剩余N个工作日" and "已超期N个工作日".
    """
    cal = calendar or HolidayCalendar()
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if cal.day(current).working:
            count += 1
    return sign * count


def is_working_day(date: dt.date, *, calendar: HolidayCalendar | None = None) -> bool:
    return (calendar or HolidayCalendar()).day(date).working
