"""The 中间库 connector against real middle databases: SQLite, the machine's PostgreSQL and
MariaDB (each skipped, with the reason, only when its server is absent). Each source uses its
own column names through the mapping, as a department's system would."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.services import connector
from gongkai.services.choices import CaseStatus, RunStatus
from gongkai.services.models import Case, CaseNode
from gongkai.services.tests.helpers import service_for, source_make

pytestmark = pytest.mark.django_db(transaction=False)

MAPPING = {
    "cases": {
        "table": "v_banjian",
        "changed": "gxsj",
        "key": "bjbh",
        "columns": {
            "number": "bjbh",
            "item_code": "sxbm",
            "applicant_name": "sqr",
            "applicant_id": "sfzh",
            "applicant_phone": "lxdh",
            "query_code": "cxm",
            "received_at": "slsj",
            "result": "bjjg",
        },
    },
    "nodes": {
        "table": "v_banjian_hj",
        "changed": "gxsj",
        "key": "hjid",
        "columns": {
            "key": "hjid",
            "case_number": "bjbh",
            "name": "hjmc",
            "occurred_at": "blsj",
            "office": "blcs",
        },
    },
}
# Middle databases keep naive local (Asia/Shanghai) times, as 中间库 usually do.
T0 = dt.datetime(2026, 9, 28, 9, 0)  # noqa: DTZ001


class Middle:
    """A middle database of one engine: its DSN, DDL and a way to run SQL in it."""

    engine: str
    dsn: str
    p: str = "%s"
    ts: str = "timestamp"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        raise NotImplementedError

    def create(self) -> None:
        self.execute(
            f"CREATE TABLE v_banjian (bjbh varchar(40) PRIMARY KEY, sxbm varchar(40), "
            f"sqr varchar(100), sfzh varchar(40), lxdh varchar(40), cxm varchar(20), "
            f"slsj {self.ts}, bjjg varchar(300), gxsj {self.ts} NOT NULL)"
        )
        self.execute(
            f"CREATE TABLE v_banjian_hj (hjid integer PRIMARY KEY, bjbh varchar(40), "
            f"hjmc varchar(40), blsj {self.ts}, blcs varchar(100), gxsj {self.ts} NOT NULL)"
        )

    def add_case(self, number: str, code: str, changed: dt.datetime, result: str = "") -> None:
        p = self.p
        self.execute(
            f"INSERT INTO v_banjian VALUES ({', '.join([p] * 9)})",
            (
                number,
                code,
                "王小明",
                "320682199201012345",
                "13900000001",
                "QC" + number[-4:],
                T0,
                result,
                changed,
            ),
        )

    def add_node(self, key: int, number: str, name: str, at: dt.datetime) -> None:
        p = self.p
        self.execute(
            f"INSERT INTO v_banjian_hj VALUES ({', '.join([p] * 6)})",
            (key, number, name, at, "审批科", at),
        )


class SqliteMiddle(Middle):
    engine, p, ts = "sqlite", "?", "text"

    def __init__(self, path: str) -> None:
        self.path = path
        self.dsn = f"sqlite:///{path}"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with sqlite3.connect(self.path) as conn:
            conn.execute(
                sql,
                tuple(v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v for v in params),
            )


class PostgresMiddle(Middle):
    engine = "postgresql"

    def __init__(self) -> None:
        import psycopg

        self.name = f"gk_mid_{secrets.token_hex(4)}"
        try:
            with psycopg.connect(
                "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
            ) as c:
                c.execute(f'CREATE DATABASE "{self.name}"')
        except psycopg.OperationalError as exc:
            pytest.skip(f"PostgreSQL 不可用（127.0.0.1:5432）：{exc}")
        self.dsn = f"postgresql://postgres@127.0.0.1:5432/{self.name}"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as c:
            c.execute(sql, params)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class MariaMiddle(Middle):
    engine, ts = "mysql", "datetime(6)"

    def __init__(self) -> None:
        import pymysql

        self.name = f"gk_mid_{secrets.token_hex(4)}"
        try:
            conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", connect_timeout=3)
        except pymysql.err.OperationalError as exc:
            pytest.skip(f"MariaDB 不可用（127.0.0.1:3306）：{exc}")
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4")
        conn.close()
        self.dsn = f"mysql://root@127.0.0.1:3306/{self.name}"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        import pymysql

        conn = pymysql.connect(
            host="127.0.0.1",
            port=3306,
            user="root",
            database=self.name,
            autocommit=True,
            charset="utf8mb4",
        )
        try:
            with conn.cursor() as cur:
                cur.execute(sql, params)
        finally:
            conn.close()

    def drop(self) -> None:
        import pymysql

        conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", autocommit=True)
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        conn.close()


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def middle(request, tmp_path) -> Iterator[Middle]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        db: Middle = SqliteMiddle(str(tmp_path / "middle.sqlite3"))
    elif request.param == "postgresql":
        db = PostgresMiddle()
    else:
        db = MariaMiddle()
    db.create()
    yield db
    if hasattr(db, "drop"):
        db.drop()  # type: ignore[attr-defined]


def test_pull_resume_and_changed_row(world, middle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    service = service_for(world.permit_power)
    source = source_make(world.planning, engine=middle.engine, dsn=middle.dsn, mapping=MAPPING)
    for i in range(1, 6):
        middle.add_case(f"RG-{i:04d}", service.code, T0 + dt.timedelta(minutes=i))
        middle.add_node(i * 10 + 1, f"RG-{i:04d}", "窗口受理", T0 + dt.timedelta(minutes=i))
    middle.add_node(12, "RG-0001", "办结", T0 + dt.timedelta(days=2))

    # batches of two; the second batch of cases fails once: the first has landed with its place
    monkeypatch.setattr(connector, "BATCH", 2)
    real = connector.cases_ingest
    calls = {"n": 0}

    def flaky(**kwargs: Any):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("中间库网络中断")
        return real(**kwargs)

    monkeypatch.setattr(connector, "cases_ingest", flaky)
    failed = connector.source_pull(source_id=source.pk)
    assert failed.status == RunStatus.FAILED and "中间库网络中断" in failed.error
    assert Case.objects.filter(source=source).count() == 2
    source.refresh_from_db()
    assert source.failures == 1 and "中间库网络中断" in source.last_error

    monkeypatch.setattr(connector, "cases_ingest", real)
    resumed = connector.source_pull(source_id=source.pk)
    assert resumed.status == RunStatus.OK, resumed.error
    assert resumed.cases == 3  # only what the failed run had not landed
    assert resumed.nodes == 6
    assert Case.objects.filter(source=source).count() == 5
    assert CaseNode.objects.filter(case__source=source).count() == 6
    first = Case.objects.get(number="RG-0001")
    assert first.status == CaseStatus.DONE and first.finished_on_time is True
    assert first.promised_due == dt.date(2026, 10, 10)
    source.refresh_from_db()
    assert source.failures == 0 and source.pending_rows == 0 and source.lag_seconds == 0

    # nothing new: nothing read; a changed row: read again and updated in place
    assert connector.source_pull(source_id=source.pk).cases == 0
    middle.execute(
        f"UPDATE v_banjian SET bjjg = {middle.p}, gxsj = {middle.p} WHERE bjbh = {middle.p}",
        ("准予许可", T0 + dt.timedelta(days=3), "RG-0003"),
    )
    changed = connector.source_pull(source_id=source.pk)
    assert changed.cases == 1
    assert Case.objects.get(number="RG-0003").result == "准予许可"
    assert Case.objects.filter(source=source).count() == 5

    # read again from the start: idempotent
    connector.source_reset(actor=world.planning_editor, source=source)
    again = connector.source_pull(source_id=source.pk)
    assert again.status == RunStatus.OK and again.cases == 5
    assert CaseNode.objects.filter(case__source=source).count() == 6


def test_a_source_that_is_down_is_recorded_without_its_password(world) -> None:  # type: ignore[no-untyped-def]
    source = source_make(
        world.planning,
        code="down",
        engine="postgresql",
        dsn="postgresql://u:Secret123@127.0.0.1:1/none",
        mapping=MAPPING,
    )
    run = connector.source_pull(source_id=source.pk)
    assert run.status == RunStatus.FAILED
    assert "Secret123" not in run.error
    source.refresh_from_db()
    assert source.failures == 1 and "Secret123" not in source.last_error


def test_mappings_are_checked() -> None:
    with pytest.raises(connector.MappingError, match="只能由字母"):
        connector.mapping_check({"cases": {"table": "t; DROP TABLE x"}})
    with pytest.raises(connector.MappingError, match="未知字段"):
        connector.mapping_check({"cases": {"columns": {"number": "a", "nope": "b"}}})
    with pytest.raises(connector.MappingError, match="缺少必需字段"):
        connector.mapping_check({"nodes": {"columns": {"key": "k"}}})
    assert connector.mapping_check({})["cases"]["table"] == "gk_case"
