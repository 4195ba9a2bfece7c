"""The calculators' formula language (docs/calculators.md#formula): arithmetic over the inputs
and the published tables, parsed with Python's ``ast`` and evaluated by a whitelist — no name,
call or node outside it is ever run, so the 政务公开办 can write formulas and no one can write
code.

    area * lookup("区片综合地价", zone) * lookup("地类系数", category)
    band("高龄津贴标准", age) * 12
    max(0, income - 5000) * 0.03 if income > 5000 else 0

Numbers are Decimal throughout (money must not drift); every table row a formula used is
recorded, so a result can cite the line of the standard it came from.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

MAX_FORMULA = 500
MAX_NODES = 200
FUNCTIONS = {"min", "max", "round", "band", "lookup"}
_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CMPOPS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)


class FormulaError(ValueError):
    """A formula that cannot be used, or a value it cannot compute, in Chinese."""


@dataclass
class Context:
    values: dict[str, Any]
    tables: dict[str, dict[str, Any]]
    used: list[str] = field(default_factory=list)  # table rows the result rests on


def parse(text: str, *, names: set[str], tables: dict[str, dict[str, Any]]) -> ast.Expression:
    """The checked tree of a formula; FormulaError names what is not allowed."""
    text = (text or "").strip()
    if not text:
        raise FormulaError("公式为空")
    if len(text) > MAX_FORMULA:
        raise FormulaError(f"公式不能超过{MAX_FORMULA}个字符")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise FormulaError(f"公式“{text[:40]}”写法有误") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError("公式过长，请拆成几项")
    for node in nodes:
        _check(node, names, tables)
    return tree


def _check(node: ast.AST, names: set[str], tables: dict[str, dict[str, Any]]) -> None:
    if isinstance(node, ast.Expression | ast.Load | ast.operator | ast.cmpop | ast.unaryop):
        if isinstance(node, ast.operator) and not isinstance(node, _BINOPS):
            raise FormulaError("公式只能用 + - * / 运算")
        if isinstance(node, ast.cmpop) and not isinstance(node, _CMPOPS):
            raise FormulaError("比较只能用 < <= > >= == !=")
        if isinstance(node, ast.unaryop) and not isinstance(node, ast.USub | ast.UAdd):
            raise FormulaError("公式中有不支持的运算")
        return
    if isinstance(node, ast.BinOp | ast.UnaryOp | ast.IfExp | ast.Compare):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float | str):
            raise FormulaError("公式中只能出现数字和表名")
        return
    if isinstance(node, ast.Name):
        if node.id not in names and node.id not in FUNCTIONS:
            raise FormulaError(f"公式中的“{node.id}”不是输入项")
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise FormulaError("公式只能调用 min、max、round、band、lookup")
        if node.func.id in ("band", "lookup"):
            first = node.args[0] if node.args else None
            if (
                len(node.args) != 2
                or not isinstance(first, ast.Constant)
                or not isinstance(first.value, str)
            ):
                raise FormulaError(f'{node.func.id} 的写法是 {node.func.id}("表名", 输入项)')
            table = tables.get(first.value)
            kind = "bands" if node.func.id == "band" else "map"
            if table is None or table.get("kind") != kind:
                label = "分档表" if kind == "bands" else "对照表"
                raise FormulaError(f"没有名为“{first.value}”的{label}")
        return
    raise FormulaError("公式中有不支持的写法")


def _num(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise FormulaError("数值有误")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise FormulaError(f"“{value}”不是数字") from None


def evaluate(tree: ast.Expression, ctx: Context) -> Decimal:
    try:
        result = _eval(tree.body, ctx)
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        raise FormulaError("计算中出现除以零或无效数值，请检查输入") from None
    if isinstance(result, str):
        raise FormulaError("公式的结果不是数字")
    return _num(result)


def _eval(node: ast.AST, ctx: Context) -> Any:
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else _num(node.value)
    if isinstance(node, ast.Name):
        if node.id not in ctx.values:
            raise FormulaError(f"缺少输入项“{node.id}”")
        return ctx.values[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _num(_eval(node.operand, ctx))
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        a, b = _num(_eval(node.left, ctx)), _num(_eval(node.right, ctx))
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if b == 0:
            raise FormulaError("计算中出现除以零，请检查输入")
        return a / b
    if isinstance(node, ast.Compare):
        left = _eval(node.left, ctx)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _eval(right_node, ctx)
            if not _compare(op, left, right):
                return Decimal(0)
            left = right
        return Decimal(1)
    if isinstance(node, ast.IfExp):
        return _eval(node.body if _num(_eval(node.test, ctx)) != 0 else node.orelse, ctx)
    if isinstance(node, ast.Call):
        name = node.func.id  # type: ignore[attr-defined]
        if name in ("band", "lookup"):
            table = node.args[0].value  # type: ignore[attr-defined]
            key = _eval(node.args[1], ctx)
            return band(ctx, table, key) if name == "band" else lookup(ctx, table, key)
        args = [_num(_eval(a, ctx)) for a in node.args]
        if not args:
            raise FormulaError(f"{name} 需要参数")
        if name == "min":
            return min(args)
        if name == "max":
            return max(args)
        places = int(args[1]) if len(args) > 1 else 0
        return args[0].quantize(Decimal(1).scaleb(-places))
    raise FormulaError("公式中有不支持的写法")


def _compare(op: ast.cmpop, a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        if not isinstance(op, ast.Eq | ast.NotEq):
            raise FormulaError("文字只能比较是否相同")
        return (str(a) == str(b)) == isinstance(op, ast.Eq)
    a, b = _num(a), _num(b)
    return {
        ast.Lt: a < b,
        ast.LtE: a <= b,
        ast.Gt: a > b,
        ast.GtE: a >= b,
        ast.Eq: a == b,
        ast.NotEq: a != b,
    }[type(op)]


def band(ctx: Context, name: str, value: Any) -> Decimal:
    """The value of the band ``value`` falls in: min ≤ value ≤ max (an open end is null)."""
    value = _num(value)
    for row in ctx.tables[name]["bands"]:
        lo, hi = row.get("min"), row.get("max")
        if (lo is None or value >= _num(lo)) and (hi is None or value <= _num(hi)):
            ctx.used.append(f"{name}：{row.get('label') or _range(lo, hi)} → {row['value']}")
            return _num(row["value"])
    raise FormulaError(f"{value} 不在“{name}”的任何一档内，不享受该标准")


def lookup(ctx: Context, name: str, key: Any) -> Decimal:
    values = ctx.tables[name]["values"]
    key = str(key)
    if key not in values:
        raise FormulaError(f"“{name}”中没有“{key}”这一项")
    ctx.used.append(f"{name}：{key} → {values[key]}")
    return _num(values[key])


def _range(lo: Any, hi: Any) -> str:
    if lo is None:
        return f"{hi}及以下"
    if hi is None:
        return f"{lo}及以上"
    return f"{lo}—{hi}"
