#!/usr/bin/env python
"""Deadline recompute benchmark (law clock): 1,000,000 open deadlines.

    .venv/bin/python bench/deadline_bench.py [--deadlines 1000000] [--keep]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench .venv/bin/python bench/deadline_bench.py

1. Builds a database with N open deadlines as a county or city would have them: start dates
   over the last 60 days; rules 20, 7 and 15 working days, 20 日 and quarterly (5 kinds);
   a fifth of them are 依申请公开 reply clocks whose applications mirror the date.
2. Times the nightly recompute on that consistent database (must change nothing).
3. Adds a day off on the next working day, inside every running window (a revised State
   Council notice: the worst case), and times the
   recompute that moves the affected deadlines, refreshes the applications' reply_due and
   writes one audit event per moved deadline; then removes it again and times that.
4. Checks the result against a straight per-row computation on a sample.

Target: ≤ 30 s for 1,000,000 open deadlines. Figures go to docs/benchmarks.md (by hand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _django import setup  # noqa: E402  (the path above makes it importable)


def build(n: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from gongkai.accounts.models import Organisation, OrgKind, OrgLevel
    from gongkai.core.clock import ClockRule, rule_due
    from gongkai.core.models import Deadline
    from gongkai.core.workdays import HolidayCalendar
    from gongkai.foi.models import Application, Status

    if Deadline.objects.filter(status="open").count() >= n:
        print(f"reusing {n:,} deadlines")
        return
    org = Organisation.objects.filter(kind=OrgKind.DEPARTMENT).first()
    if org is None:
        gov = Organisation.objects.create(
            name="基准测试市人民政府", kind=OrgKind.GOVERNMENT, level=OrgLevel.COUNTY
        )
        org = Organisation.objects.create(
            name="基准测试局", kind=OrgKind.DEPARTMENT, level=OrgLevel.COUNTY, parent=gov
        )
    today = timezone.localdate()
    calendar = HolidayCalendar()
    rules = [
        ("foi.reply", ClockRule.working_days(20)),
        ("foi.correction_notice", ClockRule.working_days(7)),
        ("foi.consultation", ClockRule.working_days(15)),
        ("publishing.proactive", ClockRule.calendar_days(20)),
        ("publishing.proactive", ClockRule.periodic("quarterly", 15)),
    ]
    due_cache: dict[tuple[dt.date, str], tuple[dt.date, bool]] = {}
    rng = random.Random(8)
    app_ct = ContentType.objects.get_for_model(Application)
    org_ct = ContentType.objects.get_for_model(Organisation)
    started = time.perf_counter()
    batch = 20_000
    made = 0
    while made < n:
        size = min(batch, n - made)
        with transaction.atomic():
            batch_rows = []
            for i in range(made, made + size):
                kind, rule = rules[i % len(rules)]
                start = today - dt.timedelta(days=rng.randrange(60))
                key = (start, rule.encode())
                if key not in due_cache:
                    due_cache[key] = rule_due(start, rule, calendar=calendar)
                batch_rows.append((i, kind, key, *due_cache[key]))
            apps = Application.objects.bulk_create(
                [
                    Application(
                        receipt_no=f"B{i:012d}",
                        query_code_hash="-",
                        organisation=org,
                        applicant_kind="person",
                        name="基准",
                        phone="13900000000",
                        description="基准测试",
                        delivery="email",
                        channel="online",
                        submitted_on=today,
                        status=Status.PROCESSING,
                        applicant_key="bench",
                        clock_start=key[0],
                        reply_due=due,
                        due_is_estimate=est,
                    )
                    for i, kind, key, due, est in batch_rows
                    if kind == "foi.reply"
                ],
                batch_size=2000,
            )
            app_iter = iter(apps)
            rows = []
            for _i, kind, key, due, est in batch_rows:
                if kind == "foi.reply":
                    ct, oid = app_ct, str(next(app_iter).pk)
                else:
                    ct, oid = org_ct, str(org.pk)
                rows.append(
                    Deadline(
                        content_type=ct,
                        object_id=oid,
                        organisation=org,
                        kind=kind,
                        label=f"基准 {kind}",
                        start_date=key[0],
                        rule=key[1],
                        due_date=due,
                        is_estimate=est,
                    )
                )
            Deadline.objects.bulk_create(rows, batch_size=2000)
        made += size
        print(f"\r  built {made:,} deadlines", end="", flush=True)
    print(f"\nbuilt {n:,} open deadlines in {time.perf_counter() - started:.0f} s")


def timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    took = time.perf_counter() - started
    print(f"{label}: {took:.1f} s ({result:,} deadlines moved)")
    return took


def holiday(day: dt.date, add: bool) -> None:
    """Add or remove one day off, written straight to the table (the recompute is timed apart)."""
    from gongkai.core.models import HolidayDay, HolidayYear

    year, _ = HolidayYear.objects.get_or_create(
        year=day.year, defaults={"source_notice": "基准测试"}
    )
    if add:
        HolidayDay.objects.create(year=year, date=day, kind="holiday", name="基准假日")
    else:
        HolidayDay.objects.filter(date=day).delete()


def check_sample() -> None:
    from gongkai.core.clock import ClockRule, rule_due
    from gongkai.core.models import Deadline
    from gongkai.foi.models import Application

    for d in Deadline.objects.filter(status="open").order_by("?")[:200]:
        assert (d.due_date, d.is_estimate) == rule_due(d.start_date, ClockRule.decode(d.rule))
        if d.kind == "foi.reply":
            assert Application.objects.get(pk=int(d.object_id)).reply_due == d.due_date
    print("sample of 200 checked against a per-row computation: ok")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="reuse the database of a previous run")
    args = parser.parse_args()
    setup(ROOT / "var" / "bench-deadlines.sqlite3", args.keep)
    from django.db import connection
    from django.utils import timezone

    from gongkai.core.deadlines import deadlines_recompute_open
    from gongkai.core.workdays import is_working_day

    print(f"database: {connection.vendor}")
    build(args.deadlines)
    noop = timed(
        "nightly recompute, consistent database",
        lambda: deadlines_recompute_open(reason="基准：每日核对"),
    )
    # the next working day falls inside every window that is still running: the worst case
    day = timezone.localdate() + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    holiday(day, add=True)
    moved = timed(
        f"recompute after adding a day off on {day}",
        lambda: deadlines_recompute_open(reason="基准：节假日变更"),
    )
    holiday(day, add=False)
    back = timed(
        "recompute after removing it again",
        lambda: deadlines_recompute_open(reason="基准：节假日变更"),
    )
    check_sample()
    worst = max(noop, moved, back)
    print(f"worst: {worst:.1f} s for {args.deadlines:,} open deadlines (target ≤ 30 s)")


if __name__ == "__main__":
    main()
