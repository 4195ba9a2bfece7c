"""The datastore with hand-made tables: types inferred over every row (so nothing is lost),
CSV in UTF-8 and GB18030, XLSX and JSON, queries with filters, full text, fields, sort and
paging that match the rows loaded, Chinese errors for bad queries, streaming exports, and a
type override that refuses a value it cannot hold, naming the row."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook

from gongkai.opendata import datastore as ds

CSV = (
    "镇街,年份,补贴金额,发放日期,备注\n"
    "如城街道,2025,1200.5,2025-03-01,春耕\n"
    "白蒲镇,2025,800,2025-03-02,\n"
    "长江镇,2026,950,2026-01-15,含追加\n"
    "搬经镇,2026,1200.5,2026-02-01,春耕\n"
)


def _load(data: bytes, fmt: str = "CSV", vid: int = 9001, types=None):  # type: ignore[no-untyped-def]
    return ds.load(version_id=vid, opener=lambda: io.BytesIO(data), fmt=fmt, types=types)


@pytest.mark.django_db
def test_a_csv_loads_with_types_and_queries_match_the_rows() -> None:
    out = _load(CSV.encode("utf-8"))
    assert out["rows"] == 4
    assert [(f["id"], f["type"]) for f in out["fields"]] == [
        ("镇街", "text"),
        ("年份", "int"),
        ("补贴金额", "numeric"),
        ("发放日期", "date"),
        ("备注", "text"),
    ]
    fields = out["fields"]
    page = ds.search(table=out["table"], fields=fields, limit=0)
    assert page["total"] == 4 and page["records"] == []
    assert page["fields"][0]["id"] == "_id"
    only_2026 = ds.search(table=out["table"], fields=fields, filters={"年份": 2026})
    assert [r["镇街"] for r in only_2026["records"]] == ["长江镇", "搬经镇"]
    by_amount = ds.search(
        table=out["table"], fields=fields, sort="补贴金额 desc, 镇街 asc", fields_wanted=["镇街"]
    )
    assert [r["镇街"] for r in by_amount["records"]] == ["如城街道", "搬经镇", "长江镇", "白蒲镇"]
    assert set(by_amount["records"][0]) == {"镇街"}
    words = ds.search(table=out["table"], fields=fields, q="春耕")
    assert words["total"] == 2
    paged = ds.search(table=out["table"], fields=fields, sort="_id", limit=2, offset=2)
    assert [r["_id"] for r in paged["records"]] == [3, 4] and paged["total"] == 4
    assert by_amount["records"] and only_2026["records"][0]["发放日期"] == "2026-01-15"
    with pytest.raises(ds.DatastoreError, match="没有字段"):
        ds.search(table=out["table"], fields=fields, filters={"不存在": 1})
    with pytest.raises(ds.DatastoreError, match="不是整数"):
        ds.search(table=out["table"], fields=fields, filters={"年份": "二〇二五"})
    with pytest.raises(ds.DatastoreError, match="不能按"):
        ds.search(table=out["table"], fields=fields, sort="年份; drop table x")
    lines = "".join(
        ds.csv_chunks(
            [f["id"] for f in fields],
            ds.stream_rows(table=out["table"], fields=fields, filters={"备注": "春耕"}),
        )
    )
    assert lines.startswith("\ufeff镇街,年份") and lines.count("\n") == 3
    as_json = json.loads(
        "".join(
            ds.json_chunks(
                [f["id"] for f in fields], ds.stream_rows(table=out["table"], fields=fields)
            )
        )
    )
    assert as_json[1] == {
        "镇街": "白蒲镇",
        "年份": 2025,
        "补贴金额": 800.0,
        "发放日期": "2025-03-02",
        "备注": None,
    }
    ds.drop(out["table"])


@pytest.mark.django_db
def test_one_late_value_widens_the_column_instead_of_being_lost() -> None:
    rows = "编号,数量\n" + "".join(f"{i},{i}\n" for i in range(3000)) + "A-1,约5\n"
    out = _load(rows.encode("utf-8"), vid=9002)
    assert [f["type"] for f in out["fields"]] == ["text", "text"]
    last = ds.search(table=out["table"], fields=out["fields"], filters={"编号": "A-1"})
    assert last["records"][0]["数量"] == "约5"
    with pytest.raises(ds.DatastoreError, match="第3001行"):
        _load(rows.encode("utf-8"), vid=9003, types={"编号": "int"})
    ds.drop(out["table"])


@pytest.mark.django_db
def test_gb18030_csv_xlsx_and_json_load_too() -> None:
    out = _load(CSV.encode("gb18030"), vid=9004)
    assert out["rows"] == 4 and out["fields"][0]["id"] == "镇街"
    wb = Workbook()
    ws = wb.active
    ws.append(["事项", "件数"])
    ws.append(["行政许可", 12])
    ws.append(["行政处罚", 3.0])
    raw = io.BytesIO()
    wb.save(raw)
    xlsx = _load(raw.getvalue(), "XLSX", vid=9005)
    assert [f["type"] for f in xlsx["fields"]] == ["text", "int"] and xlsx["rows"] == 2
    data = json.dumps([{"名称": "甲", "值": 1}, {"名称": "乙", "值": 2.5, "说明": "新增"}]).encode()
    js = _load(data, "JSON", vid=9006)
    assert [f["id"] for f in js["fields"]] == ["名称", "值", "说明"] and js["rows"] == 2
    with pytest.raises(ds.DatastoreError, match="对象数组"):
        _load(b'{"a": 1}', "JSON", vid=9007)
    with pytest.raises(ds.DatastoreError, match="Excel"):
        _load(b"PK\x03\x04broken", "XLSX", vid=9008)
    for t in (out, xlsx, js):
        ds.drop(t["table"])
