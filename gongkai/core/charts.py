"""Server-rendered SVG bar charts (pygal) for every app: scorecards, open-data previews.

No script and nothing fetched from outside: pygal inlines its config ``<script>``, a
``<style>`` and one style attribute, and the pages allow no inline script or style (CSP), so
those go and ``portal/site.css`` styles the chart (``figure.chart``), also in 长辈版. Each chart
sits beside the table that holds the same figures, so screen readers read the table.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

STYLE = Style(  # only what pygal writes as attributes (colours come from site.css)
    background="transparent",
    plot_background="transparent",
    foreground="#222",
    foreground_strong="#222",
    foreground_subtle="#666",
    colors=("#a8161b", "#1f5fa8"),
    font_family="'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=13,
    title_font_size=16,
)
ROW_HEIGHT = 28
WIDTH = 640  # drawn at 14 px type; a phone scrolls it sideways rather than shrinking it
CJK_EXTRA = 7  # px per character that pygal's estimate leaves out (14 px type)
INLINE = re.compile(r"<script\b.*?</script>|<style\b.*?</style>| style=\"[^\"]*\"", re.S)


def bar_chart_svg(
    title: str,
    labels: list[str],
    values: list[float | None],
    *,
    series: str = "数值",
    value_range: tuple[float, float] | None = None,
) -> str:
    """Horizontal bars, the first label at the bottom (callers reverse a ranking)."""
    chart = pygal.HorizontalBar(
        style=STYLE,
        no_prefix=True,
        js=[],  # no tooltips script: the figures are printed on the bars and in the table
        disable_xml_declaration=True,
        show_legend=False,
        no_data_text="暂无数据",
        print_values=True,
        range=value_range,
        width=WIDTH,
        height=max(160, 80 + ROW_HEIGHT * len(labels)),
        truncate_label=-1,
        margin=10,
        # pygal sizes labels for Latin letters; a Chinese character is about one em wide
        margin_left=10 + CJK_EXTRA * max((len(x) for x in labels), default=0),
    )
    chart.title = title
    chart.x_labels = labels
    chart.add(series, values)
    return INLINE.sub("", chart.render(is_unicode=True))
