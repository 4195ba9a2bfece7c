"""数据质量 per dataset (docs/opendata.md#quality), after udata's quality score: five checks,
each worth 20 points, shown with the reason it passed or failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from gongkai.opendata.rules import OPEN_FORMATS, TABULAR, Access, Frequency

REQUIRED = ("notes", "domain_id", "licence", "contact_name", "spatial", "temporal_start")
LABELS = {
    "notes": "描述",
    "domain_id": "领域",
    "licence": "开放许可",
    "contact_name": "联系人",
    "spatial": "空间范围",
    "temporal_start": "时间范围",
}


@dataclass(frozen=True)
class QualityCheck:
    key: str
    label: str
    passed: bool
    reason: str


def quality(ds: Any, *, open_corrections_overdue: int = 0) -> dict[str, Any]:
    resources = list(ds.resources.all())
    versions = [r.current() for r in resources]
    missing = [LABELS[k] for k in REQUIRED if not getattr(ds, k)] + ([] if ds.tags else ["标签"])
    open_formats = [r for r in resources if r.format in OPEN_FORMATS]
    tabular = [(r, v) for r, v in zip(resources, versions, strict=True) if r.format in TABULAR]
    with_schema = [r for r, v in tabular if v and v.fields]
    today = timezone.localdate()
    on_time = ds.frequency == Frequency.IRREGULAR or (
        ds.next_update_due is not None and ds.next_update_due >= today
    )
    checks = [
        QualityCheck(
            "metadata",
            "元数据完整",
            not missing,
            "元数据齐全" if not missing else "缺少：" + "、".join(missing),
        ),
        QualityCheck(
            "open_format",
            "开放格式",
            bool(open_formats),
            "提供CSV、JSON、GeoJSON或接口"
            if open_formats
            else "只有XLSX或PDF，建议同时提供CSV或JSON",
        ),
        QualityCheck(
            "schema",
            "字段说明",
            bool(tabular) and len(with_schema) == len(tabular),
            "表格数据均已入库，字段和类型可查"
            if tabular and len(with_schema) == len(tabular)
            else ("没有表格数据" if not tabular else "部分表格尚未入库"),
        ),
        QualityCheck(
            "timely",
            "按时更新",
            on_time,
            "按更新频率及时更新"
            if on_time
            else f"已超过更新期限（{ds.next_update_due:%Y-%m-%d}）"
            if ds.next_update_due
            else "尚无更新记录",
        ),
        QualityCheck(
            "corrections",
            "纠错及时处理",
            open_corrections_overdue == 0,
            "没有超期未答复的纠错"
            if not open_corrections_overdue
            else f"{open_corrections_overdue}条纠错超期未答复",
        ),
    ]
    score = 20 * sum(c.passed for c in checks)
    if ds.access == Access.CLOSED:
        score = 0
    return {"score": score, "checks": checks}
