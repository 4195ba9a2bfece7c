"""The formula language: only the whitelist runs; money in Decimal; bands and lookups cite the
row they used. Hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.calculators.definition import check, clean_inputs, compute
from gongkai.calculators.formula import Context, FormulaError, evaluate, parse

TABLES = {
    "高龄": {
        "kind": "bands",
        "bands": [
            {"min": 80, "max": 89, "value": 50},
            {"min": 90, "max": 99, "value": 150},
            {"min": 100, "max": None, "value": 500},
        ],
    },
    "地价": {"kind": "map", "values": {"一类区": 56000, "二类区": 52000}},
}


def _run(text: str, **values: object) -> tuple[Decimal, list[str]]:
    ctx = Context(
        values={k: Decimal(str(v)) if not isinstance(v, str) else v for k, v in values.items()},
        tables=TABLES,
    )
    tree = parse(text, names=set(values), tables=TABLES)
    return evaluate(tree, ctx), ctx.used


@pytest.mark.parametrize(
    "age, expected",
    [(80, 50), (89, 50), (90, 150), (99, 150), (100, 500), (117, 500)],
)
def test_bands_include_both_ends(age: int, expected: int) -> None:
    value, used = _run('band("高龄", age)', age=age)
    assert value == expected and used and used[0].startswith("高龄：")


def test_outside_every_band_is_said_in_chinese() -> None:
    with pytest.raises(FormulaError, match="79 不在“高龄”的任何一档内"):
        _run('band("高龄", age)', age=79)


def test_arithmetic_is_decimal_and_conditions_work() -> None:
    assert _run("a + b", a="0.1", b="0.2")[0] == Decimal("0.3")
    assert _run("max(0, x - 5000) * 0.03", x=8000)[0] == Decimal("90.00")
    assert _run("round(x / 3, 2)", x=10)[0] == Decimal("3.33")
    assert _run("x * 2 if x > 10 else 0", x=11)[0] == 22
    assert _run("x * 2 if x > 10 else 0", x=10)[0] == 0
    assert _run('lookup("地价", z) * 2.5', z="一类区") == (
        Decimal("140000.0"),
        ["地价：一类区 → 56000"],
    )
    assert _run('1 if z == "二类区" else 0', z="二类区")[0] == 1
    with pytest.raises(FormulaError, match="除以零"):
        _run("x / y", x=1, y=0)


@pytest.mark.parametrize(
    "text, message",
    [
        ("__import__('os').system('id')", "只能调用"),
        ("x.real", "不支持的写法"),
        ("x ** 2", r"只能用 \+ - \* /"),
        ("(lambda: 1)()", "只能调用"),
        ("y + 1", "“y”不是输入项"),
        ('band("没有", x)', "没有名为“没有”的分档表"),
        ('lookup("高龄", x)', "没有名为“高龄”的对照表"),
        ("band(x, x)", "band 的写法"),
        ("[1, 2]", "不支持的写法"),
        ("x +", "写法有误"),
        ("", "公式为空"),
        ("x" + " + x" * 300, "不能超过500个字符"),
        ("True + x", "只能出现数字"),
    ],
)
def test_everything_outside_the_whitelist_is_refused(text: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        parse(text, names={"x"}, tables=TABLES)


def test_zhengdi_by_hand() -> None:
    """一类区耕地2.5亩、安置3人: 2.5 × 56000 × 1.0 = 140000; 青苗 2.5 × 1500 = 3750;
    社保 3 × 31500 = 94500; 合计 238250."""
    definition = {
        "inputs": [
            {"key": "zone", "label": "区片", "kind": "choice", "choices": [{"value": "一类区"}]},
            {"key": "category", "label": "地类", "kind": "choice", "choices": [{"value": "耕地"}]},
            {"key": "area", "label": "面积", "min": 0.01, "max": 10000},
            {"key": "persons", "label": "人口", "min": 0, "max": 50},
        ],
        "tables": {
            "区片综合地价": {"kind": "map", "values": {"一类区": 56000}},
            "地类修正系数": {"kind": "map", "values": {"耕地": 1}},
            "青苗补偿标准": {"kind": "map", "values": {"耕地": 1500}},
            "社保": {"kind": "map", "values": {"每人": 31500}},
        },
        "items": [
            {
                "label": "土地",
                "formula": 'area * lookup("区片综合地价", zone) * lookup("地类修正系数", category)',
            },
            {"label": "青苗", "formula": 'area * lookup("青苗补偿标准", category)'},
            {"label": "社保", "formula": 'persons * lookup("社保", "每人")'},
            {"label": "参考", "formula": "area * 0", "in_total": False},
        ],
    }
    check(definition["inputs"], definition["tables"], definition["items"])
    result = compute(
        definition, {"zone": "一类区", "category": "耕地", "area": "2.5", "persons": "3"}
    )
    assert [line.value for line in result.lines] == [
        Decimal("140000.00"), Decimal("3750.00"), Decimal("94500.00"), Decimal("0.00"),
    ]  # fmt: skip
    assert result.total == Decimal("238250.00")
    assert "区片综合地价：一类区 → 56000" in result.used
    with pytest.raises(FormulaError, match=r"“面积”不能小于0\.01"):
        clean_inputs(
            definition["inputs"],
            {"zone": "一类区", "category": "耕地", "area": "0", "persons": "1"},
        )
    with pytest.raises(FormulaError, match="“区片”请从选项中选择"):
        clean_inputs(
            definition["inputs"],
            {"zone": "四类区", "category": "耕地", "area": "1", "persons": "1"},
        )
    with pytest.raises(FormulaError, match="请填写“人口”"):
        clean_inputs(definition["inputs"], {"zone": "一类区", "category": "耕地", "area": "1"})
    with pytest.raises(FormulaError, match="“面积”应为数字"):
        clean_inputs(
            definition["inputs"],
            {"zone": "一类区", "category": "耕地", "area": "两亩", "persons": "1"},
        )


@pytest.mark.parametrize(
    "inputs, tables, items, message",
    [
        ([], {}, [{"label": "a", "formula": "1"}], "输入项应为1至12项"),
        ([{"key": "1a", "label": "x"}], {}, [{"label": "a", "formula": "1"}], "key 应为"),
        (
            [{"key": "a", "label": "x"}, {"key": "a", "label": "y"}],
            {},
            [{"label": "a", "formula": "1"}],
            "key 应为",
        ),
        ([{"key": "a"}], {}, [{"label": "a", "formula": "1"}], "缺少 label"),
        (
            [{"key": "a", "label": "x", "kind": "date"}],
            {},
            [{"label": "a", "formula": "1"}],
            "kind 只能是",
        ),
        (
            [{"key": "a", "label": "x"}],
            {"t": {"kind": "bands", "bands": []}},
            [{"label": "a", "formula": "1"}],
            "应有1至100档",
        ),
        (
            [{"key": "a", "label": "x"}],
            {"t": {"kind": "map", "values": {"k": "多"}}},
            [{"label": "a", "formula": "1"}],
            "的值应为数字",
        ),
        (
            [{"key": "a", "label": "x"}],
            {},
            [{"label": "合计", "formula": "b"}],
            "计算项“合计”：公式中的“b”不是输入项",
        ),
    ],
)
def test_definition_errors_name_their_part(inputs, tables, items, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FormulaError, match=message):
        check(inputs, tables, items)
