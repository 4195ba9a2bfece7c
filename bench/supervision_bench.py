#!/usr/bin/env python
"""Supervision benchmark: the compliance scan, the annual report of a whole government and the
scorecards of all its organisations, on 100,000 依申请公开 applications and 1,000,000
obligations (deadlines).

    .venv/bin/python bench/supervision_bench.py [--applications 100000] [--deadlines 1000000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench .venv/bin/python bench/supervision_bench.py

1. Builds a government with 40 departments and 20 towns; N applications spread over two
   years and the 7 applicant columns, three in four decided with one of the 21 outcome rows
   (a fifth of those late, some across the year end), the rest still open; 1% challenged;
   M obligations over the same two years (9 in 10 a record's 主动公开 clock, 1 in 10 a
   catalog item's period; met, late, open or overdue).
2. Times `compliance_scan` of all organisations (every obligation grouped by organisation and
   state, the overdue ones listed, every completeness check), `annual_tables` for the
   government (tables 二 三 四 and every check, all its organisations added up) for last year,
   and `scorecards` for all organisations for it.
3. Checks that the scan counted every obligation, that table 三 balances and that its 总计 of
   一 equals the applications received.

Targets (issue 12): full compliance scan ≤ 10 s, annual report of a whole government ≤ 5 s,
scorecards for all organisations ≤ 2 s. Figures go to docs/benchmarks.md (by hand).
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


def build(n_apps: int, n_deadlines: int, year: int) -> object:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from gongkai.accounts.models import Organisation, OrgKind, OrgLevel
    from gongkai.core.models import Deadline
    from gongkai.foi.law import OUTCOMES
    from gongkai.foi.models import Application, Challenge, Status

    gov = Organisation.objects.filter(name="基准测试市人民政府").first()
    if gov is not None and Application.objects.count() >= n_apps:
        print(f"reusing {Application.objects.count():,} applications")
        return gov
    gov = Organisation.objects.create(
        name="基准测试市人民政府", kind=OrgKind.GOVERNMENT, level=OrgLevel.COUNTY
    )
    orgs = [
        Organisation.objects.create(
            name=f"基准测试{'局' if i < 40 else '镇'}{i}",
            kind=OrgKind.DEPARTMENT if i < 40 else OrgKind.TOWNSHIP,
            level=OrgLevel.COUNTY if i < 40 else OrgLevel.TOWNSHIP,
            parent=gov,
        )
        for i in range(60)
    ]
    rng = random.Random(12)
    cats = ["business", "research", "nonprofit", "legal", "other"]
    codes = [o.code for o in OUTCOMES]
    first = dt.date(year - 1, 1, 1)
    started = time.perf_counter()
    for offset in range(0, n_apps, 20_000):
        rows = []
        for i in range(offset, min(offset + 20_000, n_apps)):
            received = first + dt.timedelta(days=rng.randrange(730))
            decided = rng.random() < 0.75
            replied = received + dt.timedelta(days=rng.randrange(5, 40)) if decided else None
            person = rng.random() < 0.7
            rows.append(
                Application(
                    receipt_no=f"S{i:012d}",
                    query_code_hash="-",
                    organisation=orgs[i % len(orgs)],
                    applicant_kind="person" if person else "organisation",
                    org_category="" if person else rng.choice(cats),
                    name="基准",
                    phone="13900000000",
                    description="基准测试",
                    delivery="email",
                    channel="online",
                    submitted_on=received,
                    received_on=received,
                    reply_due=received + dt.timedelta(days=28),
                    status=Status.REPLIED if decided else Status.PROCESSING,
                    outcome=rng.choice(codes) if decided else "",
                    replied_on=replied,
                    applicant_key="bench",
                )
            )
        with transaction.atomic():
            made = Application.objects.bulk_create(rows, batch_size=2000)
            Challenge.objects.bulk_create(
                [
                    Challenge(
                        application=a,
                        kind=rng.choice(["review", "direct", "after_review"]),
                        filed_on=a.replied_on + dt.timedelta(days=30),
                        result=rng.choice(["maintained", "corrected", "other", "pending"]),
                        decided_on=a.replied_on + dt.timedelta(days=90),
                    )
                    for a in made
                    if a.replied_on and rng.random() < 0.01
                ],
                batch_size=2000,
            )
    print(f"built {n_apps:,} applications in {time.perf_counter() - started:.1f} s")
    ct = ContentType.objects.get_for_model(Organisation)
    started = time.perf_counter()
    statuses = ["met", "met", "met", "late", "open"]
    for offset in range(0, n_deadlines, 50_000):
        rows = []
        for i in range(offset, min(offset + 50_000, n_deadlines)):
            due = first + dt.timedelta(days=rng.randrange(730))
            status = rng.choice(statuses)
            closed = None if status == "open" else due + dt.timedelta(days=rng.randrange(-10, 10))
            rows.append(
                Deadline(
                    content_type=ct,
                    object_id=str(i),
                    organisation=orgs[i % len(orgs)],
                    kind="supervision.period" if i % 10 == 0 else "publishing.proactive",
                    label="基准",
                    start_date=due - dt.timedelta(days=20),
                    rule="wd:15",
                    due_date=due,
                    status=status,
                    closed_on=closed,
                )
            )
        with transaction.atomic():
            Deadline.objects.bulk_create(rows, batch_size=5000)
    print(f"built {n_deadlines:,} deadlines in {time.perf_counter() - started:.1f} s")
    return gov


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="reuse the database of a last run")
    args = parser.parse_args()
    setup(ROOT / "var" / "supervision-bench.sqlite3", args.keep)
    from django.db import connection

    year = 2025
    gov = build(args.applications, args.deadlines, year)
    from gongkai.foi.models import Application
    from gongkai.supervision.annual import annual_tables
    from gongkai.supervision.scoring import scorecards

    print(f"database: {connection.vendor}")
    from gongkai.accounts.models import Organisation
    from gongkai.supervision.obligations import compliance_scan

    t = time.perf_counter()
    scan = compliance_scan(organisation_ids=list(Organisation.objects.values_list("pk", flat=True)))
    scan_s = time.perf_counter() - t
    counted = sum(scan["totals"].values())
    assert counted == args.deadlines, (counted, args.deadlines)
    print(
        f"compliance scan of {counted:,} obligations ({scan['overdue']['count']:,} overdue, "
        f"{len(scan['checks'])} checks): {scan_s:.2f} s (target ≤ 10 s)"
    )
    t = time.perf_counter()
    tables = annual_tables(gov, year)
    report_s = time.perf_counter() - t
    three = tables["table_three"]
    received = Application.objects.filter(received_on__year=year).count()
    assert three["new_row"][-1] == received, (three["new_row"], received)
    assert not tables["checks"], tables["checks"][:3]
    print(
        f"annual report of the whole government ({len(three['rows'])} outcome rows, "
        f"{received:,} received, {three['carried_in_row'][-1]:,} carried in): {report_s:.2f} s"
        f" (target ≤ 5 s)"
    )
    t = time.perf_counter()
    cards = scorecards(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    score_s = time.perf_counter() - t
    print(f"scorecards for {len(cards['rows'])} organisations: {score_s:.2f} s (target ≤ 2 s)")
    ok = scan_s <= 10 and report_s <= 5 and score_s <= 2
    print("targets met" if ok else "TARGET MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
