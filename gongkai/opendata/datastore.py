"""The datastore 数据存储: each tabular resource version as a table of its own on the main
database (``ods_<version id>``), with typed columns and an index per column, queried with
filters, full-text, field selection, sort and paging, and streamed out as CSV or JSON
without holding the table in memory (docs/opendata.md#datastore).

Why the main database: the embedded default (SQLite) needs no other server, production's
PostgreSQL gets the same tables (loaded with COPY), backups and isolation come for free, and
a table per version is what CKAN's DataStore does too. Columns are ``c0…cN`` in SQL; the
field ids users see are the file's own headers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from gongkai.opendata.rules import FieldType, Format

MAX_COLUMNS = 200
INDEXED_COLUMNS = 30  # an index per column up to this many (sort and filter stay fast)
BATCH = 10_000
MAX_LIMIT = 32_000  # CKAN's datastore_search limit
MAX_CELL = 10_000  # characters kept of one cell
INT_RE = re.compile(r"^-?\d{1,18}$")
NUM_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SQL_TYPES = {
    "sqlite": {"int": "INTEGER", "numeric": "REAL", "date": "TEXT", "text": "TEXT"},
    "postgresql": {
        "int": "BIGINT",
        "numeric": "DOUBLE PRECISION",
        "date": "DATE",
        "text": "TEXT",
    },
}


class DatastoreError(ValidationError):
    """A file or a query the datastore cannot take, in words for the user."""


# reading files ------------------------------------------------------------------------------
def _text_stream(raw: IO[bytes]) -> IO[str]:
    """UTF-8 (with or without BOM), else GB18030 — what Chinese offices' Excel writes."""
    raw.seek(0)
    head = raw.read(64 * 1024)
    raw.seek(0)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return io.TextIOWrapper(raw, encoding=encoding, newline="")  # type: ignore[arg-type]
    raise DatastoreError("文件编码无法识别，请另存为UTF-8编码的CSV")


def read_table(raw: IO[bytes], fmt: str) -> tuple[list[str], Iterator[list[str]]]:
    """(headers, rows as lists of text) of a CSV, XLSX or JSON (a list of objects) file."""
    if fmt == Format.CSV:
        reader = csv.reader(_text_stream(raw))
        try:
            headers = next(reader)
        except StopIteration:
            raise DatastoreError("CSV文件没有内容") from None
        return _headers(headers), (list(r) for r in reader if any(c.strip() for c in r))
    if fmt == Format.XLSX:
        from openpyxl import load_workbook

        raw.seek(0)
        try:
            wb = load_workbook(raw, read_only=True, data_only=True)
        except Exception as exc:  # a broken or encrypted workbook
            raise DatastoreError("无法读取该Excel文件，请检查文件是否损坏或加密") from exc
        rows = wb.active.iter_rows(values_only=True)
        try:
            headers = [_cell(c) for c in next(rows)]
        except StopIteration:
            raise DatastoreError("Excel工作表没有内容") from None
        width = len(headers)
        return _headers(headers), (
            [_cell(c) for c in r[:width]] for r in rows if any(c is not None for c in r)
        )
    if fmt == Format.JSON:
        raw.seek(0)
        try:
            data = json.load(codecs.getreader("utf-8-sig")(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            raise DatastoreError("JSON文件格式不正确") from exc
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise DatastoreError('JSON文件应为对象数组，如 [{"名称": "…"}]')
        headers = list(dict.fromkeys(k for r in data for k in r))
        return _headers(headers), ([_cell(r.get(h)) for h in headers] for r in data)
    raise DatastoreError("只有CSV、XLSX和JSON文件可以入库查询")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _headers(raw: list[Any]) -> list[str]:
    out: list[str] = []
    for n, h in enumerate(raw, start=1):
        name = str(h or "").strip()[:100] or f"字段{n}"
        while name in out or name == "_id":
            name = f"{name}_{n}"
        out.append(name)
    if not out:
        raise DatastoreError("文件没有表头")
    if len(out) > MAX_COLUMNS:
        raise DatastoreError(f"字段数不能超过{MAX_COLUMNS}个")
    return out


# types --------------------------------------------------------------------------------------
def _fits(kind: str, value: str) -> bool:
    if value == "":
        return True
    if kind == FieldType.INTEGER:
        return bool(INT_RE.match(value))
    if kind == FieldType.NUMBER:
        return bool(NUM_RE.match(value))
    if kind == FieldType.DATE:
        if not DATE_RE.match(value):
            return False
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return True


NARROWER = {  # what a column falls back to when a value does not fit
    FieldType.INTEGER: FieldType.NUMBER,
    FieldType.NUMBER: FieldType.TEXT,
    FieldType.DATE: FieldType.TEXT,
}


def infer_types(headers: list[str], rows: Iterator[list[str]]) -> tuple[list[str], int]:
    """The narrowest type every value of each column fits (over all rows, so no value is
    lost when loading), and the number of rows."""
    kinds: list[str | None] = [None] * len(headers)
    count = 0
    for row in rows:
        count += 1
        for i in range(len(headers)):
            value = row[i].strip() if i < len(row) else ""
            if value == "":
                continue
            kind = kinds[i]
            if kind is None:
                for candidate in (FieldType.INTEGER, FieldType.NUMBER, FieldType.DATE):
                    if _fits(candidate, value):
                        kind = candidate
                        break
                else:
                    kind = FieldType.TEXT
            while kind != FieldType.TEXT and not _fits(kind, value):
                kind = NARROWER.get(kind, FieldType.TEXT)
            kinds[i] = kind
    return [k or FieldType.TEXT for k in kinds], count


def _convert(kind: str, value: str) -> Any:
    value = value.strip()
    if value == "":
        return None
    if kind == FieldType.INTEGER:
        return int(value)
    if kind == FieldType.NUMBER:
        return float(value)
    if kind == FieldType.DATE and connection.vendor == "postgresql":
        return dt.date.fromisoformat(value)
    return value[:MAX_CELL]


# loading ------------------------------------------------------------------------------------
def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _sql_type(kind: str) -> str:
    return SQL_TYPES.get(connection.vendor, SQL_TYPES["postgresql"])[kind]


def table_for(version_id: int) -> str:
    return f"ods_{version_id}"


def drop(table: str) -> None:
    if table:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {_q(table)}")


def load(
    *, version_id: int, opener: Any, fmt: str, types: dict[str, str] | None = None
) -> dict[str, Any]:
    """Read the file twice (types, then rows) and load it into a fresh table; returns
    ``{"table", "rows", "fields"}``. ``types`` (field id → type) overrides what was inferred;
    a value that does not fit an overridden type refuses the load, naming the row."""
    with opener() as raw:
        headers, rows = read_table(raw, fmt)
        inferred, count = infer_types(headers, rows)
    kinds = list(inferred)
    for i, h in enumerate(headers):
        wanted = (types or {}).get(h)
        if wanted and wanted in FieldType.values:
            kinds[i] = wanted
    table = table_for(version_id)
    cols = [f"c{i}" for i in range(len(headers))]
    with transaction.atomic():
        drop(table)
        with connection.cursor() as cur:
            spec = ", ".join(f"{_q(c)} {_sql_type(k)}" for c, k in zip(cols, kinds, strict=True))
            cur.execute(f"CREATE TABLE {_q(table)} (_id INTEGER PRIMARY KEY, {spec})")
            with opener() as raw:
                _h, rows = read_table(raw, fmt)
                _insert(cur, table, cols, kinds, rows)
            for c in cols[:INDEXED_COLUMNS]:
                cur.execute(f"CREATE INDEX {_q(f'{table}_{c}')} ON {_q(table)} ({_q(c)})")
    fields = [{"id": h, "type": k} for h, k in zip(headers, kinds, strict=True)]
    return {"table": table, "rows": count, "fields": fields}


def _insert(cur: Any, table: str, cols: list[str], kinds: list[str], rows: Any) -> None:
    names = ", ".join(["_id", *(_q(c) for c in cols)])
    width = len(cols)

    def typed() -> Iterator[list[Any]]:
        for n, row in enumerate(rows, start=1):
            cells = (row + [""] * width)[:width]
            try:
                yield [n, *(_convert(k, v) for k, v in zip(kinds, cells, strict=True))]
            except ValueError:
                bad = next(
                    i
                    for i, (k, v) in enumerate(zip(kinds, cells, strict=True))
                    if not _fits(k, v.strip())
                )
                raise DatastoreError(
                    f"第{n}行的值“{cells[bad][:30]}”不是{FieldType(kinds[bad]).label}，"
                    "请改为文本类型或修正数据"
                ) from None

    if connection.vendor == "postgresql":
        with cur.cursor.copy(f"COPY {_q(table)} ({names}) FROM STDIN") as copy:
            for record in typed():
                copy.write_row(record)
        return
    marks = ", ".join(["%s"] * (width + 1))
    sql = f"INSERT INTO {_q(table)} ({names}) VALUES ({marks})"
    batch: list[list[Any]] = []
    for record in typed():
        batch.append(record)
        if len(batch) >= BATCH:
            cur.executemany(sql, batch)
            batch = []
    if batch:
        cur.executemany(sql, batch)


# querying -----------------------------------------------------------------------------------
def _columns(fields: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """field id → (SQL column, type)."""
    return {f["id"]: (f"c{i}", f["type"]) for i, f in enumerate(fields)}


def _where(
    fields: list[dict[str, Any]], filters: dict[str, Any] | None, q: str
) -> tuple[str, list[Any]]:
    cols = _columns(fields)
    clauses: list[str] = []
    params: list[Any] = []
    for key, value in (filters or {}).items():
        if key == "_id":
            column, kind = "_id", FieldType.INTEGER
        elif key in cols:
            column, kind = cols[key]
        else:
            raise DatastoreError(f"没有字段“{str(key)[:50]}”")
        values = value if isinstance(value, list) else [value]
        if not values or len(values) > 100:
            raise DatastoreError(f"字段“{key}”的筛选值应为1至100个")
        converted = []
        for v in values:
            text = "" if v is None else str(v)
            if not _fits(kind, text.strip()):
                raise DatastoreError(f"字段“{key}”的筛选值“{text[:30]}”不是{FieldType(kind).label}")
            converted.append(_convert(kind, text) if text.strip() else None)
        marks = ", ".join(["%s"] * len(converted))
        clauses.append(f"{_q(column)} IN ({marks})")
        params += converted
    if q:
        text_cols = [c for c, k in cols.values() if k == FieldType.TEXT]
        if not text_cols:
            clauses.append("1 = 0")
        for word in q.split()[:10]:
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(" + " OR ".join(f"{_q(c)} LIKE %s ESCAPE '\\'" for c in text_cols) + ")"
            )
            params += [like] * len(text_cols)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order(fields: list[dict[str, Any]], sort: str) -> str:
    """CKAN's ``sort``: "field", "field desc", several joined by commas."""
    cols = _columns(fields)
    parts = []
    for item in [s.strip() for s in (sort or "").split(",") if s.strip()][:5]:
        name, _sp, direction = item.rpartition(" ")
        if not name or direction.lower() not in ("asc", "desc"):
            name, direction = item, "asc"
        name = name.strip().strip('"')
        if name == "_id":
            column = "_id"
        elif name in cols:
            column = cols[name][0]
        else:
            raise DatastoreError(f"不能按“{name[:50]}”排序：没有该字段")
        parts.append(f"{_q(column)} {direction.upper()}")
    parts.append("_id ASC")  # a stable order for paging
    return " ORDER BY " + ", ".join(parts)


def _select(fields: list[dict[str, Any]], wanted: list[str] | None) -> list[tuple[str, str]]:
    """(field id, SQL column) of the fields to return, _id first."""
    cols = _columns(fields)
    names = wanted or ["_id", *cols]
    out = []
    for name in names:
        if name == "_id":
            out.append(("_id", "_id"))
        elif name in cols:
            out.append((name, cols[name][0]))
        else:
            raise DatastoreError(f"没有字段“{str(name)[:50]}”")
    return out


def _value(kind: str, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def search(
    *,
    table: str,
    fields: list[dict[str, Any]],
    filters: dict[str, Any] | None = None,
    q: str = "",
    fields_wanted: list[str] | None = None,
    sort: str = "",
    limit: int = 100,
    offset: int = 0,
    include_total: bool = True,
) -> dict[str, Any]:
    """One page of rows as dicts, with the fields (``_id`` first) and the total."""
    if not 0 <= limit <= MAX_LIMIT:
        raise DatastoreError(f"每页条数应为0至{MAX_LIMIT}")
    if offset < 0:
        raise DatastoreError("起始位置不能为负数")
    where, params = _where(fields, filters, q)
    chosen = _select(fields, fields_wanted)
    kinds = {f["id"]: f["type"] for f in fields} | {"_id": FieldType.INTEGER}
    records: list[dict[str, Any]] = []
    total = None
    with connection.cursor() as cur:
        if limit:
            cols_sql = ", ".join(_q(c) for _n, c in chosen)
            order = _order(fields, sort)
            cur.execute(
                f"SELECT {cols_sql} FROM {_q(table)}{where}{order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            for row in cur.fetchall():
                records.append(
                    {n: _value(kinds[n], v) for (n, _c), v in zip(chosen, row, strict=True)}
                )
        if include_total:
            cur.execute(f"SELECT COUNT(*) FROM {_q(table)}{where}", params)
            total = cur.fetchone()[0]
    return {
        "fields": [{"id": n, "type": kinds[n]} for n, _c in chosen],
        "records": records,
        "total": total,
        "limit": limit,
        "offset": offset,
    }


def stream_rows(
    *,
    table: str,
    fields: list[dict[str, Any]],
    filters: dict[str, Any] | None = None,
    q: str = "",
    sort: str = "",
) -> Iterator[list[Any]]:
    """Every matching row, fetched in batches (constant memory): on PostgreSQL through a
    server-side cursor (Django's chunked cursor, WITH HOLD outside a transaction): a plain
    one would hold the whole result in memory."""
    where, params = _where(fields, filters, q)
    chosen = _select(fields, [f["id"] for f in fields])
    kinds = [f["type"] for f in fields]
    cols_sql = ", ".join(_q(c) for _n, c in chosen)
    with connection.chunked_cursor() as cur:
        cur.execute(f"SELECT {cols_sql} FROM {_q(table)}{where}{_order(fields, sort)}", params)
        while True:
            batch = cur.fetchmany(2000)
            if not batch:
                return
            for row in batch:
                yield [_value(k, v) for k, v in zip(kinds, row, strict=True)]


def csv_chunks(headers: list[str], rows: Iterator[list[Any]]) -> Iterator[str]:
    """CSV text (with a BOM, so Excel opens it as UTF-8) in chunks of about 64 KB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(headers: list[str], rows: Iterator[list[Any]]) -> Iterator[str]:
    """A JSON array of objects, written as it is read."""
    yield "["
    first = True
    for row in rows:
        yield ("" if first else ",") + json.dumps(
            dict(zip(headers, row, strict=True)), ensure_ascii=False
        )
        first = False
    yield "]"
