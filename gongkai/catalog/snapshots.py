"""Snapshots of a catalog item: what a version stores, diffs compare and exports read."""

from __future__ import annotations

import difflib
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalog.choices import (
    Audience,
    Channel,
    DayUnit,
    DisclosureMode,
    Period,
    Stage,
    TimeLimitKind,
)
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.rules import format_legal_bases

PLAIN_FIELDS = [
    "name",
    "stage",
    "content",
    "legal_bases",
    "time_limit_text",
    "time_limit_kind",
    "trigger_event",
    "limit_days",
    "limit_unit",
    "period",
    "period_due_day",
    "channels",
    "audience",
    "mode",
    "non_proactive_reason",
    "tier_county",
    "tier_township",
    "consult_method",
    "supervision_method",
    "remarks",
    "is_group",
]
EDITABLE_FIELDS = ["domain", "parent", "organisation", *PLAIN_FIELDS]

LABELS = {
    "code": "事项编码",
    "name": "事项名称",
    "domain": "领域",
    "parent": "上级事项",
    "organisation": "公开主体",
    "stage": "五公开",
    "content": "公开内容（要素）",
    "legal_bases": "公开依据",
    "time_limit_text": "公开时限",
    "time_limit_kind": "时限类型",
    "trigger_event": "起算事件",
    "limit_days": "时限天数",
    "limit_unit": "天数单位",
    "period": "公开周期",
    "period_due_day": "周期内截止日",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "mode": "公开方式",
    "non_proactive_reason": "不主动公开理由",
    "tier_county": "县级",
    "tier_township": "乡级",
    "consult_method": "咨询方式",
    "supervision_method": "监督方式",
    "remarks": "备注",
    "power_items": "对应权责事项",
    "service_items": "对应公共服务事项",
    "is_group": "仅作归类",
}
CHOICES = {
    "stage": Stage,
    "time_limit_kind": TimeLimitKind,
    "limit_unit": DayUnit,
    "period": Period,
    "audience": Audience,
    "mode": DisclosureMode,
}


def item_snapshot(
    item: CatalogItem,
    *,
    power_codes: list[str] | None = None,
    service_codes: list[str] | None = None,
) -> dict[str, Any]:
    """Everything that defines the item's public content, by stable keys (codes, not ids)."""
    snap: dict[str, Any] = {field: getattr(item, field) for field in PLAIN_FIELDS}
    snap["code"] = item.code
    snap["domain"] = item.domain.code
    snap["domain_name"] = item.domain.name
    snap["parent"] = item.parent.code if item.parent_id else ""
    snap["organisation"] = item.organisation_id
    snap["organisation_name"] = item.organisation.name
    if power_codes is None:
        power_codes = sorted(item.power_items.values_list("code", flat=True)) if item.pk else []
    if service_codes is None:
        service_codes = sorted(item.service_items.values_list("code", flat=True)) if item.pk else []
    snap["power_items"] = sorted(power_codes)
    snap["service_items"] = sorted(service_codes)
    return snap


def display_value(field: str, value: Any, snap: dict[str, Any] | None = None) -> str:
    if value in (None, "", []):
        return ""
    if field == "legal_bases":
        return format_legal_bases(value)
    if field == "channels":
        return "、".join(str(Channel(c).label) for c in value if c in Channel.values)
    if field in CHOICES:
        try:
            return str(CHOICES[field](value).label)
        except ValueError:
            return str(value)
    if field in {"tier_county", "tier_township"}:
        return "√" if value else ""
    if field == "organisation" and snap:
        return snap.get("organisation_name", str(value))
    if field == "domain" and snap:
        return snap.get("domain_name", str(value))
    if field in {"power_items", "service_items"}:
        return "、".join(value)
    return str(value)


def _inline_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    left, right = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        a, b = escape(old[a1:a2]), escape(new[b1:b2])
        if op == "equal":
            left.append(a)
            right.append(b)
        else:
            if a:
                left.append(f"<del>{a}</del>")
            if b:
                right.append(f"<ins>{b}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def diff_rows(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Side-by-side rows for every field, marking changed ones with an inline character diff."""
    rows = []
    for field, label in LABELS.items():
        a, b = display_value(field, old.get(field), old), display_value(field, new.get(field), new)
        changed = a != b
        left, right = _inline_diff(a, b) if changed else (escape(a), escape(b))
        rows.append({"field": field, "label": label, "old": left, "new": right, "changed": changed})
    return rows


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [LABELS[f] for f in LABELS if old.get(f) != new.get(f)]
