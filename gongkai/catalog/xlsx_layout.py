"""Column layout of catalog workbooks: the real layout of cn-rules §4.3, then our additions.

The first 14 columns are exactly those of published county catalogs (胡家镇, 九龙街道,
锡林浩特); the supplementary columns after them carry what a lossless round trip needs.
"""

from __future__ import annotations

from gongkai.catalog.choices import Channel

# (top header, sub header or None). Columns with a sub header share a merged top cell.
COLUMNS: list[tuple[str, str | None]] = [
    ("序号", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开内容（要素）", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道和载体", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群众"),
    ("公开方式", "主动"),
    ("公开方式", "依申请公开"),
    ("公开层级", "县级"),
    ("公开层级", "乡级"),
    # supplementary columns
    ("三级事项", None),
    ("事项编码", None),
    ("五公开", None),
    ("咨询方式", None),
    ("监督方式", None),
    ("不主动公开理由", None),
    ("时限规则", None),
    ("对应权责事项编码", None),
    ("对应公共服务事项编码", None),
    ("备注", None),
]
REAL_LAYOUT_COLUMNS = 14
REQUIRED = [
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "全社会",
    "特定群众",
    "主动",
    "依申请公开",
    "县级",
    "乡级",
]
TICK = "√"
TICKED = {"√", "✓", "✔", "■", "是", "1", "y", "Y", "x", "X", "☑"}
CHANNEL_ORDER = list(Channel)


def column_name(top: str, sub: str | None) -> str:
    return sub or top


def format_channels(selected: list[str]) -> str:
    """'■政府网站 □两微一端 …', as the 锡林浩特 catalog prints its checklist."""
    return " ".join(("■" if c.value in selected else "□") + str(c.label) for c in CHANNEL_ORDER)


def parse_channels(cell: str) -> tuple[list[str], list[str]]:
    """Selected channel codes (in checklist order) and unknown names.

    Accepts the ■/□ checklist or a 、-separated list of names.
    """
    selected, unknown = _parse_channels(cell)
    order = [c.value for c in CHANNEL_ORDER]
    return sorted(set(selected), key=order.index), unknown


def _parse_channels(cell: str) -> tuple[list[str], list[str]]:
    text = (cell or "").strip()
    by_label = {str(c.label): c.value for c in CHANNEL_ORDER}
    if "■" in text or "□" in text:
        selected, unknown = [], []
        for token in text.replace("□", "\n□").replace("■", "\n■").split("\n"):
            token = token.strip()
            if not token.startswith("■"):
                continue
            name = token[1:].strip()
            if name in by_label:
                selected.append(by_label[name])
            else:
                unknown.append(name)
        return selected, unknown
    selected, unknown = [], []
    for name in text.replace("，", "、").replace(",", "、").replace("；", "、").split("、"):
        name = name.strip()
        if not name:
            continue
        if name in by_label:
            selected.append(by_label[name])
        else:
            unknown.append(name)
    return selected, unknown


def is_ticked(value: object) -> bool:
    return str(value or "").strip() in TICKED
