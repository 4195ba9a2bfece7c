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
# The clock is defined where the holiday table or the statutory estimator can answer:
# 放假办法 festivals need the lunar calendar and the 21st-century 清明 formula (2001–2099).
CLOCK_MIN = dt.date(2001, 1, 1)
CLOCK_MAX = dt.date(2099, 12, 31)
RANGE_MESSAGE = "日期超出法定工作日时钟的计算范围（2001年1月1日至2099年12月31日）"


class ClockRangeError(ValueError):
    """A date outside CLOCK_MIN..CLOCK_MAX; the message is the Chinese one users see."""

    def __init__(self) -> None:
        super().__init__(RANGE_MESSAGE)


def check_clock_range(*dates: dt.date) -> None:
    for date in dates:
        if not CLOCK_MIN <= date <= CLOCK_MAX:
            raise ClockRangeError


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
        raise ValueError(f"工作日数应在0至{MAX_WORKING_DAYS}之间")
    check_clock_range(start)
    cal = calendar or HolidayCalendar()
    skipped: list[DayInfo] = []
    makeup: list[DayInfo] = []
    estimated: set[int] = set()
    current = start
    counted = 0
    while counted < n:
        current += dt.timedelta(days=1)
        check_clock_range(current)
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
    check_clock_range(start, end)
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


def add_calendar_days(
    start: dt.date, n: int, *, calendar: HolidayCalendar | None = None
) -> WorkdayResult:
    """A period of ``n`` 日 (calendar days): 《民法典》第二百零一条 and 第二百零三条.

    The first day is the day after ``start`` (第二百零一条 "开始的当日不计入"); when the last day
    is a 法定休假日 (a weekend or holiday day off), the period ends on the next working day
    (第二百零三条 "以法定休假日结束的次日为期间的最后一日"). cn-rules §1.8.
    """
    if n < 0 or n > MAX_WORKING_DAYS * 2:
        raise ValueError(f"天数应在0至{MAX_WORKING_DAYS * 2}之间")
    check_clock_range(start)
    cal = calendar or HolidayCalendar()
    due = start + dt.timedelta(days=n)
    return roll_to_working_day(due, start=start, n=n, calendar=cal)


def roll_to_working_day(
    due: dt.date, *, start: dt.date, n: int, calendar: HolidayCalendar
) -> WorkdayResult:
    """Move a last day that is a day off to the next working day (民法典 第二百零三条)."""
    skipped: list[DayInfo] = []
    estimated: set[int] = set()
    while True:
        check_clock_range(due)
        info = calendar.day(due)
        if info.estimated:
            estimated.add(due.year)
        if info.working:
            break
        skipped.append(info)
        due += dt.timedelta(days=1)
    return WorkdayResult(start, n, due, skipped, [], sorted(estimated))


def is_working_day(date: dt.date, *, calendar: HolidayCalendar | None = None) -> bool:
    return (calendar or HolidayCalendar()).day(date).working
