"""Reading payment lists: every row checked, every problem named with its row, in Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.ledgers.imports import plan_rows, workbook_rows
from gongkai.ledgers.tests.helpers import HEADER, id_no, row, sheet

NAMES = ("高龄津贴", "gaoling")


def _plan(rows, header=None):  # type: ignore[no-untyped-def]
    return plan_rows(workbook_rows(sheet(rows, header)), programme_names=NAMES)


def test_a_clean_list_is_planned_by_period_with_totals() -> None:
    plan = _plan(
        [
            row("王建国", 1, 50, programme="高龄津贴"),
            row("李秀英", 2, "150.00"),
            [],  # a blank line between blocks
            row("张三", 3, 50, period="2026年10月", paid_on="2026年10月20日"),
        ]
    )
    assert plan.error_count == 0
    summary = plan.summary()
    assert summary["rows"] == 3 and summary["total"] == "250.00"
    assert summary["periods"] == [
        {"period": "2026年10月", "rows": 1, "total": "50.00"},
        {"period": "2026年9月", "rows": 2, "total": "200.00"},
    ]
    assert plan.rows[2].paid_on == dt.date(2026, 10, 20) and plan.rows[2].row_no == 5
    assert plan.rows[1].amount == Decimal("150.00")


def test_every_bad_row_is_named() -> None:
    bad_check = id_no(4)[:-1] + ("0" if id_no(4)[-1] != "0" else "1")
    plan = _plan(
        [
            row("王建国", 1, 0),
            row("李秀英", 2, "12.345"),
            row("", 3, 50),
            row("赵四", 4, 50, id_number=bad_check),
            row("钱五", 5, 50, paid_on="九月"),
            row("孙六", 6, 50, programme="耕地地力保护补贴"),
            row("周七", 7, 50),
            row("周七", 7, 60),
            row("吴八", 8, "abc"),
            row("郑九", 9, 2_000_000),
        ]
    )
    text = "\n".join(plan.errors)
    assert plan.error_count == 9 and len(plan.rows) == 1
    assert "第2行：金额应大于0" in text
    assert "第3行：金额最多保留两位小数" in text
    assert "第4行：姓名为空" in text
    assert "第5行：身份证号校验位不正确" in text
    assert "第6行：发放日期应为日期" in text
    assert "第7行：项目名称“耕地地力保护补贴”不是本项目" in text
    assert "第9行：与第8行重复（同一人同一期次）" in text
    assert "第10行：金额不是数字" in text
    assert "第11行：金额超过100万元" in text


def test_header_variants_and_missing_columns() -> None:
    variant = ["姓名", "公民身份号码", "发放金额", "期次", "村组"]
    plan = _plan([["王建国", id_no(1), 80, "2026年度", "桃园村"]], header=variant)
    assert plan.error_count == 0 and plan.rows[0].village == "桃园村"
    plan = _plan([["王建国", 80]], header=["姓名", "金额"])
    assert plan.errors == ["表头缺少：发放期次、身份证号（第1行应为表头）"]
    assert _plan([], header=HEADER).errors == ["表中没有发放记录"]


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese() -> None:
    with pytest.raises(ValidationError, match="Excel"):
        workbook_rows(b"name,id\n")
    with pytest.raises(ValidationError, match="有效的 Excel"):
        workbook_rows(b"PK\x03\x04 not really a zip")
