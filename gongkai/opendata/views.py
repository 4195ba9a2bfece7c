"""数据开放 public pages (docs/opendata.md#public): browse and search the catalog by 领域,
organisation, format, 开放属性 and tag; a dataset with its resources, versions, API examples
and change history; a resource's rows (sort, filter, search, pages, a chart); downloads of
any version and of the filtered rows as CSV, JSON and XLSX, streamed."""

from __future__ import annotations

import json
import tempfile
from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.charts import bar_chart_svg
from gongkai.core.views_util import paginate
from gongkai.opendata import datastore, selectors
from gongkai.opendata.quality import quality
from gongkai.opendata.rules import Access, FieldType, Format
from gongkai.opendata.stats import usage_count, usage_totals

FEEDS = [
    {"type": "application/rss+xml", "title": "数据集变更（RSS）", "href": "/data/feeds/rss.xml"},
    {"type": "application/atom+xml", "title": "数据集变更（Atom）", "href": "/data/feeds/atom.xml"},
]
CONTEXT = {"column_name": "数据开放", "column_type": "数据开放", "feeds": FEEDS}
PAGE_ROWS = 20
XLSX_MAX_ROWS = 1_048_575  # Excel's own limit


def index(request: HttpRequest) -> HttpResponse:
    qs = selectors.datasets_public()
    chosen: dict[str, str] = {}
    mapping = {
        "domain": "groups",
        "org": "organization",
        "format": "res_format",
        "access": "access",
        "tag": "tags",
    }
    for param, field in mapping.items():
        value = (request.GET.get(param) or "").strip()[:100]
        if value:
            qs = qs.filter(selectors.field_q(field, value))
            chosen[param] = value
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(selectors.text_q(q.split()))
    qs = qs.distinct().order_by("-modified_at", "pk")
    counted = selectors.facet_counts(qs, list(mapping.values()))
    titles = counted.pop("__titles__")  # type: ignore[arg-type]
    facets = []
    for param, field in mapping.items():
        items = [
            {
                "value": k,
                "label": titles[field].get(k, k),
                "count": n,
                "href": "?"
                + urlencode({**chosen, "q": q, param: k} if q else {**chosen, param: k}),
                "active": chosen.get(param) == k,
            }
            for k, n in counted[field].most_common(30)
        ]
        facets.append({"param": param, "title": FACET_TITLES[param], "items": items})
    page, query = paginate(request, qs, PAGE_ROWS)
    return render(
        request,
        "opendata/index.html",
        {"page": page, "query": query, "q": q, "facets": facets, "chosen": chosen, **CONTEXT},
    )


FACET_TITLES = {
    "domain": "领域",
    "org": "数据提供方",
    "format": "格式",
    "access": "开放属性",
    "tag": "标签",
}


def dataset(request: HttpRequest, name: str) -> HttpResponse:
    ds = selectors.dataset_public_get(name=name)
    usage_count(ds.pk, "view")
    overdue = ds.corrections.filter(status="open", due_date__lt=timezone.localdate()).count()
    base = request.build_absolute_uri("/").rstrip("/")
    first_table = next(
        (r for r in ds.resources.all() if r.current() and r.current().queryable), None
    )
    return render(
        request,
        "opendata/dataset.html",
        {
            "ds": ds,
            "resources": ds.resources.all(),
            "events": ds.events.filter(public=True)[:50],
            "usage": usage_totals(ds.pk),
            "quality": quality(ds, open_corrections_overdue=overdue),
            "corrections": ds.corrections.order_by("-created_at")[:50],
            "reuses": ds.reuses.filter(status="approved"),
            "base": base,
            "example": first_table,
            "Access": Access,
            **CONTEXT,
        },
    )


def _allowed(request: HttpRequest, ds: Any) -> bool:
    """无条件开放, or 有条件开放 with a key of an approved application (``?key=`` or the
    ``X-CKAN-API-Key`` header)."""
    if ds.downloadable:
        return True
    from gongkai.opendata.participation import key_allows

    raw = request.GET.get("key") or request.headers.get("X-CKAN-API-Key", "")
    return bool(raw) and key_allows(raw, ds)


def _filters(request: HttpRequest, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """``?f.<field>=<value>``: equality filters on the preview and the filtered downloads."""
    known = {f["id"] for f in fields}
    out = {}
    for key, value in request.GET.items():
        if key.startswith("f.") and key[2:] in known and value.strip():
            out[key[2:]] = value.strip()[:200]
    return out


def resource(request: HttpRequest, name: str, rid: Any) -> HttpResponse:
    ds = selectors.dataset_public_get(name=name)
    res = selectors.resource_public_get(dataset=ds, resource_id=rid)
    version = res.current()
    context: dict[str, Any] = {"ds": ds, "res": res, "version": version, **CONTEXT}
    if not _allowed(request, ds):
        return render(request, "opendata/resource.html", {**context, "locked": True})
    key = request.GET.get("key", "")[:100]
    if version is None or not version.queryable:
        return render(request, "opendata/resource.html", {**context, "not_loaded": True})
    filters = _filters(request, version.fields)
    q = (request.GET.get("q") or "").strip()[:100]
    sort = (request.GET.get("sort") or "").strip()[:120]
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        number = 1
    try:
        result = datastore.search(
            table=version.table,
            fields=version.fields,
            filters=filters,
            q=q,
            sort=sort,
            limit=PAGE_ROWS,
            offset=(number - 1) * PAGE_ROWS,
        )
        error = ""
    except datastore.DatastoreError as exc:
        result = {"records": [], "total": 0, "fields": []}
        error = "；".join(exc.messages)
    total = result["total"] or 0
    pages = max(1, -(-total // PAGE_ROWS))
    names = [f["id"] for f in version.fields]
    keep = {
        **{f"f.{k}": v for k, v in filters.items()},
        **({"q": q} if q else {}),
        **({"key": key} if key else {}),
    }
    sorts = {}
    for f in version.fields:
        direction = "desc" if sort == f"{f['id']} asc" else "asc"
        sorts[f["id"]] = "?" + urlencode({**keep, "sort": f"{f['id']} {direction}"})
    rows = [[r.get("_id"), *(r.get(n) for n in names)] for r in result["records"]]
    labelled = [{**f, "label": FieldType(f["type"]).label} for f in version.fields]
    context.update(
        fields=labelled,
        rows=rows,
        total=total,
        number=number,
        pages=pages,
        prev_url="?" + urlencode({**keep, "sort": sort, "page": number - 1}) if number > 1 else "",
        next_url="?" + urlencode({**keep, "sort": sort, "page": number + 1})
        if number < pages
        else "",
        sort=sort,
        filters=filters,
        q=q,
        sorts=sorts,
        error=error,
        export_query=urlencode({**keep, "sort": sort}),
        chart=_chart(version.fields, result["records"]),
    )
    return render(request, "opendata/resource.html", context)


def _chart(fields: list[dict[str, Any]], records: list[dict[str, Any]]) -> str:
    """The first numeric column of the rows shown, labelled by the first text column."""
    numeric = next((f["id"] for f in fields if f["type"] in ("int", "numeric")), None)
    if numeric is None or not records:
        return ""
    label = next((f["id"] for f in fields if f["type"] == "text"), "_id")
    rows = list(reversed(records))
    return bar_chart_svg(
        f"{numeric}（本页）",
        [str(r.get(label) or "")[:30] for r in rows],
        [r.get(numeric) for r in rows],
        series=numeric,
    )


def _locked(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": "需要申请",
            "message": "该数据集为有条件开放，请提交申请，获批后凭授权下载。",
            "status": 403,
        },
        status=403,
    )


def download(request: HttpRequest, name: str, rid: Any, number: int | None = None) -> HttpResponse:
    ds = selectors.dataset_public_get(name=name)
    res = selectors.resource_public_get(dataset=ds, resource_id=rid)
    if not _allowed(request, ds):
        return _locked(request)
    versions = res.public_versions()
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None or res.format == Format.API:
        raise Http404("该资源没有可下载的文件")
    usage_count(ds.pk, "download")
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)


def export(request: HttpRequest, name: str, rid: Any, fmt: str) -> HttpResponse:
    """The rows of the current version, filtered and sorted as on the preview, streamed."""
    ds = selectors.dataset_public_get(name=name)
    res = selectors.resource_public_get(dataset=ds, resource_id=rid)
    if not _allowed(request, ds):
        return _locked(request)
    version = res.current()
    if version is None or not version.queryable or fmt not in ("csv", "json", "xlsx"):
        raise Http404("没有可导出的数据")
    filters = _filters(request, version.fields)
    q = (request.GET.get("q") or "").strip()[:100]
    sort = (request.GET.get("sort") or "").strip()[:120]
    headers = [f["id"] for f in version.fields]
    try:
        datastore.search(
            table=version.table,
            fields=version.fields,
            filters=filters,
            q=q,
            sort=sort,
            limit=0,
            include_total=False,
        )  # validates before streaming
    except datastore.DatastoreError as exc:
        return render(
            request,
            "error.html",
            {"title": "导出条件不正确", "message": "；".join(exc.messages), "status": 400},
            status=400,
        )
    rows = datastore.stream_rows(
        table=version.table, fields=version.fields, filters=filters, q=q, sort=sort
    )
    usage_count(ds.pk, "download")
    stem = f"{ds.name}-{version.number}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            datastore.csv_chunks(headers, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "json":
        response = StreamingHttpResponse(
            datastore.json_chunks(headers, rows), content_type="application/json; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        spool = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it when sent
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("数据")
        ws.append(headers)
        for n, row in enumerate(rows):
            if n >= XLSX_MAX_ROWS:
                break
            ws.append(row)
        wb.save(spool)
        spool.seek(0)
        response = FileResponse(
            spool, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def api_examples(ds: Any, res: Any, base: str) -> dict[str, str]:
    url = f"{base}/api/3/action/datastore_search"
    return {
        "curl": f"curl '{url}?resource_id={res.pk}&limit=5'",
        "python": (
            "from ckanapi import RemoteCKAN\n"
            f"ckan = RemoteCKAN('{base}')\n"
            f"rows = ckan.action.datastore_search(resource_id='{res.pk}', limit=5)\n"
            "print(rows['total'], rows['records'])"
        ),
        "json": json.dumps({"resource_id": str(res.pk), "limit": 5}),
    }
