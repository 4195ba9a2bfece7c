"""A calculator version's definition — inputs, standard tables, items — checked as a whole, and
the computation over it (docs/calculators.md#definition). The one owner of what a calculator
answers: the pages, the API and the staff preview all call ``compute``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.calculators.formula import Context, FormulaError, evaluate, parse

_KEY = re.compile(r"^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]{0,29}$")
MAX_INPUTS = 12
MAX_ITEMS = 12
MAX_ROWS = 100
MAX_NUMBER = Decimal("1000000000")


def _fail(text: str) -> None:
    raise FormulaError(text)


def _number(value: Any, what: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise FormulaError(f"{what}应为数字") from None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        raise FormulaError(f"{what}超出范围")
    return number


def check(inputs: Any, tables: Any, items: Any) -> None:
    """FormulaError (Chinese, naming the part) unless the definition is usable."""
    if not isinstance(inputs, list) or not 1 <= len(inputs) <= MAX_INPUTS:
        _fail(f"输入项应为1至{MAX_INPUTS}项的列表")
    keys: set[str] = set()
    for n, spec in enumerate(inputs, start=1):
        if not isinstance(spec, dict):
            _fail(f"第{n}个输入项应为对象")
        key = str(spec.get("key", ""))
        if not _KEY.match(key) or key in keys:
            _fail(f"第{n}个输入项的 key 应为不重复的字母、数字、下划线或汉字（不以数字开头）")
        keys.add(key)
        if not str(spec.get("label", "")).strip():
            _fail(f"输入项“{key}”缺少 label（显示名称）")
        kind = spec.get("kind", "number")
        if kind == "number":
            for bound in ("min", "max"):
                if spec.get(bound) is not None:
                    _number(spec[bound], f"输入项“{key}”的 {bound}")
        elif kind == "choice":
            choices = spec.get("choices")
            if not isinstance(choices, list) or not choices:
                _fail(f"选择项“{key}”缺少 choices")
            for c in choices:
                if not isinstance(c, dict) or not str(c.get("value", "")).strip():
                    _fail(f"选择项“{key}”的每个选项应有 value 和 label")
        else:
            _fail(f"输入项“{key}”的 kind 只能是 number 或 choice")
    if not isinstance(tables, dict):
        _fail("标准表应为对象（表名 → 表）")
    for name, table in tables.items():
        if not isinstance(table, dict) or table.get("kind") not in ("bands", "map"):
            _fail(f"标准表“{name}”的 kind 只能是 bands（分档）或 map（对照）")
        if table["kind"] == "bands":
            rows = table.get("bands")
            if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_ROWS:
                _fail(f"分档表“{name}”应有1至{MAX_ROWS}档")
            for row in rows:
                if not isinstance(row, dict) or "value" not in row:
                    _fail(f"分档表“{name}”的每档应有 min、max、value")
                _number(row["value"], f"分档表“{name}”的 value")
                for bound in ("min", "max"):
                    if row.get(bound) is not None:
                        _number(row[bound], f"分档表“{name}”的 {bound}")
        else:
            values = table.get("values")
            if not isinstance(values, dict) or not 1 <= len(values) <= MAX_ROWS:
                _fail(f"对照表“{name}”应有1至{MAX_ROWS}项 values")
            for v in values.values():
                _number(v, f"对照表“{name}”的值")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        _fail(f"计算项应为1至{MAX_ITEMS}项的列表")
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("label", "")).strip():
            _fail(f"第{n}个计算项应有 label 和 formula")
        try:
            parse(str(item.get("formula", "")), names=keys, tables=tables)
        except FormulaError as exc:
            _fail(f"计算项“{item['label']}”：{exc}")


def clean_inputs(inputs: list[dict[str, Any]], raw: dict[str, Any]) -> dict[str, Any]:
    """The citizen's values, each checked against its input's kind and bounds."""
    values: dict[str, Any] = {}
    for spec in inputs:
        key, label = spec["key"], spec["label"]
        given = raw.get(key)
        if given is None or str(given).strip() == "":
            raise FormulaError(f"请填写“{label}”")
        if spec.get("kind", "number") == "choice":
            allowed = {str(c["value"]) for c in spec["choices"]}
            if str(given) not in allowed:
                raise FormulaError(f"“{label}”请从选项中选择")
            values[key] = str(given)
            continue
        number = _number(str(given).strip(), f"“{label}”")
        if spec.get("min") is not None and number < Decimal(str(spec["min"])):
            raise FormulaError(f"“{label}”不能小于{spec['min']}")
        if spec.get("max") is not None and number > Decimal(str(spec["max"])):
            raise FormulaError(f"“{label}”不能大于{spec['max']}")
        values[key] = number
    return values


@dataclass(frozen=True)
class Line:
    label: str
    value: Decimal
    unit: str
    in_total: bool


@dataclass(frozen=True)
class Result:
    lines: tuple[Line, ...]
    total: Decimal
    used: tuple[str, ...]


def compute(definition: dict[str, Any], raw: dict[str, Any], *, unit: str = "元") -> Result:
    """Every item of the definition over the citizen's values, rounded to the cent, and the
    table rows of the standard each rests on."""
    inputs, tables = definition["inputs"], definition["tables"]
    values = clean_inputs(inputs, raw)
    names = {s["key"] for s in inputs}
    ctx = Context(values=values, tables=tables)
    lines = []
    for item in definition["items"]:
        tree = parse(item["formula"], names=names, tables=tables)
        value = evaluate(tree, ctx).quantize(Decimal("0.01"))
        # an item marked "in_total": false is shown but not added (e.g. a yearly figure
        # beside the monthly one)
        in_total = item.get("in_total", True) is not False
        lines.append(Line(item["label"], value, item.get("unit") or unit, in_total))
    total = sum((line.value for line in lines if line.in_total), Decimal(0))
    return Result(tuple(lines), total, tuple(dict.fromkeys(ctx.used)))
