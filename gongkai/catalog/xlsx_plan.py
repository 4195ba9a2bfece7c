"""The import plan: what a catalog workbook will do, item by item, before anything is written.

The dry run shows this plan and the real run executes exactly it (docs/catalog.md): both call
``catalog_import_parse`` then ``catalog_import_plan``. The plan refuses, with sheet, row,
column and item, anything an import must not do silently: a code that breaks the coding rule,
a row that would move an existing item to another place in the tree (blank or different
一级/二级事项), a change to another organisation's item, a change to an unpublished item.
Items absent from the workbook are never deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongkai.accounts.permissions import can_edit_org
from gongkai.catalog.choices import ItemStatus
from gongkai.catalog.models import CatalogItem, CatalogSettings
from gongkai.catalog.snapshots import item_snapshot

CREATE, CHANGE, UNCHANGED, CREATE_GROUP = "create", "change", "unchanged", "create_group"
ACTION_LABELS = {
    CREATE: "新增",
    CHANGE: "调整",
    UNCHANGED: "不变",
    CREATE_GROUP: "新增归类事项",
}
FIELD_LABELS = {
    "name": "事项名称",
    "content": "公开内容",
    "legal_bases": "公开依据",
    "time_limit_text": "公开时限",
    "organisation": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "mode": "公开方式",
    "tier_county": "县级",
    "tier_township": "乡级",
    "stage": "五公开",
    "non_proactive_reason": "不主动公开理由",
    "power_items": "对应权责事项",
    "service_items": "对应公共服务事项",
    "consult_method": "咨询方式",
    "supervision_method": "监督方式",
    "remarks": "备注",
}


@dataclass
class PlanEntry:
    action: str
    sheet: str
    row: int
    code: str
    path: list[str]
    fields: list[str] = field(default_factory=list)  # what a change changes (中文)
    item_id: int | None = None

    def text(self) -> str:
        where = f"工作表“{self.sheet}”第{self.row}行" if self.row else f"工作表“{self.sheet}”"
        what = "／".join(self.path)
        code = f"{self.code} " if self.code else ""
        extra = f"（{'、'.join(self.fields)}）" if self.fields else ""
        return f"{ACTION_LABELS[self.action]}：{code}{what}{extra} — {where}"

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "text": self.text()}


def _path(item: CatalogItem) -> list[str]:
    names = []
    node: CatalogItem | None = item
    while node is not None:
        names.append(node.name)
        node = node.parent
    return list(reversed(names))


def code_pattern(domain_code: str, depth: int) -> re.Pattern[str]:
    """事项编码 of an item at ``depth`` in a domain: the domain code, then one fixed-width
    segment per level (catalog settings), e.g. 01 + 02 + 01 = 010201."""
    cfg = CatalogSettings.load()
    segment = f"{re.escape(cfg.separator)}\\d{{{cfg.segment_width}}}"
    return re.compile(f"^{re.escape(domain_code)}(?:{segment}){{{depth}}}$")


def _changed_fields(existing: CatalogItem, data: dict[str, Any]) -> list[str]:
    probe = CatalogItem.objects.get(pk=existing.pk)
    for key, value in data.items():
        if key not in ("power_items", "service_items", "parent", "domain"):
            setattr(probe, key, value)
    new = item_snapshot(
        probe,
        power_codes=[p.code for p in data["power_items"]],
        service_codes=[s.code for s in data["service_items"]],
    )
    old = item_snapshot(existing)
    keys = [k for k in new if new.get(k) != old.get(k)]
    return [FIELD_LABELS.get(k, k) for k in keys]


def catalog_import_plan(report: Any, *, actor: Any) -> list[PlanEntry]:
    """Turn parsed rows into plan entries; problems go to ``report.errors`` (nothing written)."""
    entries: list[PlanEntry] = []
    planned_groups: set[tuple[int, tuple[str, ...]]] = set()
    # every new item takes a code under its parent, those without one the next free code:
    # count them, so that a dry run reports what the real run would hit (a full segment)
    width = CatalogSettings.load().segment_width
    new_children: dict[tuple[int, tuple[str, ...]], int] = {}
    for row in report.rows:
        depth = len(row.names)

        def err(header: str, message: str, row: Any = row) -> None:
            report.add(row.sheet, row.row, header, message, row.columns)

        existing = CatalogItem.objects.filter(code=row.code).first() if row.code else None
        if (
            row.code
            and existing is None
            and not code_pattern(row.domain.code, depth).match(row.code)
        ):
            err(
                "事项编码",
                f"事项编码“{row.code}”不符合编码规则：应为领域编码{row.domain.code}"
                f"加{depth}级、每级{CatalogSettings.load().segment_width}位数字",
            )
            continue
        if existing is None and not row.code:
            existing = _find_by_path(row)
        if existing is not None:
            here, there = _path(existing), row.names
            # a rename in place is a change; another domain or parent is never done silently
            if existing.domain_id != row.domain.pk or here[:-1] != there[:-1]:
                err(
                    "二级事项" if depth >= 2 or len(here) >= 2 else "一级事项",
                    f"事项 {existing.code} 在目录中位于“{'／'.join(here)}”，本行写为"
                    f"“{'／'.join(there)}”。导入不改变事项所在的领域和层级；"
                    "如需调整，请在目录维护中对该事项办理动态调整",
                )
                continue
            if not can_edit_org(actor, existing.organisation_id):
                err("公开主体", f"您无权修改事项 {existing.code}（{existing.organisation.name}）")
                continue
            fields = _changed_fields(existing, row.data)
            if fields and existing.status != ItemStatus.PUBLISHED:
                err("事项编码", f"事项 {existing.code} 尚未发布，请在目录维护中编辑草稿")
                continue
            entries.append(
                PlanEntry(
                    CHANGE if fields else UNCHANGED,
                    row.sheet,
                    row.row,
                    existing.code,
                    there,
                    fields,
                    existing.pk,
                )
            )
            continue
        # a new item: its groups exist or are planned, and an explicit code fits its parent
        parent, complete = None, True
        for level in range(1, depth):
            names = tuple(row.names[:level])
            parent = _find_group(row, names)
            if parent is None:
                complete = False
                key = (row.domain.pk, names)
                if key not in planned_groups:
                    planned_groups.add(key)
                    entries.append(PlanEntry(CREATE_GROUP, row.sheet, row.row, "", list(names)))
        if row.code and complete and parent is not None:
            cfg = CatalogSettings.load()
            expected = parent.code + cfg.separator
            if not row.code.startswith(expected):
                err(
                    "事项编码",
                    f"事项编码 {row.code} 与上级事项“{parent.name}”的编码 {parent.code} 不符",
                )
                continue
        key = (row.domain.pk, tuple(row.names[:-1]))
        taken = new_children.get(key)
        if taken is None:
            taken = (
                CatalogItem.objects.filter(domain=row.domain, parent=parent).count()
                if complete
                else 0
            )
        new_children[key] = taken + 1
        if not row.code and taken + 1 >= 10**width:
            where = "／".join(row.names[:-1]) or row.domain.name
            err(
                "事项编码",
                f"“{where}”下的事项将超过编码容量（每级{width}位，最多{10**width - 1}项），"
                "请在目录设置中增加每级编码位数，或把部分事项归入其他上级事项",
            )
            continue
        entries.append(PlanEntry(CREATE, row.sheet, row.row, row.code, row.names))
    return entries


def _find_group(row: Any, names: tuple[str, ...]) -> CatalogItem | None:
    parent = None
    for name in names:
        parent = CatalogItem.objects.filter(domain=row.domain, parent=parent, name=name).first()
        if parent is None:
            return None
    return parent


def _find_by_path(row: Any) -> CatalogItem | None:
    return _find_group(row, tuple(row.names))


def plan_summary(entries: list[PlanEntry]) -> dict[str, Any]:
    counts = {CREATE: 0, CHANGE: 0, UNCHANGED: 0, CREATE_GROUP: 0}
    for entry in entries:
        counts[entry.action] += 1
    return {
        "created": counts[CREATE],
        "adjusted": counts[CHANGE],
        "unchanged": counts[UNCHANGED],
        "groups": counts[CREATE_GROUP],
        "plan": [e.as_dict() for e in entries if e.action != UNCHANGED],
    }
