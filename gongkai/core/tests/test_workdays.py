"""The law clock against the vectors of cn-rules §5.2 and hand-checked cases."""

from __future__ import annotations

import datetime as dt

import pytest
from chinese_calendar import constants

from gongkai.core.statutory import qingming, statutory_holidays
from gongkai.core.workdays import add_working_days, is_working_day, working_days_between

D = dt.date.fromisoformat

# cn-rules §5.2: start → (+7 补正告知, +15 第三方/其他机关, +20 答复)
VECTORS = [
    ("2026-01-28", "2026-02-06", "2026-02-25", "2026-03-03"),
    ("2026-02-10", "2026-02-26", "2026-03-09", "2026-03-16"),
    ("2026-04-30", "2026-05-13", "2026-05-25", "2026-06-01"),
    ("2026-09-18", "2026-09-29", "2026-10-15", "2026-10-22"),
    ("2026-12-01", "2026-12-10", "2026-12-22", "2026-12-29"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "plus7", "plus15", "plus20"), VECTORS)
def test_cn_rules_vectors(start: str, plus7: str, plus15: str, plus20: str) -> None:
    for n, expected in ((7, plus7), (15, plus15), (20, plus20)):
        result = add_working_days(D(start), n)
        assert result.due == D(expected), (start, n)
        assert not result.is_estimate


@pytest.mark.django_db
def test_counting_starts_the_day_after_and_names_skipped_days() -> None:
    # 2026-02-10 (Tue) + 7: 2/11–2/13 count (3), 2/14 Saturday is a 调休 workday (4),
    # 2/15–2/23 春节 off, 2/24–2/26 count (5, 6, 7).
    result = add_working_days(D("2026-02-10"), 7)
    assert result.due == D("2026-02-26")
    assert [d.date for d in result.makeup_days] == [D("2026-02-14")]
    assert result.makeup_days[0].reason == "调休上班"
    festival = [d for d in result.skipped if d.reason == "春节"]
    assert [d.date for d in festival] == [D("2026-02-15") + dt.timedelta(days=i) for i in range(9)]
    assert not [d for d in result.skipped if d.reason == "周末"]


@pytest.mark.django_db
def test_friday_before_national_day() -> None:
    # Received Fri 2026-09-25 (中秋 starts that day): 9/26 Sat, 9/27 Sun off (中秋),
    # 9/28–9/30 count, 10/1–10/7 off, 10/8 Thu, 10/9 Fri, 10/10 Sat (调休) count.
    result = add_working_days(D("2026-09-25"), 6)
    assert result.due == D("2026-10-10")
    assert D("2026-10-10") in [d.date for d in result.makeup_days]


@pytest.mark.django_db
def test_zero_days_is_the_same_day_and_negative_is_refused() -> None:
    assert add_working_days(D("2026-03-03"), 0).due == D("2026-03-03")
    with pytest.raises(ValueError):
        add_working_days(D("2026-03-03"), -1)


@pytest.mark.django_db
def test_year_without_official_data_gives_a_flagged_estimate() -> None:
    # 2027 is not in the table yet: 元旦 (Fri 2027-01-01) is still a statutory day off.
    result = add_working_days(D("2026-12-20"), 20)
    assert result.is_estimate
    assert result.estimated_years == [2027]
    assert result.due == D("2027-01-18")
    new_year = [d for d in result.skipped if d.date == D("2027-01-01")]
    assert new_year and new_year[0].reason == "元旦" and new_year[0].estimated
    # Spring Festival 2027 (正月初一 = 2027-02-06): 除夕 to 初三 are off in the estimate.
    # 第六条: 2/6 (Sat) and 2/7 (Sun) are made up on Tue 2/9 and Wed 2/10.
    spring = add_working_days(D("2027-02-03"), 3)
    assert spring.due == D("2027-02-12")  # 2/4 Thu = 1, 2/5–2/10 off, 2/11 = 2, 2/12 = 3
    assert {d.reason for d in spring.skipped} >= {"春节", "春节补假"}


@pytest.mark.django_db
def test_weekend_festivals_are_made_up_on_the_following_working_days_article_6() -> None:
    """放假办法 第六条: 2027 国庆 10/1 Fri, 10/2 Sat, 10/3 Sun → 10/4 Mon and 10/5 Tue off."""
    days = statutory_holidays(2027)
    assert days[D("2027-10-04")] == "国庆节补假" and days[D("2027-10-05")] == "国庆节补假"
    assert D("2027-10-06") not in days
    # 9/30 Thu + 3 working days: 10/1–10/5 off (10/2, 10/3 weekend), 10/6 = 1, 10/7 = 2, 10/8 = 3
    result = add_working_days(D("2027-09-30"), 3)
    assert result.due == D("2027-10-08") and result.is_estimate
    assert [d.reason for d in result.skipped if d.date.day in (4, 5)] == ["国庆节补假"] * 2
    # 劳动节 2027: 5/1 Sat and 5/2 Sun → 5/3 Mon and 5/4 Tue
    assert days[D("2027-05-03")] == days[D("2027-05-04")] == "劳动节补假"
    # 13 statutory days plus the made-up ones: 春节 (2), 劳动节 (2), 国庆节 (2)
    assert len(days) == 13 + 6


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "2000-12-31"])
def test_dates_outside_the_clock_are_refused_in_chinese(start: str) -> None:
    from gongkai.core.workdays import ClockRangeError

    with pytest.raises(ClockRangeError, match="计算范围"):
        add_working_days(D(start), 1000)
    with pytest.raises(ClockRangeError):
        add_working_days(D("2099-12-01"), 100)  # runs past 2099


@pytest.mark.django_db
def test_working_days_between_for_remaining_and_overdue() -> None:
    assert working_days_between(D("2026-01-28"), D("2026-02-06")) == 7
    assert working_days_between(D("2026-02-06"), D("2026-01-28")) == -7
    assert working_days_between(D("2026-02-06"), D("2026-02-06")) == 0
    assert is_working_day(D("2026-02-14"))  # 调休 Saturday
    assert not is_working_day(D("2026-10-05"))


def test_statutory_estimator_matches_every_announced_year() -> None:
    """The lunar and solar-term rules reproduce the official festival days of 2008–2026."""
    official = constants.holidays
    for year in range(2008, 2027):
        for day, name in statutory_holidays(year).items():
            if name == "春节" and day == min(
                d for d, n in statutory_holidays(year).items() if n == "春节"
            ):
                continue  # 除夕 became a statutory day only with the 2024 revision
            if name == "劳动节" and day.day == 2 and year < 2025:
                continue  # 5月2日 became a statutory day only with the 2024 revision
            if (
                name == "春节"
                and year < 2014
                and day.weekday() >= 0
                and day == max(d for d, n in statutory_holidays(year).items() if n == "春节")
            ):
                continue  # before 2014 the days were 除夕–初二, not 初一–初三
            if day.weekday() >= 5:
                continue  # the package lists only the weekdays of some years' breaks
            if name.endswith("补假") and year < 2025:
                continue  # made-up days follow the 2024 festival list (除夕, 5月2日)
            assert day in official, (year, day, name)


def test_qingming_formula() -> None:
    assert qingming(2026) == D("2026-04-05")
    assert qingming(2024) == D("2024-04-04")
    assert qingming(2027) == D("2027-04-05")
    assert qingming(2028) == D("2028-04-04")
