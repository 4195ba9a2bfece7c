#!/usr/bin/env python
"""办件 benchmark: a million cases with five nodes each, the public case query over them, and
the 中间库 connector's ingest rate.

    .venv/bin/python bench/cases_bench.py [--cases 1000000] [--queries 500] [--ingest 40000]
    .venv/bin/python bench/cases_bench.py --middle postgresql   # the 中间库 on PostgreSQL
    .venv/bin/python bench/cases_bench.py --middle mysql        # … or on MariaDB
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench .venv/bin/python bench/cases_bench.py

1. Fills the platform with N cases of 50 services and 5 nodes each (受理 → 审查 → 决定 → 办结 →
   送达; a fifth still open), written straight into the tables in bulk — what years of
   connector runs would leave behind, without waiting for them.
2. Times Q public case queries at random: the number and 查询码 checked (``case_find``), then
   the case read with its service, department and node timeline (``case_public_get``), the
   two selectors behind /banjian/ — and, for scale, the whole rendered page through Django's
   test client. Reports median and p95.
3. Writes a 中间库 (SQLite file by default; --middle postgresql or mysql for a server) in the
   standard layout with M new cases of 5 nodes each, points a source at it and runs
   ``source_pull`` — the real connector: keyset reads in batches, ``cases_ingest`` upserts
   into the million-case tables, position committed per batch — and reports node events per
   second (the time includes reading and ingesting the case rows too).

Targets (issue 14): case query p95 ≤ 20 ms; the connector ingests ≥ 2,000 node events per
second. Figures go to docs/benchmarks.md (by hand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _django import setup  # noqa: E402  (the path above makes it importable)

NODES = [
    ("受理", "受理"),
    ("审查", "科室审查"),
    ("决定", "作出决定"),
    ("办结", "办结"),
    ("送达", "送达"),
]
TZ = dt.UTC


def _code(i: int) -> str:
    return f"Q{i * 7919 % 1_000_003:06d}"


def build(n_cases: int) -> tuple[object, list[str]]:
    """N cases × 5 nodes straight into the tables; returns the organisation and the numbers."""
    from django.db import connection, transaction

    from gongkai.accounts.models import Organisation, OrgKind, OrgLevel
    from gongkai.catalog.models import ServiceItem
    from gongkai.services import rules
    from gongkai.services.models import Case, CaseNode, Service

    numbers = [f"BJ{i:09d}" for i in range(n_cases)]
    org = Organisation.objects.filter(name="基准测试行政审批局").first()
    if org is not None and Case.objects.count() >= n_cases:
        print(f"reusing {Case.objects.count():,} cases")
        _analyze()
        return org, numbers
    gov = Organisation.objects.create(
        name="基准测试县人民政府", kind=OrgKind.GOVERNMENT, level=OrgLevel.COUNTY
    )
    org = Organisation.objects.create(
        name="基准测试行政审批局", kind=OrgKind.DEPARTMENT, level=OrgLevel.COUNTY, parent=gov
    )
    services = []
    for s in range(50):
        item = ServiceItem.objects.create(
            organisation=org,
            code=f"BENCH-{s:03d}",
            name=f"基准测试服务{s}",
            promised_time_limit="5个工作日",
        )
        services.append(Service.objects.create(code=item.code, service_item=item))

    case_cols = [
        "number", "organisation_id", "item_code", "item_name", "service_id", "applicant_name",
        "applicant_is_company", "applicant_id_digest", "applicant_phone_digest",
        "query_code_digest", "received_at", "promised_due", "statutory_due", "status",
        "finished_at", "finished_on_time", "result", "decision_no", "complete",
        "source_changed_at", "updated_at",
    ]  # fmt: skip
    node_cols = [
        "case_id",
        "key",
        "kind",
        "name",
        "occurred_at",
        "office",
        "note",
        "due",
        "on_time",
    ]
    qn = connection.ops.quote_name
    case_sql = (
        f"INSERT INTO {qn(Case._meta.db_table)} ({', '.join(qn(c) for c in case_cols)}) "
        f"VALUES ({', '.join(['%s'] * len(case_cols))})"
    )
    node_sql = (
        f"INSERT INTO {qn(CaseNode._meta.db_table)} ({', '.join(qn(c) for c in node_cols)}) "
        f"VALUES ({', '.join(['%s'] * len(node_cols))})"
    )
    start = dt.datetime(2024, 1, 2, 9, tzinfo=TZ)
    now = dt.datetime.now(TZ)
    chunk = 20_000
    first_id = 1 + (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
    t0 = time.perf_counter()
    for lo in range(0, n_cases, chunk):
        cases, nodes = [], []
        for i in range(lo, min(lo + chunk, n_cases)):
            svc = services[i % 50]
            received = start + dt.timedelta(minutes=i)
            open_ = i % 5 == 0
            steps = 3 if open_ else 5
            done = received + dt.timedelta(days=4, hours=2)
            cases.append(
                (
                    numbers[i], org.pk, svc.code, svc.service_item.name, svc.pk,
                    "张三", False, rules.digest("id", f"3206{i:014d}"),
                    rules.digest("phone", f"139{i:08d}"),
                    rules.digest(f"code:{numbers[i]}", _code(i)), received,
                    (received + dt.timedelta(days=7)).date(),
                    (received + dt.timedelta(days=28)).date(),
                    "open" if open_ else "done", None if open_ else done,
                    None if open_ else True, "" if open_ else "已办结", "", True,
                    received, now,
                )
            )  # fmt: skip
            case_id = first_id + i
            for k, (kind, name) in enumerate(NODES[:steps]):
                nodes.append(
                    (
                        case_id, f"{numbers[i]}-{k}", _kind(kind), name,
                        received + dt.timedelta(days=k, hours=1), "审批服务科", "", None, True,
                    )
                )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(case_sql, cases)
            cur.executemany(node_sql, nodes)
        if lo and lo % 200_000 == 0:
            print(f"  {lo:,} cases written ({time.perf_counter() - t0:.0f} s)")
    _analyze()
    got = Case.objects.filter(number=numbers[0]).values_list("pk", flat=True).first()
    assert got == first_id, "case ids were not assigned in order; rebuild on an empty database"
    print(
        f"built {n_cases:,} cases, {CaseNode.objects.count():,} nodes in {time.perf_counter() - t0:.1f} s"
    )
    return org, numbers


def _analyze() -> None:
    """Planner statistics, as a live database has them from autovacuum after years of use."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE services_case; ANALYZE services_casenode")
        elif connection.vendor == "sqlite":
            cur.execute("ANALYZE")


def _kind(label: str) -> str:
    from gongkai.services.rules import node_kind

    return str(node_kind(label))


def time_queries(numbers: list[str], n_queries: int) -> None:
    from django.test import Client

    from gongkai.services import selectors

    rng = random.Random(7)
    picks = [rng.randrange(len(numbers)) for _ in range(n_queries)]
    for i in picks[:20]:  # warm the caches the way a running server has them warm
        selectors.case_find(number=numbers[i], code=_code(i))
    times = []
    for i in picks:
        t = time.perf_counter()
        case = selectors.case_find(number=numbers[i], code=_code(i))
        assert case is not None, numbers[i]
        full = selectors.case_public_get(pk=case.pk)
        assert full is not None and len(full.nodes.all()) in (3, 5)
        times.append((time.perf_counter() - t) * 1000)
    wrong = selectors.case_find(number=numbers[picks[0]], code="WRONG1")
    assert wrong is None, "a wrong 查询码 must find nothing"
    _report("case query (case_find + case_public_get)", times)

    client = Client()
    page = []
    for n, i in enumerate(picks[:200]):
        # a fresh address each time: the lookup's rate limit is per client address
        t = time.perf_counter()
        resp = client.post(
            "/banjian/",
            {"number": numbers[i], "code": _code(i)},
            REMOTE_ADDR=f"10.{n // 250}.{n % 250}.1",
        )
        if resp.status_code == 302:
            resp = client.get(resp["Location"], REMOTE_ADDR=f"10.{n // 250}.{n % 250}.1")
        assert resp.status_code == 200, resp.status_code
        page.append((time.perf_counter() - t) * 1000)
    _report("the whole /banjian/ query and page (test client)", page)


def _report(label: str, times: list[float]) -> None:
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label}: n={len(times)} median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms")


# the 中间库 -----------------------------------------------------------------------------------
def middle_write(kind: str, m_cases: int, work: Path) -> tuple[str, str]:
    """A middle database in the standard layout (gk_case, gk_case_node) with M new cases."""
    case_ddl = (
        "CREATE TABLE gk_case (number VARCHAR(40) PRIMARY KEY, item_code VARCHAR(40), "
        "item_name VARCHAR(200), applicant_name VARCHAR(100), applicant_is_company VARCHAR(8), "
        "applicant_id VARCHAR(40), applicant_phone VARCHAR(40), query_code VARCHAR(40), "
        "received_at VARCHAR(32), promised_due VARCHAR(16), statutory_due VARCHAR(16), "
        "result VARCHAR(300), decision_no VARCHAR(80), changed_at VARCHAR(32) NOT NULL)"
    )
    node_ddl = (
        'CREATE TABLE gk_case_node ("key" VARCHAR(64) PRIMARY KEY, case_number VARCHAR(40), '
        "name VARCHAR(40), occurred_at VARCHAR(32), office VARCHAR(100), note VARCHAR(300), "
        '"due" VARCHAR(16), changed_at VARCHAR(32) NOT NULL)'
    )
    if kind == "sqlite":
        path = work / "cases_bench_middle.sqlite3"
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        dsn, param = f"sqlite:///{path}", "?"
    elif kind == "postgresql":
        import psycopg

        admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
        admin.execute("DROP DATABASE IF EXISTS gongkai_bench_middle")
        admin.execute("CREATE DATABASE gongkai_bench_middle")
        admin.close()
        dsn = "postgresql://postgres@127.0.0.1:5432/gongkai_bench_middle"
        conn, param = psycopg.connect(dsn), "%s"
    else:
        import pymysql

        admin = pymysql.connect(host="127.0.0.1", user="root", password="")
        with admin.cursor() as cur:
            cur.execute("DROP DATABASE IF EXISTS gongkai_bench_middle")
            cur.execute("CREATE DATABASE gongkai_bench_middle CHARACTER SET utf8mb4")
        admin.close()
        dsn = "mysql://root@127.0.0.1:3306/gongkai_bench_middle"
        conn = pymysql.connect(
            host="127.0.0.1", user="root", password="", database="gongkai_bench_middle",
            charset="utf8mb4",
        )  # fmt: skip
        param = "%s"
        node_ddl = node_ddl.replace('"', "`")
    cur = conn.cursor()
    cur.execute(case_ddl)
    cur.execute(node_ddl)
    # a department system writes local wall-clock times as text, as the demo's does
    base = dt.datetime(2026, 11, 2, 9)  # noqa: DTZ001
    cases, nodes = [], []
    for i in range(m_cases):
        number = f"MID{i:09d}"
        received = base + dt.timedelta(seconds=i * 7)
        cases.append(
            (
                number, f"BENCH-{i % 50:03d}", f"基准测试服务{i % 50}", "李四", "自然人",
                f"3206{i:014d}", f"138{i:08d}", _code(i), received.isoformat(sep=" "),
                "", "", "已办结", "", received.isoformat(sep=" "),
            )
        )  # fmt: skip
        for k, (_, name) in enumerate(NODES):
            at = (received + dt.timedelta(hours=k)).isoformat(sep=" ")
            nodes.append((f"{number}-{k}", number, name, at, "审批服务科", "", "", at))
    # a department's change view is indexed on its change time and key, as the connector's
    # keyset reads need (docs/services.md#connector)
    q = "`" if kind == "mysql" else '"'
    cur.execute("CREATE INDEX gk_case_changed ON gk_case (changed_at, number)")
    cur.execute(f"CREATE INDEX gk_node_changed ON gk_case_node (changed_at, {q}key{q})")
    p = param
    cur.executemany(f"INSERT INTO gk_case VALUES ({', '.join([p] * 14)})", cases)
    cur.executemany(f"INSERT INTO gk_case_node VALUES ({', '.join([p] * 8)})", nodes)
    conn.commit()
    # planner statistics, as a department's live database has them
    if kind == "postgresql":
        cur.execute("ANALYZE gk_case")
        cur.execute("ANALYZE gk_case_node")
    elif kind == "mysql":
        cur.execute("ANALYZE TABLE gk_case, gk_case_node")
        cur.fetchall()
    else:
        cur.execute("ANALYZE")
    conn.commit()
    conn.close()
    return kind, dsn


def time_ingest(org: object, engine: str, dsn: str, m_cases: int) -> None:
    from gongkai.services.connector import source_pull
    from gongkai.services.models import Case, CaseSource

    CaseSource.objects.filter(code="bench-middle").delete()
    Case.objects.filter(number__startswith="MID").delete()  # a kept database's earlier run
    source = CaseSource.objects.create(
        code="bench-middle", name="基准测试审批系统", organisation=org, engine=engine, dsn=dsn
    )
    before = Case.objects.count()
    t = time.perf_counter()
    run = source_pull(source_id=source.pk)
    took = time.perf_counter() - t
    assert run.status == "ok", run.error
    assert run.nodes == m_cases * 5 and run.cases == m_cases, (run.cases, run.nodes)
    assert Case.objects.count() == before + m_cases
    print(
        f"connector ({engine}): {run.cases:,} cases + {run.nodes:,} node events in {took:.1f} s "
        f"= {run.nodes / took:,.0f} node events/s"
    )
    t = time.perf_counter()
    again = source_pull(source_id=source.pk)
    print(
        f"  a second run finds nothing new: {again.nodes} nodes in {time.perf_counter() - t:.2f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--ingest", type=int, default=40_000, help="new cases in the 中间库")
    ap.add_argument("--middle", choices=["sqlite", "postgresql", "mysql"], default="sqlite")
    ap.add_argument("--keep", action="store_true", help="reuse the benchmark database")
    args = ap.parse_args()
    work = ROOT / "var"
    work.mkdir(exist_ok=True)
    setup(work / "cases_bench.sqlite3", args.keep)
    from django.conf import settings

    print(f"database: {settings.DATABASES['default']['ENGINE']}, middle: {args.middle}")
    org, numbers = build(args.cases)
    time_queries(numbers, args.queries)
    engine, dsn = middle_write(args.middle, args.ingest, work)
    time_ingest(org, engine, dsn, args.ingest)


if __name__ == "__main__":
    main()
