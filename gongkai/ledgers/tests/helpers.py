"""The ledgers tests' own small cast: ID numbers with a right check digit, and sheets."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook

from gongkai.accounts.validators import id_check_char

HEADER = ["项目名称", "发放期次", "姓名", "身份证号", "村（社区）", "金额（元）", "发放日期"]


def id_no(seq: int, birth: str = "19500101") -> str:
    first17 = f"320682{birth}{seq:03d}"
    return first17 + id_check_char(first17)


def sheet(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header or HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row(name: str, seq: int, amount: Any = 100, period: str = "2026年9月", **kw: Any) -> list[Any]:
    return [
        kw.get("programme", ""),
        period,
        name,
        kw.get("id_number", id_no(seq)),
        kw.get("village", "桃园村"),
        amount,
        kw.get("paid_on", dt.date(2026, 9, 20)),
    ]
