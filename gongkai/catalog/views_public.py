"""Public pages of the 政务公开事项标准目录 (docs/catalog.md)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.catalog.choices import DisclosureMode, Stage
from gongkai.catalog.models import Domain, PowerItem, ServiceItem
from gongkai.catalog.selectors import (
    PUBLIC_FILTERS,
    catalog_adjustments,
    catalog_item_public_get,
    catalog_item_versions_public,
    catalog_items_public,
    quarter_bounds,
)
from gongkai.catalog.snapshots import diff_rows
from gongkai.catalog.xlsx_export import catalog_export, export_queryset
from gongkai.core.links import PUBLIC, subject_links
from gongkai.core.views_util import paginate


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip()[:100] for k in PUBLIC_FILTERS if request.GET.get(k)}


def catalog_index(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    items = catalog_items_public(filters=filters)
    page, query = paginate(request, items, 30)
    facet_base = catalog_items_public(filters={k: v for k, v in filters.items() if k != "stage"})
    stage_counts = dict(facet_base.order_by().values_list("stage").annotate(n=Count("id")))
    return render(
        request,
        "catalog/index.html",
        {
            "page": page,
            "filters": filters,
            "query": query,
            "domains": Domain.objects.filter(is_active=True, merged_into__isnull=True),
            "organisations": Organisation.objects.filter(is_active=True).exclude(
                kind=OrgKind.VILLAGE
            ),
            "stages": [(s.value, s.label, stage_counts.get(s.value, 0)) for s in Stage],
            "modes": DisclosureMode.choices,
            "column_name": "政务公开事项标准目录",
            "column_type": "信息公开目录",
        },
    )


def catalog_item_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = catalog_item_public_get(code=code)
    return render(
        request,
        "catalog/item.html",
        {
            "item": item,
            "versions": catalog_item_versions_public(item),
            "power_items": item.power_items.select_related("organisation"),
            "service_items": item.service_items.select_related("organisation"),
            "subject_links": subject_links(item, audience=PUBLIC),
            "column_name": "政务公开事项标准目录",
            "column_type": "信息公开目录",
        },
    )


def catalog_item_moved(request: HttpRequest, code: str) -> HttpResponse:
    """The item page's earlier address (before pages were published as files)."""
    return redirect(reverse("catalog:item", args=[code]), permanent=True)


def catalog_item_diff(request: HttpRequest, code: str) -> HttpResponse:
    item = catalog_item_public_get(code=code)
    versions = {v.number: v for v in catalog_item_versions_public(item)}
    if len(versions) < 1:
        raise Http404("该事项没有历史版本")
    numbers = sorted(versions)
    try:
        b = int(request.GET.get("b", numbers[-1]))
        a = int(request.GET.get("a", numbers[-2] if len(numbers) > 1 else numbers[-1]))
    except ValueError as exc:
        raise Http404("版本号无效") from exc
    if a not in versions or b not in versions:
        raise Http404("没有该版本")
    return render(
        request,
        "catalog/diff.html",
        {
            "item": item,
            "a": versions[a],
            "b": versions[b],
            "numbers": numbers,
            "rows": diff_rows(versions[a].snapshot, versions[b].snapshot),
            "column_name": "目录调整对比",
            "column_type": "信息公开目录",
        },
    )


def catalog_adjustment_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        anchor = dt.date.fromisoformat(request.GET["period"]) if "period" in request.GET else today
    except ValueError:
        anchor = today
    start, end = quarter_bounds(anchor)
    prev_start = quarter_bounds(start - dt.timedelta(days=1))[0]
    next_start = end + dt.timedelta(days=1)
    return render(
        request,
        "catalog/adjustments.html",
        {
            "versions": catalog_adjustments(start=start, end=end),
            "start": start,
            "end": end,
            "prev": prev_start,
            "next": next_start if next_start <= today else None,
            "quarter": (start.month - 1) // 3 + 1,
            "column_name": "本期调整",
            "column_type": "信息公开目录",
        },
    )


def catalog_export_xlsx(request: HttpRequest) -> HttpResponse:
    items = export_queryset(catalog_items_public(filters=_filters(request)))
    from django.conf import settings

    data = catalog_export(items, government_name=settings.SITE_NAME)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
        "政务公开事项标准目录.xlsx"
    )
    return response


def org_list(request: HttpRequest) -> HttpResponse:
    orgs = (
        Organisation.objects.filter(is_active=True)
        .exclude(kind=OrgKind.VILLAGE)
        .select_related("parent")
    )
    return render(
        request,
        "catalog/orgs.html",
        {
            "orgs": orgs,
            "column_name": "信息公开指南",
            "column_type": "信息公开指南",
        },
    )


def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk, is_active=True)
    items = catalog_items_public(filters={"organisation": str(org.pk)})
    return render(
        request,
        "catalog/org.html",
        {
            "org": org,
            "publications": org.publications.published().order_by("-published_at")[:10],
            "items": items[:200],
            "item_count": items.count(),
            "children": org.children.filter(is_active=True),
            "column_name": org.name,
            "column_type": "机构信息",
        },
    )


def power_detail(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(PowerItem.objects.select_related("organisation"), code=code)
    return render(
        request,
        "catalog/guide.html",
        {
            "obj": obj,
            "kind": "权责清单",
            "column_name": "权责清单",
            "column_type": "办事服务",
        },
    )


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(ServiceItem.objects.select_related("organisation"), code=code)
    return render(
        request,
        "catalog/guide.html",
        {
            "obj": obj,
            "kind": "公共服务清单",
            "column_name": "公共服务清单",
            "column_type": "办事服务",
        },
    )
