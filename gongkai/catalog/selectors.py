"""Reads of the catalog: public ones see only published items; staff ones are scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.catalog.choices import ItemStatus, VersionStatus
from gongkai.catalog.models import CatalogItem, CatalogItemVersion, CatalogReview
from gongkai.core.params import id_param

PUBLIC_FILTERS = ("domain", "organisation", "stage", "mode", "tier", "q")


def catalog_items_public(*, filters: dict[str, Any] | None = None) -> QuerySet[CatalogItem]:
    filters = filters or {}
    qs = (
        CatalogItem.objects.published()
        .filter(is_group=False)
        .select_related("domain", "organisation", "parent__parent")
    )
    if filters.get("domain"):
        qs = qs.filter(
            Q(domain__code=filters["domain"]) | Q(domain__merged_from__code=filters["domain"])
        )
    if filters.get("organisation"):
        qs = qs.filter(organisation_id=id_param(filters["organisation"]) or 0)
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("mode"):
        qs = qs.filter(mode=filters["mode"])
    if filters.get("tier") == "county":
        qs = qs.filter(tier_county=True)
    elif filters.get("tier") == "township":
        qs = qs.filter(tier_township=True)
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(content__icontains=q) | Q(code__startswith=q))
    return qs.order_by("domain__display_order", "code").distinct()


def catalog_item_public_get(*, code: str) -> CatalogItem:
    item = (
        CatalogItem.objects.filter(code=code, status__in=[ItemStatus.PUBLISHED, ItemStatus.REVOKED])
        .select_related("domain", "organisation", "parent__parent")
        .first()
    )
    if item is None:
        raise Http404("没有找到该公开事项")
    return item


def catalog_item_versions_public(item: CatalogItem) -> QuerySet[CatalogItemVersion]:
    return item.versions.filter(status=VersionStatus.EFFECTIVE).order_by("-number")


def catalog_adjustments(*, start: dt.date, end: dt.date) -> QuerySet[CatalogItemVersion]:
    """本期调整: every version that took effect in [start, end]."""
    return (
        CatalogItemVersion.objects.filter(
            status=VersionStatus.EFFECTIVE, effective_date__range=(start, end), item__is_group=False
        )
        .select_related("item__domain", "item__organisation")
        .order_by("-effective_date", "-id")
    )


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    end = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1) - dt.timedelta(
        days=1
    )
    return start, end


def catalog_items_for_staff(*, user: Any) -> QuerySet[CatalogItem]:
    return CatalogItem.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "domain", "organisation", "parent"
    )


def catalog_item_for_staff(*, user: Any, pk: int) -> CatalogItem:
    item = catalog_items_for_staff(user=user).filter(pk=pk).first()
    if item is None:
        raise Http404("没有找到该事项，或您无权查看")
    return item


def catalog_reviews_for_staff(*, user: Any) -> QuerySet[CatalogReview]:
    return CatalogReview.objects.filter(
        item__organisation__in=orgs_visible_to(user)
    ).select_related("item__organisation", "version", "submitted_by")


# supervision reads (docs/supervision.md#obligations) ---------------------------------------
def periodic_items_in_force(*, organisation_ids: list[int] | None = None) -> QuerySet[CatalogItem]:
    """Published 主动公开 items disclosed 每月/每季度/每年: each period is an obligation."""
    from gongkai.catalog.choices import DisclosureMode, Period, TimeLimitKind

    qs = CatalogItem.objects.published().filter(
        is_group=False,
        mode=DisclosureMode.PROACTIVE,
        time_limit_kind=TimeLimitKind.PERIODIC,
        period__in=[Period.MONTHLY, Period.QUARTERLY, Period.YEARLY],
    )
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return qs.select_related("organisation")


def guides_without_materials(*, organisation_ids: list[int], limit: int = 50) -> dict[str, Any]:
    """办事指南 (权责清单 and 公共服务清单 items) with an empty 材料目录: count and first few."""
    from gongkai.catalog.models import PowerItem, ServiceItem

    rows: list[dict[str, Any]] = []
    total = 0
    for model in (PowerItem, ServiceItem):
        qs = model.objects.filter(
            organisation_id__in=organisation_ids, materials__isnull=True
        ).select_related("organisation")
        total += qs.count()
        rows += [
            {"label": str(i), "url": i.get_absolute_url(), "organisation": i.organisation.name}
            for i in qs.order_by("code")[: max(0, limit - len(rows))]
        ]
    return {"count": total, "items": rows}


def organisations_of_items(*, codes: list[str]) -> dict[str, int]:
    """{item code: its 公开主体} (supervision: whose page failed an inspection)."""
    return dict(CatalogItem.objects.filter(code__in=codes).values_list("code", "organisation_id"))
