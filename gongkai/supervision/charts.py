"""The scorecards' charts (core.charts): the ranking and one organisation's indicators."""

from __future__ import annotations

from typing import Any

from gongkai.core.charts import bar_chart_svg


def ranking_svg(rows: list[dict[str, Any]]) -> str:
    """Each organisation's score, best first (the chart lists bottom-up, so it is reversed)."""
    ordered = list(reversed(rows))
    return bar_chart_svg(
        "各机构得分（百分制）",
        [r["organisation"] for r in ordered],
        [r["score"] for r in ordered],
        series="得分",
        value_range=(0, 100),
    )


def indicators_svg(row: dict[str, Any], indicators: Any) -> str:
    items = list(reversed(list(indicators)))
    return bar_chart_svg(
        f"{row['organisation']}各项指标得分",
        [i.label for i in items],
        [row["values"].get(i.key, 0) for i in items],
        series="得分",
        value_range=(0, 100),
    )
