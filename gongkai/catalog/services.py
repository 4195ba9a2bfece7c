"""Write use cases of the catalog (docs/catalog.md). Views, API, admin and import call these.

Lifecycle: 草稿 → (主动公开) 已发布 | (非主动公开) 待审核 → 已发布 / 已退回.
A published item changes only through 动态调整: a version with reason and effective date;
versions effective in the future are applied by a daily job.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, can_supervise_org, is_office, is_sysadmin
from gongkai.catalog.choices import (
    ITEM_ALLOWED_FROM,
    ITEM_REFUSALS,
    ChangeKind,
    ItemAction,
    ItemStatus,
    ReviewDecision,
    VersionStatus,
)
from gongkai.catalog.models import (
    CatalogItem,
    CatalogItemVersion,
    CatalogReview,
    CatalogSettings,
    Domain,
    PowerItem,
    ServiceItem,
)
from gongkai.catalog.rules import child_code, parse_time_limit
from gongkai.catalog.signals import announce_items
from gongkai.catalog.snapshots import EDITABLE_FIELDS, PLAIN_FIELDS, item_snapshot
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import deadline_sync, deadlines_close_for


def _guard(item: CatalogItem, action: str) -> None:
    """Refuse what the item's declared states do not allow (catalog.choices)."""
    if not item.can(action):
        raise ValidationError(ITEM_REFUSALS[action])


REVIEW_DEADLINE = "catalog.review"  # 政务公开办 reviews a non-主动公开 item (catalog/apps.py)


def _require_edit(actor: Any, org_id: int | None) -> None:
    if not can_edit_org(actor, org_id):
        raise PermissionDenied("您无权编辑其他机构的公开事项")


def catalog_code_next(*, domain: Domain, parent: CatalogItem | None) -> str:
    cfg = CatalogSettings.load()
    prefix = parent.code if parent else domain.code
    siblings = CatalogItem.objects.filter(domain=domain, parent=parent).values_list(
        "code", flat=True
    )
    used = set(siblings)
    seq = 1
    while True:
        code = child_code(prefix, seq, width=cfg.segment_width, separator=cfg.separator)
        if code not in used and not CatalogItem.objects.filter(code=code).exists():
            return code
        seq += 1


def _apply_data(item: CatalogItem, data: dict[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS) - {"code", "power_items", "service_items"}
    if unknown:
        raise ValueError(f"unknown catalog fields: {sorted(unknown)}")
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    if "time_limit_text" in data and "time_limit_kind" not in data:
        rule = parse_time_limit(item.time_limit_text)
        item.time_limit_kind, item.trigger_event = rule.kind, rule.trigger_event
        item.limit_days, item.limit_unit = rule.days, rule.unit
        item.period, item.period_due_day = rule.period, rule.due_day


def _set_links(item: CatalogItem, data: dict[str, Any]) -> None:
    if "power_items" in data:
        item.power_items.set(data["power_items"])
    if "service_items" in data:
        item.service_items.set(data["service_items"])


def _link_codes(data: dict[str, Any], key: str) -> list[str] | None:
    return sorted(obj.code for obj in data[key]) if key in data else None


@transaction.atomic
def catalog_item_create(*, actor: Any, data: dict[str, Any]) -> CatalogItem:
    """A new draft item; the code is generated from the hierarchy unless given."""
    org = data.get("organisation")
    _require_edit(actor, getattr(org, "pk", None))
    item = CatalogItem()
    _apply_data(item, data)
    item.code = (data.get("code") or "").strip() or catalog_code_next(
        domain=item.domain, parent=item.parent
    )
    item.status = ItemStatus.DRAFT
    item.full_clean()
    item.save()
    _set_links(item, data)
    audit_record(
        actor=actor,
        action="catalog_item.create",
        obj=item,
        organisation=item.organisation,
        new=item_snapshot(item),
    )
    return item


@transaction.atomic
def catalog_item_update_draft(
    *, actor: Any, item: CatalogItem, data: dict[str, Any]
) -> CatalogItem:
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    _require_edit(actor, item.organisation_id)
    _guard(item, ItemAction.EDIT)
    if "organisation" in data:
        _require_edit(actor, data["organisation"].pk)
    old = item_snapshot(item)
    _apply_data(item, data)
    item.full_clean()
    item.save()
    _set_links(item, data)
    new = item_snapshot(item)
    audit_record(
        actor=actor,
        action="catalog_item.update",
        obj=item,
        organisation=item.organisation,
        old=old,
        new=new,
    )
    return item


def _next_version_number(item: CatalogItem) -> int:
    return (item.versions.aggregate(m=Max("number"))["m"] or 0) + 1


def _open_review(
    *, actor: Any, item: CatalogItem, version: CatalogItemVersion | None
) -> CatalogReview:
    review = CatalogReview.objects.create(item=item, version=version, submitted_by=actor)
    deadline_sync(
        subject=review,
        kind=REVIEW_DEADLINE,
        organisation=item.organisation,
        start=timezone.localdate(),
        rule=ClockRule.working_days(CatalogSettings.load().review_working_days),
        label=f"非主动公开事项审核：{item.name}",
    )
    return review


def _publish_version(version: CatalogItemVersion, *, today: dt.date | None = None) -> None:
    """Make a version effective now, or leave it scheduled for its effective date."""
    today = today or timezone.localdate()
    if version.effective_date > today:
        version.status = VersionStatus.SCHEDULED
        version.save(update_fields=["status"])
        return
    item = CatalogItem.objects.select_for_update().get(pk=version.item_id)
    snap = version.snapshot
    for field in PLAIN_FIELDS:
        setattr(item, field, snap[field])
    item.organisation_id = snap["organisation"]
    item.status = (
        ItemStatus.REVOKED if version.change_kind == ChangeKind.REVOKED else ItemStatus.PUBLISHED
    )
    item.version = version.number
    item.save()
    item.power_items.set(PowerItem.objects.filter(code__in=snap["power_items"]))
    item.service_items.set(ServiceItem.objects.filter(code__in=snap["service_items"]))
    version.status = VersionStatus.EFFECTIVE
    version.applied_at = timezone.now()
    version.save(update_fields=["status", "applied_at"])
    announce_items([item.code])
    audit_record(
        actor=None,
        action="catalog_version.effective",
        obj=item,
        organisation=item.organisation,
        new={"version": version.number, "change": version.change_kind},
        note=version.reason,
    )


@transaction.atomic
def catalog_item_submit(
    *,
    actor: Any,
    item: CatalogItem,
    reason: str = "首次发布",
    effective_date: dt.date | None = None,
) -> CatalogItem:
    """Publish a draft; items that are not 主动公开 go to the 政务公开办 first."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    _require_edit(actor, item.organisation_id)
    _guard(item, ItemAction.SUBMIT)
    item.full_clean()
    version = CatalogItemVersion.objects.create(
        item=item,
        number=_next_version_number(item),
        change_kind=ChangeKind.ADDED,
        status=VersionStatus.PENDING_REVIEW,
        snapshot=item_snapshot(item),
        reason=reason,
        effective_date=effective_date or timezone.localdate(),
        created_by=actor,
    )
    old_status = item.status
    if item.needs_review and not (is_office(actor) or is_sysadmin(actor)):
        item.status = ItemStatus.PENDING_REVIEW
        item.save(update_fields=["status", "updated_at"])
        _open_review(actor=actor, item=item, version=version)
    else:
        _publish_version(version)  # a future effective date leaves it scheduled
        item.refresh_from_db()
    audit_record(
        actor=actor,
        action="catalog_item.submit",
        obj=item,
        organisation=item.organisation,
        old={"status": old_status},
        new={"status": item.status, "version": version.number},
    )
    return item


@transaction.atomic
def catalog_item_adjust(
    *, actor: Any, item: CatalogItem, data: dict[str, Any], reason: str, effective_date: dt.date
) -> CatalogItemVersion:
    """动态调整 of a published item: a new version with reason and effective date."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    _require_edit(actor, item.organisation_id)
    if item.status not in ITEM_ALLOWED_FROM[ItemAction.ADJUST]:
        raise ValidationError(ITEM_REFUSALS[ItemAction.ADJUST])
    if not item.can(ItemAction.ADJUST):
        raise ValidationError("该事项已有待审核或待生效的调整，请等待其处理后再调整")
    if not reason.strip():
        raise ValidationError({"reason": "请填写调整原因"})
    if effective_date < timezone.localdate():
        raise ValidationError({"effective_date": "生效日期不能早于今天"})
    if "organisation" in data:
        _require_edit(actor, data["organisation"].pk)
    proposed = CatalogItem.objects.get(pk=item.pk)
    _apply_data(proposed, data)
    proposed.full_clean(exclude=["code"])
    snap = item_snapshot(
        proposed,
        power_codes=_link_codes(data, "power_items"),
        service_codes=_link_codes(data, "service_items"),
    )
    if snap == item_snapshot(item):
        raise ValidationError("内容没有变化，无需调整")
    version = CatalogItemVersion.objects.create(
        item=item,
        number=_next_version_number(item),
        change_kind=ChangeKind.ADJUSTED,
        status=VersionStatus.PENDING_REVIEW,
        snapshot=snap,
        reason=reason.strip(),
        effective_date=effective_date,
        created_by=actor,
    )
    if proposed.needs_review and not (is_office(actor) or is_sysadmin(actor)):
        _open_review(actor=actor, item=item, version=version)
    else:
        _publish_version(version)
    audit_record(
        actor=actor,
        action="catalog_item.adjust",
        obj=item,
        organisation=item.organisation,
        old=item_snapshot(item),
        new=snap,
        note=reason,
    )
    return version


@transaction.atomic
def catalog_item_revoke(
    *, actor: Any, item: CatalogItem, reason: str, effective_date: dt.date
) -> CatalogItemVersion:
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    _require_edit(actor, item.organisation_id)
    _guard(item, ItemAction.REVOKE)
    if not reason.strip():
        raise ValidationError({"reason": "请填写取消原因"})
    if item.children.filter(status=ItemStatus.PUBLISHED).exists():
        raise ValidationError("该事项下还有已发布的下级事项，请先取消下级事项")
    version = CatalogItemVersion.objects.create(
        item=item,
        number=_next_version_number(item),
        change_kind=ChangeKind.REVOKED,
        status=VersionStatus.SCHEDULED,
        snapshot=item_snapshot(item),
        reason=reason.strip(),
        effective_date=effective_date,
        created_by=actor,
    )
    _publish_version(version)
    audit_record(
        actor=actor,
        action="catalog_item.revoke",
        obj=item,
        organisation=item.organisation,
        note=reason,
    )
    return version


@transaction.atomic
def catalog_review_decide(
    *, actor: Any, review: CatalogReview, approve: bool, comment: str
) -> CatalogReview:
    """政务公开办 approves or returns an item that is not 主动公开 (with comments)."""
    review = CatalogReview.objects.select_for_update().select_related("item").get(pk=review.pk)
    if not can_supervise_org(actor, review.item.organisation_id):
        raise PermissionDenied("只有本级政务公开办可以审核非主动公开事项")
    if review.decision != ReviewDecision.PENDING:
        raise ValidationError("该审核已处理")
    if not approve and not comment.strip():
        raise ValidationError({"comment": "退回时请填写审核意见"})
    review.decision = ReviewDecision.APPROVED if approve else ReviewDecision.RETURNED
    review.decided_by, review.decided_at, review.comment = actor, timezone.now(), comment.strip()
    review.save()
    deadlines_close_for(review, on=timezone.localdate())
    item, version = review.item, review.version
    if approve and version is not None:
        _publish_version(version)
    elif version is not None:
        version.status = VersionStatus.RETURNED
        version.save(update_fields=["status"])
        if item.status == ItemStatus.PENDING_REVIEW:
            item.status = ItemStatus.RETURNED
            item.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="catalog_review.decide",
        obj=item,
        organisation=item.organisation,
        new={"decision": review.decision, "comment": review.comment},
    )
    return review


@transaction.atomic
def catalog_versions_apply_due(*, today: dt.date | None = None) -> int:
    """Apply every scheduled version whose effective date has come (daily job)."""
    today = today or timezone.localdate()
    due = (
        CatalogItemVersion.objects.select_for_update()
        .filter(status=VersionStatus.SCHEDULED, effective_date__lte=today)
        .order_by("effective_date", "number")
    )
    count = 0
    for version in due:
        _publish_version(version, today=today)
        count += 1
    return count


@transaction.atomic
def domain_rename(*, actor: Any, domain: Domain, name: str) -> Domain:
    _require_office(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "领域名称不能为空"})
    if Domain.objects.exclude(pk=domain.pk).filter(name=name).exists():
        raise ValidationError({"name": f"已有名为“{name}”的领域"})
    old = domain.name
    domain.name = name
    domain.save(update_fields=["name"])
    audit_record(
        actor=actor, action="domain.rename", obj=domain, old={"name": old}, new={"name": name}
    )
    return domain


@transaction.atomic
def domain_reorder(*, actor: Any, ordered_ids: list[int]) -> None:
    _require_office(actor)
    for position, pk in enumerate(ordered_ids, start=1):
        Domain.objects.filter(pk=pk).update(display_order=position * 10)
    audit_record(
        actor=actor,
        action="domain.reorder",
        object_type="catalog.domain",
        object_id="*",
        object_repr="领域排序",
        new={"order": ordered_ids},
    )


@transaction.atomic
def domain_merge(*, actor: Any, source: Domain, target: Domain) -> int:
    """Move every item of ``source`` under ``target`` and retire ``source`` (codes are kept)."""
    _require_office(actor)
    if source.pk == target.pk:
        raise ValidationError("不能把领域并入它自己")
    if target.merged_into_id:
        raise ValidationError(f"“{target.name}”已并入其他领域，不能作为合并目标")
    moved = CatalogItem.objects.filter(domain=source).update(domain=target)
    source.merged_into, source.is_active = target, False
    source.save(update_fields=["merged_into", "is_active"])
    audit_record(
        actor=actor,
        action="domain.merge",
        obj=source,
        new={"merged_into": target.name, "items_moved": moved},
    )
    return moved


def _require_office(actor: Any) -> None:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("只有政务公开办或系统管理员可以管理领域")


def organisation_for_name(name: str, *, within: Organisation | None) -> Organisation | None:
    """Match a 公开主体 cell by full or short name inside one 人民政府 (or anywhere)."""
    qs = Organisation.objects.filter(is_active=True)
    if within is not None and within.government_id:
        qs = qs.filter(government_id=within.government_id)
    name = name.strip()
    return qs.filter(name=name).first() or qs.filter(short_name=name).first()
