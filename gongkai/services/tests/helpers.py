"""The services tests' own small cast: services over the world's guides, and a source."""

from __future__ import annotations

from typing import Any

from gongkai.services.models import CaseSource, Service


def service_for(item: Any, **extra: Any) -> Service:
    key = "power_item" if item.__class__.__name__ == "PowerItem" else "service_item"
    return Service.objects.create(code=item.code, **{key: item}, **extra)


def source_make(org: Any, code: str = "src", **extra: Any) -> CaseSource:
    return CaseSource.objects.create(
        code=code, name=f"{org.short_name}审批系统", organisation=org, push_secret="s3cret", **extra
    )


def case_row(number: str, code: str, **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "item_code": code,
        "applicant_name": "张三丰",
        "applicant_id": "320682199001011234",
        "applicant_phone": "13700000000",
        "query_code": "AB12CD",
        "received_at": "2026-09-28T09:00:00+08:00",
        "changed_at": "2026-09-28T09:00:00+08:00",
        **extra,
    }


def node_row(number: str, key: str, name: str, at: str, **extra: Any) -> dict[str, Any]:
    return {"case_number": number, "key": key, "name": name, "occurred_at": at, **extra}
