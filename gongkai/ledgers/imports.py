"""Reading a payment list (发放名单, xlsx) into rows and a dry-run plan (docs/ledgers.md#import).

The sheet is the one 村 and 镇 accountants already keep: a header row naming 项目名称, 发放期次,
姓名, 身份证号, 村（社区）, 金额, 发放日期 (common variants accepted), one payment a row. Every
row is checked; one bad row stops the whole import (a list is published whole or not at all),
and the plan names each bad row and why, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from gongkai.accounts.validators import validate_resident_id

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_AMOUNT = Decimal("1000000")
MAX_ERRORS = 100

# field → the headers it is known by (compared without spaces and brackets)
HEADERS: dict[str, tuple[str, ...]] = {
    "programme": ("项目名称", "项目", "补贴项目", "资金项目"),
    "period": ("发放期次", "期次", "发放期间", "期间", "年度"),
    "name": ("姓名", "户主姓名", "领取人姓名", "享受人姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
    "village": ("村社区", "村居", "村组", "村", "所在村", "社区"),
    "amount": ("金额", "发放金额", "金额元", "补贴金额", "发放金额元"),
    "paid_on": ("发放日期", "银行发放日期", "到账日期", "打卡日期"),
}
REQUIRED = ("period", "name", "id_number", "amount")
LABELS = {
    "programme": "项目名称",
    "period": "发放期次",
    "name": "姓名",
    "id_number": "身份证号",
    "village": "村（社区）",
    "amount": "金额",
    "paid_on": "发放日期",
}
_STRIP = re.compile(r"[\s（）()【】\[\]:：]")


@dataclass
class Row:
    row_no: int
    period: str
    name: str
    id_number: str
    village: str
    amount: Decimal
    paid_on: dt.date | None


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0

    def error(self, text: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(text)

    def summary(self) -> dict[str, Any]:
        """What the plan page and the stored import show."""
        periods: dict[str, dict[str, Any]] = {}
        for r in self.rows:
            p = periods.setdefault(r.period, {"rows": 0, "total": Decimal(0)})
            p["rows"] += 1
            p["total"] += r.amount
        return {
            "rows": len(self.rows),
            "total": str(sum((r.amount for r in self.rows), Decimal(0))),
            "periods": [
                {"period": k, "rows": v["rows"], "total": str(v["total"])}
                for k, v in sorted(periods.items())
            ],
            "errors": self.errors,
            "error_count": self.error_count,
        }


def _header_key(text: Any) -> str:
    return _STRIP.sub("", str(text or ""))


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _header_key(cell)
        for fname, names in HEADERS.items():
            if fname not in found and key in names:
                found[fname] = i
    return found


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()[: limit + 1]


def _amount(value: Any) -> Decimal:
    text = _text(value, 30).replace(",", "").replace("，", "").removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError("金额不是数字") from None
    if not amount.is_finite() or amount <= 0:
        raise ValueError("金额应大于0")
    if amount > MAX_AMOUNT:
        raise ValueError("金额超过100万元，请核对")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError("金额最多保留两位小数")
    return amount.quantize(Decimal("0.01"))


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(_text(value, 20))
    if not m:
        raise ValueError("发放日期应为日期，如 2026-09-30")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError("发放日期不存在") from None


def workbook_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The first sheet's rows; ValidationError (Chinese) if the file is not a usable xlsx."""
    from openpyxl import load_workbook

    if len(content) > MAX_BYTES:
        raise ValidationError("文件不能超过5MB")
    if not content.startswith(b"PK"):
        raise ValidationError("请上传 Excel 工作簿（.xlsx）")
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ValidationError(
            "文件不是有效的 Excel 工作簿（.xlsx），请另存为 .xlsx 后重新上传"
        ) from None
    try:
        ws = wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + 1:
                raise ValidationError(f"一次最多导入{MAX_ROWS}行，请分批导入")
        return rows
    finally:
        wb.close()


def plan_rows(rows: list[tuple[Any, ...]], *, programme_names: tuple[str, ...]) -> Plan:
    """Check every row of a payment list against its programme; nothing is written."""
    plan = Plan()
    header_at = next(
        (i for i, r in enumerate(rows[:10]) if any(c not in (None, "") for c in r)), None
    )
    if header_at is None:
        plan.error("工作簿第一张表是空的")
        return plan
    cols = _columns(rows[header_at])
    missing = [LABELS[f] for f in REQUIRED if f not in cols]
    if missing:
        plan.error(f"表头缺少：{'、'.join(missing)}（第{header_at + 1}行应为表头）")
        return plan
    seen: dict[tuple[str, str], int] = {}
    for n, raw in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c not in (None, "") for c in raw):
            continue  # blank lines between blocks are common in hand-kept sheets

        def cell(fname: str, raw: tuple[Any, ...] = raw) -> Any:
            i = cols.get(fname)
            return raw[i] if i is not None and i < len(raw) else None

        problems: list[str] = []
        programme = _text(cell("programme"), 100)
        if programme and programme not in programme_names:
            problems.append(f"项目名称“{programme[:30]}”不是本项目")
        period = _text(cell("period"), 40)
        name = _text(cell("name"), 50)
        village = _text(cell("village"), 60)
        if not period:
            problems.append("发放期次为空")
        elif len(period) > 40:
            problems.append("发放期次超过40个字")
        if not name:
            problems.append("姓名为空")
        elif len(name) > 50:
            problems.append("姓名超过50个字")
        if len(village) > 60:
            problems.append("村（社区）超过60个字")
        id_number = ""
        try:
            id_number = validate_resident_id(_text(cell("id_number"), 20), label="身份证号")
        except ValidationError as exc:
            problems.append(exc.messages[0])
        amount = Decimal(0)
        try:
            amount = _amount(cell("amount"))
        except ValueError as exc:
            problems.append(str(exc))
        paid_on = None
        try:
            paid_on = _date(cell("paid_on"))
        except ValueError as exc:
            problems.append(str(exc))
        if id_number and period:
            key = (id_number, period)
            if key in seen:
                problems.append(f"与第{seen[key]}行重复（同一人同一期次）")
            else:
                seen[key] = n
        if problems:
            plan.error(f"第{n}行：{'；'.join(problems)}")
            continue
        plan.rows.append(Row(n, period, name, id_number, village, amount, paid_on))
    if not plan.rows and not plan.error_count:
        plan.error("表中没有发放记录")
    return plan
