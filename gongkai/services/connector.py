"""The 中间库 connector (docs/services.md#connector): reads a department system's middle-database
tables or views over SQL — PostgreSQL, MySQL/MariaDB or SQLite — incrementally by change time.

Each source has a column mapping (platform field → the source's column) for a cases table and
a nodes table. Rows are read in keyset order (change time, then key), one batch at a time; a
batch and the new position are committed together, so a run that fails resumes after the last
batch that landed, and reading the same rows again changes nothing (``ingest.cases_ingest`` is
idempotent). The source is opened read-only and only ever SELECTed from; table and column
names must be plain identifiers, and every value travels as a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.services.choices import RunStatus, SourceEngine
from gongkai.services.ingest import CASE_FIELDS, LABELS, NODE_FIELDS, IngestResult, cases_ingest
from gongkai.services.models import CaseSource, SourceRun

BATCH = 2000
PARTS = ("cases", "nodes")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")

# the layout of the standard views a department exposes; a source maps its own names over it
DEFAULT_MAPPING: dict[str, dict[str, Any]] = {
    "cases": {
        "table": "gk_case",
        "changed": "changed_at",
        "key": "number",
        "columns": {f: f for f in CASE_FIELDS if f != "changed_at"},
    },
    "nodes": {
        "table": "gk_case_node",
        "changed": "changed_at",
        "key": "key",
        "columns": {f: f for f in NODE_FIELDS},
    },
}


class MappingError(ValueError):
    pass


def mapping_check(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping, completed from the default and checked; MappingError (Chinese) if unusable."""
    if not isinstance(mapping, dict):
        raise MappingError("字段映射应为JSON对象")
    out: dict[str, Any] = {}
    for part, fields in (("cases", CASE_FIELDS), ("nodes", NODE_FIELDS)):
        given = mapping.get(part) or {}
        if not isinstance(given, dict):
            raise MappingError(f"{part} 应为JSON对象")
        spec = {**DEFAULT_MAPPING[part], **given}
        columns = given.get("columns", DEFAULT_MAPPING[part]["columns"])
        if not isinstance(columns, dict):
            raise MappingError(f"{part}.columns 应为JSON对象")
        unknown = set(columns) - set(fields)
        if unknown:
            raise MappingError(f"{part}.columns 含未知字段：{'、'.join(sorted(unknown))}")
        for name in [spec["table"], spec["changed"], spec["key"], *columns.values()]:
            if not isinstance(name, str) or not _IDENT.match(name):
                raise MappingError(f"表名或列名“{str(name)[:40]}”只能由字母、数字和下划线组成")
        required = ("number",) if part == "cases" else ("key", "case_number", "name", "occurred_at")
        missing = [LABELS[f] for f in required if f not in columns]
        if missing:
            raise MappingError(f"{part} 缺少必需字段的映射：{'、'.join(missing)}")
        out[part] = {**spec, "columns": dict(columns)}
    return out


def _quote(engine: str, name: str) -> str:
    q = "`" if engine == SourceEngine.MYSQL else '"'
    return ".".join(f"{q}{part}{q}" for part in name.split("."))


def _param(engine: str) -> str:
    return "?" if engine == SourceEngine.SQLITE else "%s"


@contextmanager
def source_connection(source: CaseSource) -> Iterator[Any]:
    """A read-only DB-API connection to the source's 中间库."""
    parts = urlsplit(source.dsn)
    if source.engine == SourceEngine.POSTGRESQL:
        import psycopg

        conn: Any = psycopg.connect(
            source.dsn, connect_timeout=5, options="-c statement_timeout=60000"
        )
        conn.read_only = True
    elif source.engine == SourceEngine.MYSQL:
        import pymysql

        conn = pymysql.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 3306,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            database=parts.path.lstrip("/"),
            charset="utf8mb4",
            connect_timeout=5,
            read_timeout=60,
        )
    elif source.engine == SourceEngine.SQLITE:
        path = source.dsn.removeprefix("sqlite:///")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    else:
        raise MappingError("未知的中间库类型")
    try:
        yield conn
    finally:
        conn.close()


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"t": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"t": "date", "v": value.isoformat()}
    if isinstance(value, Decimal):
        return {"t": "decimal", "v": str(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        kind, text = value.get("t"), value.get("v")
        if kind == "datetime":
            return dt.datetime.fromisoformat(text)
        if kind == "date":
            return dt.date.fromisoformat(text)
        if kind == "decimal":
            return Decimal(text)
    return value


def _select(engine: str, spec: dict[str, Any], position: dict[str, Any] | None) -> tuple[str, list]:
    cols = list(spec["columns"].items())
    changed, key = _quote(engine, spec["changed"]), _quote(engine, spec["key"])
    select = ", ".join(f"{_quote(engine, col)}" for _, col in cols)
    where, params = _after(engine, spec, position)
    sql = f"SELECT {select}, {changed}, {key} FROM {_quote(engine, spec['table'])}{where}"
    return sql + f" ORDER BY {changed}, {key} LIMIT {BATCH}", params


def _after(
    engine: str, spec: dict[str, Any], position: dict[str, Any] | None
) -> tuple[str, list[Any]]:
    """The keyset condition "after the position" (change time, then key), with its values."""
    if not position:
        return "", []
    changed, key = _quote(engine, spec["changed"]), _quote(engine, spec["key"])
    p = _param(engine)
    c, k = _decode(position["changed"]), _decode(position["key"])
    # written so that every engine can seek the (change time, key) index with the first term
    # instead of sorting what is left of the table on every batch
    return f" WHERE {changed} >= {p} AND ({changed} > {p} OR {key} > {p})", [c, c, k]


def _query(conn: Any, sql: str, params: list[Any], *, one: bool = False) -> Any:
    cur = conn.cursor()
    try:
        cur.execute(sql, params)
        return cur.fetchone() if one else cur.fetchall()
    finally:
        cur.close()


def _rows(conn: Any, engine: str, spec: dict[str, Any], position: dict[str, Any] | None):  # type: ignore[no-untyped-def]
    return _query(conn, *_select(engine, spec, position))


def _pending(conn: Any, engine: str, spec: dict[str, Any], position: dict[str, Any] | None):  # type: ignore[no-untyped-def]
    """(rows past the position, newest change time in the source)."""
    where, params = _after(engine, spec, position)
    changed = _quote(engine, spec["changed"])
    sql = f"SELECT COUNT(*), MAX({changed}) FROM {_quote(engine, spec['table'])}{where}"
    return _query(conn, sql, params, one=True)


def _safe_error(source: CaseSource, exc: BaseException) -> str:
    """The error for staff pages, without the connection's password."""
    text = f"{type(exc).__name__}: {exc}"
    password = urlsplit(source.dsn).password
    if password:
        text = text.replace(password, "***").replace(unquote(password), "***")
    return text[:1000]


def source_pull(*, source_id: int, max_batches: int | None = None) -> SourceRun:
    """One connector run over a source: every new or changed row since its position, cases
    first, in batches committed with their position. Never raises for the source's faults: the
    run records them and the next run resumes."""
    lock = f"services:pull:{source_id}"
    source = CaseSource.objects.get(pk=source_id)
    run = SourceRun.objects.create(source=source)
    if not cache.add(lock, run.pk, timeout=600):
        run.status, run.error = RunStatus.FAILED, "上一次同步仍在进行，本次跳过"
        run.finished_at = timezone.now()
        run.save()
        return run
    total = IngestResult()
    try:
        mapping = mapping_check(source.mapping or {})
        with source_connection(source) as conn:
            batches = 0
            for part in PARTS:
                spec = mapping[part]
                fields = list(spec["columns"])
                while max_batches is None or batches < max_batches:
                    position = (source.cursor or {}).get(part)
                    rows = _rows(conn, source.engine, spec, position)
                    if not rows:
                        break
                    dicts = [dict(zip(fields, r[: len(fields)], strict=True)) for r in rows]
                    if part == "cases":
                        for d, r in zip(dicts, rows, strict=True):
                            d["changed_at"] = r[len(fields)]
                    last = rows[-1]
                    with transaction.atomic():
                        got = cases_ingest(
                            source=source,
                            cases=dicts if part == "cases" else [],
                            nodes=dicts if part == "nodes" else [],
                        )
                        cursor = dict(source.cursor or {})
                        cursor[part] = {
                            "changed": _encode(last[len(fields)]),
                            "key": _encode(last[len(fields) + 1]),
                        }
                        source.cursor = cursor
                        CaseSource.objects.filter(pk=source.pk).update(cursor=cursor)
                    total.add(got)
                    batches += 1
                    if len(rows) < BATCH:
                        break
            pending, lag = 0, 0
            for part in PARTS:
                count, newest = _pending(
                    conn, source.engine, mapping[part], (source.cursor or {}).get(part)
                )
                pending += int(count or 0)
                position = (source.cursor or {}).get(part)
                if count and newest is not None and position:
                    seen = _decode(position["changed"])
                    try:
                        lag = max(lag, int((_aware(newest) - _aware(seen)).total_seconds()))
                    except (TypeError, ValueError):
                        lag = max(lag, 0)
        now = timezone.now()
        run.status = RunStatus.OK
        source.failures, source.last_error = 0, ""
        source.last_success_at = now
        source.pending_rows, source.lag_seconds = pending, lag
    except Exception as exc:  # the source's fault (down, wrong mapping, bad SQL): recorded
        run.status = RunStatus.FAILED
        run.error = _safe_error(source, exc)
        source.failures += 1
        source.last_error = run.error
    finally:
        cache.delete(lock)
    run.cases, run.nodes, run.skipped = total.cases, total.nodes, total.skipped
    if total.errors and not run.error:
        run.error = "\n".join(total.errors[:20])
    run.finished_at = timezone.now()
    run.save()
    source.last_run_at = run.finished_at
    CaseSource.objects.filter(pk=source.pk).update(
        last_run_at=source.last_run_at,
        last_success_at=source.last_success_at,
        last_error=source.last_error,
        failures=source.failures,
        pending_rows=source.pending_rows,
        lag_seconds=source.lag_seconds,
    )
    return run


def _aware(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def sources_pull_all(*, max_batches: int = 50) -> int:
    """Every active 中间库 source, one bounded run each (the scheduler calls this each minute)."""
    count = 0
    for source in CaseSource.objects.filter(is_active=True).exclude(dsn="").exclude(engine=""):
        source_pull(source_id=source.pk, max_batches=max_batches)
        count += 1
    return count


def source_reset(*, actor: Any, source: CaseSource, part: str = "") -> CaseSource:
    """Read the source again from the start (all parts, or one): safe, ingest is idempotent."""
    cursor = dict(source.cursor or {})
    for p in [part] if part else PARTS:
        cursor.pop(p, None)
    source.cursor = cursor
    source.save(update_fields=["cursor"])
    audit_record(actor=actor, action="services.source_reset", obj=source, note=part or "全部")
    return source
