"""Writes of 办事服务 (docs/services.md): the services handbook import (主题、服务、一件事) and the
办件 sources. Every write checks permission, validates, and leaves an audit record."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, is_office
from gongkai.core.audit import audit_record
from gongkai.services.choices import ApplyChannel, Audience, SourceEngine
from gongkai.services.connector import MappingError, mapping_check
from gongkai.services.models import CaseSource, LifeEvent, Package, PackageStep, Service

MAX_ROWS = 2000


@dataclass
class HandbookPlan:
    """What an import does (or did): counts per kind and every refusal, in Chinese."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


class _Rollback(Exception):
    pass


def _text(row: dict[str, Any], key: str, limit: int, *, required: bool = False) -> str:
    value = str(row.get(key) or "").strip()
    if required and not value:
        raise ValueError(f"缺少“{key}”")
    if len(value) > limit:
        raise ValueError(f"“{key}”超过{limit}个字符")
    return value


def _audience(value: Any) -> str:
    value = str(value or "").strip()
    by_label = {str(label): v for v, label in Audience.choices}
    if value in Audience.values:
        return value
    if value in by_label:
        return by_label[value]
    raise ValueError(f"服务对象应为“个人”或“企业”，不是“{value[:10]}”")


def _item_for(code: str) -> tuple[Any, Any]:
    from gongkai.catalog.models import PowerItem, ServiceItem

    power = PowerItem.objects.filter(code=code).first()
    service = None if power else ServiceItem.objects.filter(code=code).first()
    if power is None and service is None:
        raise ValueError(f"权责清单和公共服务清单中都没有编码为“{code}”的事项")
    return power, service


def _event(row: dict[str, Any], plan: HandbookPlan) -> None:
    slug = _text(row, "slug", 40, required=True)
    obj, created = LifeEvent.objects.update_or_create(
        slug=slug,
        defaults={
            "name": _text(row, "name", 40, required=True),
            "audience": _audience(row.get("audience")),
            "description": _text(row, "description", 200),
            "order": int(row.get("order") or 100),
        },
    )
    obj.full_clean()
    plan.count("主题", created)


def _service(row: dict[str, Any], plan: HandbookPlan) -> None:
    from gongkai.catalog.models import Domain
    from gongkai.publishing.models import Publication

    code = _text(row, "code", 40, required=True)
    power, item = _item_for(code)
    channels = [str(c) for c in row.get("channels") or []]
    unknown = [c for c in channels if c not in ApplyChannel.values]
    if unknown:
        raise ValueError(f"未知的办理渠道：{'、'.join(unknown)[:40]}")
    domain = None
    if row.get("domain"):
        domain = Domain.objects.filter(code=str(row["domain"])).first()
        if domain is None:
            raise ValueError(f"没有编码为“{row['domain']}”的领域")
    obj, created = Service.objects.update_or_create(
        code=code,
        defaults={
            "power_item": power,
            "service_item": item,
            "for_person": bool(row.get("for_person", True)),
            "for_company": bool(row.get("for_company", False)),
            "domain": domain,
            "channels": channels,
            "online_url": _text(row, "online_url", 200),
            "remote_note": _text(row, "remote_note", 300),
            "summary": _text(row, "summary", 200),
            "is_active": bool(row.get("is_active", True)),
        },
    )
    obj.full_clean()
    slugs = [str(s) for s in row.get("life_events") or []]
    events = list(LifeEvent.objects.filter(slug__in=slugs))
    missing = set(slugs) - {e.slug for e in events}
    if missing:
        raise ValueError(f"没有这些办事主题：{'、'.join(sorted(missing))[:60]}")
    obj.life_events.set(events)
    index_nos = [str(s) for s in row.get("policies") or []]
    pubs = list(Publication.objects.published().filter(index_no__in=index_nos))
    obj.policies.set(pubs)
    plan.count("服务", created)


def _package(row: dict[str, Any], plan: HandbookPlan) -> None:
    slug = _text(row, "slug", 40, required=True)
    org_name = _text(row, "organisation", 100, required=True)
    org = Organisation.objects.filter(name=org_name).first()
    if org is None:
        raise ValueError(f"没有名为“{org_name}”的机构")
    event = None
    if row.get("life_event"):
        event = LifeEvent.objects.filter(slug=str(row["life_event"])).first()
        if event is None:
            raise ValueError(f"没有办事主题“{row['life_event']}”")
    obj, created = Package.objects.update_or_create(
        slug=slug,
        defaults={
            "name": _text(row, "name", 60, required=True),
            "audience": _audience(row.get("audience")),
            "life_event": event,
            "organisation": org,
            "description": _text(row, "description", 2000),
            "promise": _text(row, "promise", 100),
            "is_active": bool(row.get("is_active", True)),
        },
    )
    obj.full_clean()
    steps = row.get("steps") or []
    if not 2 <= len(steps) <= 20:
        raise ValueError("“一件事”应包含2至20个环节")
    obj.steps.all().delete()
    for order, step in enumerate(steps, start=1):
        code = _text(step, "code", 40, required=True)
        service = Service.objects.filter(code=code).first()
        if service is None:
            raise ValueError(f"环节{order}：编码“{code}”尚未上线为办事服务，请先导入该服务")
        PackageStep.objects.create(
            package=obj, order=order, service=service, note=_text(step, "note", 200)
        )
    plan.count("一件事", created)


def handbook_import(*, actor: Any, data: dict[str, Any], dry_run: bool = False) -> HandbookPlan:
    """Import the 办事服务 handbook (主题 life_events, 服务 services, 一件事 packages), matched by
    slug or code so importing the same file twice changes nothing. With ``dry_run`` the plan is
    computed in a transaction that is rolled back. Only the 政务公开办 imports."""
    if not is_office(actor):
        raise PermissionDenied("只有政务公开办可以导入办事服务目录")
    if not isinstance(data, dict):
        raise ValidationError("文件内容应为包含 life_events、services、packages 的对象")
    plan = HandbookPlan()
    sections = (("life_events", _event), ("services", _service), ("packages", _package))
    total = sum(len(data.get(k) or []) for k, _ in sections)
    if total > MAX_ROWS:
        raise ValidationError(f"一次最多导入{MAX_ROWS}条")
    try:
        with transaction.atomic():
            for key, handler in sections:
                rows = data.get(key) or []
                if not isinstance(rows, list):
                    plan.errors.append(f"“{key}”应为列表")
                    continue
                for i, row in enumerate(rows, start=1):
                    try:
                        with transaction.atomic():
                            if not isinstance(row, dict):
                                raise ValueError("应为对象")
                            handler(row, plan)
                    except (ValueError, ValidationError) as exc:
                        msg = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                        plan.errors.append(f"{key} 第{i}条：{msg}")
            if dry_run or plan.errors:
                raise _Rollback
            audit_record(
                actor=actor,
                action="services.handbook_import",
                object_type="services.Service",
                new={"created": plan.created, "updated": plan.updated},
            )
    except _Rollback:
        pass
    return plan


# 办件来源 -----------------------------------------------------------------------------------------
def _source_check(actor: Any, org: Organisation) -> None:
    if not (is_office(actor) or can_edit_org(actor, org.pk)):
        raise PermissionDenied("只能管理本部门的办件来源")


@transaction.atomic
def source_create(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    name: str,
    engine: str = "",
    dsn: str = "",
    mapping: dict[str, Any] | None = None,
) -> tuple[CaseSource, str]:
    """A new 办件 source and its push signing secret (shown once to its creator)."""
    _source_check(actor, organisation)
    if engine and engine not in SourceEngine.values:
        raise ValidationError({"engine": "未知的中间库类型"})
    if bool(engine) != bool(dsn):
        raise ValidationError({"dsn": "中间库类型和连接须同时填写（推送来源都留空）"})
    if dsn and not dsn.startswith(("postgresql://", "postgres://", "mysql://", "sqlite:///")):
        raise ValidationError({"dsn": "连接应以 postgresql://、mysql:// 或 sqlite:/// 开头"})
    try:
        checked = mapping_check(mapping or {})
    except MappingError as exc:
        raise ValidationError({"mapping": str(exc)}) from exc
    secret = secrets.token_urlsafe(32)
    source = CaseSource(
        code=code.strip(),
        name=name.strip(),
        organisation=organisation,
        engine=engine,
        dsn=dsn.strip(),
        mapping=checked if mapping else {},
        push_secret=secret,
    )
    source.full_clean()
    source.save()
    audit_record(
        actor=actor, action="services.source_create", obj=source, organisation=organisation
    )
    return source, secret


@transaction.atomic
def source_update(
    *, actor: Any, source: CaseSource, mapping: dict[str, Any], is_active: bool
) -> CaseSource:
    _source_check(actor, source.organisation)
    try:
        checked = mapping_check(mapping)
    except MappingError as exc:
        raise ValidationError({"mapping": str(exc)}) from exc
    old = {"mapping": source.mapping, "is_active": source.is_active}
    source.mapping, source.is_active = checked, is_active
    source.save(update_fields=["mapping", "is_active"])
    audit_record(
        actor=actor,
        action="services.source_update",
        obj=source,
        organisation=source.organisation,
        old=old,
        new={"mapping": checked, "is_active": is_active},
    )
    return source


@transaction.atomic
def source_secret_rotate(*, actor: Any, source: CaseSource) -> str:
    _source_check(actor, source.organisation)
    secret = secrets.token_urlsafe(32)
    source.push_secret = secret
    source.save(update_fields=["push_secret"])
    audit_record(actor=actor, action="services.source_secret_rotate", obj=source)
    return secret
