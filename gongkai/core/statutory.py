"""Statutory public holidays of 《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01).

Used only for years whose official schedule (国务院办公厅 notice) is not in the holiday table yet:
the festivals themselves are fixed by 第二条, only the 调休 arrangement is unknown, so results
built on these dates are marked as an estimate (估算). See docs/law-clock.md and cn-rules §5.1.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from lunardate import LunarDate


def qingming(year: int) -> dt.date:
    """Date of the 清明 solar term (21st-century formula: [Y*D + C] - [Y/4], C = 4.81)."""
    if not 2001 <= year <= 2099:
        raise ValueError("清明 estimate is only defined for 2001–2099")
    y = year % 100
    return dt.date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def _lunar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """Every day off for all citizens in ``year``: the 13 days of 放假办法 第二条 plus the
    weekday make-up days of 第六条 for those that fall on a weekend."""
    spring = _lunar(year, 1, 1)
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    # 春节: 农历除夕、正月初一至初三 (除夕 is the day before 正月初一)
    for offset in range(-1, 3):
        days[spring + dt.timedelta(days=offset)] = "春节"
    days[qingming(year)] = "清明节"
    days[dt.date(year, 5, 1)] = "劳动节"
    days[dt.date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    # 正月初一 always falls between 21 January and 20 February, so 除夕 stays in `year`.
    return _with_weekend_substitution(days)


def _with_weekend_substitution(festivals: dict[dt.date, str]) -> dict[dt.date, str]:
    """放假办法 第六条: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假".

    Each festival day on a Saturday or Sunday gives one day off on the first following
    weekday that is not already a day off (2027 国庆: 10/1 Fri, 10/2 Sat, 10/3 Sun → 10/4 and
    10/5 off). The real notice may arrange it otherwise; that is why the result is an estimate.
    """
    days = dict(festivals)
    for day, name in sorted(festivals.items()):
        if day.weekday() < 5:
            continue
        candidate = day + dt.timedelta(days=1)
        while candidate.weekday() >= 5 or candidate in days:
            candidate += dt.timedelta(days=1)
        days[candidate] = f"{name}补假"
    return days
