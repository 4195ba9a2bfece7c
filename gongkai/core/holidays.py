"""Holiday table services: seed from ``chinese-calendar`` and edit by 系统管理员.

Every change recomputes open deadlines in a background job and is audited
(docs/law-clock.md; 放假办法 第二条, cn-rules §5).
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.jobs import enqueue_on_commit
from gongkai.core.models import DayKind, HolidayDay, HolidayYear

FESTIVAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def schedule_deadline_recompute(reason: str) -> None:
    from gongkai.core.tasks import recompute_open_deadlines

    enqueue_on_commit(recompute_open_deadlines, reason=reason)


@transaction.atomic
def holidays_seed_from_package(*, years: list[int] | None = None) -> list[int]:
    """Load every year ``chinese-calendar`` covers that the table does not have yet."""
    from chinese_calendar import constants

    by_year: dict[int, list[tuple[dt.date, str, str]]] = {}
    for day, name in constants.holidays.items():
        by_year.setdefault(day.year, []).append(
            (day, DayKind.HOLIDAY, FESTIVAL_NAMES.get(name, name))
        )
    for day, name in constants.workdays.items():
        by_year.setdefault(day.year, []).append(
            (day, DayKind.MAKEUP_WORKDAY, FESTIVAL_NAMES.get(name, name))
        )
    package = f"chinese-calendar {version('chinese-calendar')}"
    loaded: list[int] = []
    for year in sorted(by_year):
        if years is not None and year not in years:
            continue
        if HolidayYear.objects.filter(year=year).exists():
            continue
        hy = HolidayYear.objects.create(
            year=year,
            source_notice=f"国务院办公厅关于{year}年部分节假日安排的通知",
            note=f"由 {package} 导入",
        )
        HolidayDay.objects.bulk_create(
            HolidayDay(year=hy, date=d, kind=k, name=n) for d, k, n in sorted(by_year[year])
        )
        loaded.append(year)
    if loaded:
        audit_record(
            actor=None,
            action="holiday.seed",
            object_type="core.holidayyear",
            object_id=",".join(map(str, loaded)),
            object_repr=f"节假日 {loaded[0]}–{loaded[-1]}",
            new={"years": loaded, "source": package},
        )
        schedule_deadline_recompute(f"节假日数据导入：{loaded[0]}–{loaded[-1]}")
    return loaded


def parse_day_lines(year: int, text: str) -> list[tuple[dt.date, str, str]]:
    """Parse lines "2027-01-01 放假 元旦" / "2027-02-06 上班 春节" typed in from the notice."""
    kinds = {
        "放假": DayKind.HOLIDAY,
        "休": DayKind.HOLIDAY,
        "上班": DayKind.MAKEUP_WORKDAY,
        "班": DayKind.MAKEUP_WORKDAY,
    }
    days: list[tuple[dt.date, str, str]] = []
    errors: list[str] = []
    seen: set[dt.date] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3:
            errors.append(f"第{lineno}行：应为“日期 放假/上班 节日名称”三项，以空格分隔")
            continue
        try:
            day = dt.date.fromisoformat(parts[0])
        except ValueError:
            errors.append(f"第{lineno}行：日期“{parts[0]}”格式不正确，应为 YYYY-MM-DD")
            continue
        if day.year != year:
            errors.append(f"第{lineno}行：日期 {day} 不属于 {year} 年")
        if parts[1] not in kinds:
            errors.append(f"第{lineno}行：类型“{parts[1]}”无效，只能是“放假”或“上班”")
            continue
        if day in seen:
            errors.append(f"第{lineno}行：日期 {day} 重复")
        seen.add(day)
        if kinds[parts[1]] == DayKind.MAKEUP_WORKDAY and day.weekday() < 5:
            errors.append(f"第{lineno}行：{day} 是工作日，无需标为调休上班")
        days.append((day, kinds[parts[1]], parts[2][:40]))
    if errors:
        raise ValidationError(errors)
    if not days:
        raise ValidationError(["请至少填写一天的放假或调休安排"])
    return days


@transaction.atomic
def holiday_year_save(
    *,
    actor: Any,
    year: int,
    source_notice: str,
    days_text: str,
    source_url: str = "",
    published_on: dt.date | None = None,
) -> HolidayYear:
    """Create or replace one year's schedule from the State Council notice."""
    if not source_notice.strip():
        raise ValidationError({"source_notice": "请填写依据的国务院办公厅通知名称或文号"})
    days = parse_day_lines(year, days_text)
    hy = HolidayYear.objects.filter(year=year).first()
    old_days = []
    if hy is None:
        hy = HolidayYear(year=year)
    else:
        old_days = [f"{d.date} {d.get_kind_display()} {d.name}" for d in hy.days.all()]
    old_meta = {"source_notice": hy.source_notice, "source_url": hy.source_url}
    hy.source_notice = source_notice.strip()
    hy.source_url = source_url
    hy.published_on = published_on
    hy.full_clean()
    hy.save()
    hy.days.all().delete()
    HolidayDay.objects.bulk_create(HolidayDay(year=hy, date=d, kind=k, name=n) for d, k, n in days)
    new_days = [f"{d} {DayKind(k).label} {n}" for d, k, n in days]
    audit_record(
        actor=actor,
        action="holiday.year_save",
        obj=hy,
        old={**old_meta, "days": old_days} if old_days else {},
        new={"source_notice": hy.source_notice, "source_url": hy.source_url, "days": new_days},
    )
    schedule_deadline_recompute(f"{year}年节假日安排变更（{hy.source_notice}）")
    return hy
