"""The CKAN Action API (docs/opendata.md#ckan): ``/api/3/action/<name>`` and
``/api/action/<name>``, GET and POST, no redirects, CKAN's envelope, error types and status
codes (anchors §2), so ckanapi, the CKAN harvester and other CKAN clients work unmodified.

One view parses the request and answers in the envelope; each action is one function in
``ACTIONS`` that takes the parameters and returns the result (or raises an ``ApiError``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from gongkai.accounts.models import Organisation
from gongkai.opendata import ckan_dicts as D
from gongkai.opendata import datastore, selectors
from gongkai.opendata.models import Dataset, Resource
from gongkai.opendata.rules import Access

ROWS_MAX = 1000
LINK = "/api/3/action/datastore_search"
LIST_PARAMS = {"facet.field", "fields", "fq_list"}
JSON_PARAMS = {"filters", "q"}  # datastore_search takes these as JSON dicts too


class ApiError(Exception):
    status = 500
    kind = "Internal Server Error"

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message, self.extra = message, extra


class NotFound(ApiError):
    status, kind = 404, "Not Found Error"


class NotAuthorized(ApiError):
    status, kind = 403, "Authorization Error"


class Invalid(ApiError):
    status, kind = 409, "Validation Error"


class SearchQueryError(ApiError):
    status, kind = 400, "Search Query Error"


# transport ----------------------------------------------------------------------------------
def _params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "GET":
        out: dict[str, Any] = {}
        for key in request.GET:
            values = request.GET.getlist(key)
            out[key] = values if len(values) > 1 else values[0]
        return out
    if request.content_type == "application/json" or not request.content_type:
        body = request.body or b"{}"
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return data
    out = {k: (v if len(v) > 1 else v[0]) for k, v in request.POST.lists()}
    out.update({k: f for k, f in request.FILES.items()})
    return out


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value)
    if text.startswith("["):
        try:
            data = json.loads(text)
        except ValueError:
            raise SearchQueryError(f"参数格式不正确：{text[:50]}") from None
        return [str(v) for v in data] if isinstance(data, list) else [text]
    return [v.strip() for v in text.split(",") if v.strip()]


def _int(params: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    raw = params.get(key, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Invalid(f"{key}应为整数", **{key: [f"{key}应为整数"]}) from None
    if not low <= value <= high:
        raise Invalid(f"{key}应在{low}至{high}之间", **{key: [f"应在{low}至{high}之间"]})
    return value


def _bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes", "on")


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# actions ------------------------------------------------------------------------------------
def site_read(request: HttpRequest, p: dict[str, Any]) -> Any:
    return True


def status_show(request: HttpRequest, p: dict[str, Any]) -> Any:
    from django.conf import settings

    return {
        "site_title": getattr(settings, "SITE_NAME", "政府数据开放"),
        "site_url": _base(request),
        "site_description": "政府数据开放平台（兼容CKAN接口）",
        "ckan_version": "2.10.4",
        "locale_default": "zh_Hans_CN",
        "extensions": ["datastore", "dcat"],
    }


def package_list(request: HttpRequest, p: dict[str, Any]) -> Any:
    limit = _int(p, "limit", 100_000, 0, 100_000)
    offset = _int(p, "offset", 0, 0, 10**9)
    names = selectors.datasets_public().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit])


def _dataset(p: dict[str, Any]) -> Dataset:
    ident = str(p.get("id") or p.get("name") or "").strip()
    if not ident:
        raise Invalid("缺少参数id", id=["缺少值"])
    qs = selectors.datasets_public()
    dataset = qs.filter(name=ident[:100]).first()
    if dataset is None and selectors._uuid(ident):
        dataset = qs.filter(pk=ident).first()
    if dataset is None:
        raise NotFound("没有找到该数据集")
    return dataset


def package_show(request: HttpRequest, p: dict[str, Any]) -> Any:
    return D.package_dict(_dataset(p), _base(request))


SEARCH_KEYS = {
    "q",
    "fq",
    "fq_list",
    "sort",
    "rows",
    "start",
    "facet",
    "facet.field",
    "facet.limit",
    "facet.mincount",
    "include_private",
    "include_drafts",
    "include_deleted",
    "use_default_schema",
    "fl",
    "qf",
    "defType",
    "mm",
    "tie",
    "bf",
    "boost",
    "wt",
}
SORTS = {
    "id": "pk",
    "name": "name",
    "title_string": "title",
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
}
TERM = re.compile(r'(-?\+?)([a-z_]+):(\[[^\]]*\]|"[^"]*"|\S+)|("[^"]*"|\S+)')


def _terms(text: str) -> Q:
    """CKAN's q/fq, the part clients use: ``field:value``, ``-field:value``, ``+field:value``,
    ``A OR B``, ``metadata_modified:[<iso> TO *]``, quoted values and plain words."""
    query = Q()
    pending_or: Q | None = None
    words: list[str] = []
    tokens = [m for m in TERM.finditer(text or "")]
    i = 0
    while i < len(tokens):
        m = tokens[i]
        if m.group(4) == "OR":
            i += 1
            continue
        if m.group(2):
            sign, field, value = m.group(1), m.group(2), m.group(3)
            if field == "metadata_modified" and value.startswith("["):
                lo = value[1:-1].split(" TO ")[0].strip()
                term = Q() if lo == "*" else Q(modified_at__gte=_moment(lo))
            else:
                try:
                    term = selectors.field_q(field, value)
                except ValueError:
                    raise SearchQueryError(f"不支持按“{field}”检索") from None
            if "-" in sign:
                term = ~term
        else:
            value = m.group(4).strip('"')
            if value in ("*:*", "*"):
                i += 1
                continue
            words.append(value)
            i += 1
            continue
        joined_or = i + 1 < len(tokens) and tokens[i + 1].group(4) == "OR"
        if pending_or is not None:
            pending_or |= term
            if not joined_or:
                query &= pending_or
                pending_or = None
        elif joined_or:
            pending_or = term
        else:
            query &= term
        i += 1
    if pending_or is not None:
        query &= pending_or
    if words:
        query &= selectors.text_q(words)
    return query


def _moment(text: str) -> Any:
    """An ISO moment of a range query; "Z" or no zone means UTC (what Solr assumes)."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SearchQueryError(f"时间格式不正确：{text[:40]}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def package_search(request: HttpRequest, p: dict[str, Any]) -> Any:
    unknown = [k for k in p if k not in SEARCH_KEYS and not k.startswith("ext_")]
    if unknown:
        raise SearchQueryError(f"搜索参数不正确：{unknown}"[:200])
    rows = _int(p, "rows", 10, 0, 10**6)
    rows = min(rows, ROWS_MAX)
    start = _int(p, "start", 0, 0, 10**9)
    qs = selectors.datasets_public()
    q = _terms(str(p.get("q") or ""))
    for fq in [str(p.get("fq") or ""), *_list(p.get("fq_list"))]:
        q &= _terms(fq)
    qs = qs.filter(q).distinct()
    sort = str(p.get("sort") or "score desc, metadata_modified desc")
    order = []
    for part in sort.split(","):
        field, _sp, direction = part.strip().partition(" ")
        if field == "score":
            continue
        if field not in SORTS:
            raise SearchQueryError(f"不支持按“{field}”排序")
        order.append(("-" if direction.strip().lower() == "desc" else "") + SORTS[field])
    qs = qs.order_by(*(order or ["-modified_at"]), "pk")
    count = qs.count()
    fields = _list(p.get("facet.field"))
    if any(f not in selectors.FACETS for f in fields):
        raise SearchQueryError("不支持的分面字段")
    facet_limit = _int(p, "facet.limit", 50, -1, 10_000)
    mincount = _int(p, "facet.mincount", 1, 0, 10**6)
    facets: dict[str, Any] = {}
    search_facets: dict[str, Any] = {}
    if fields and _bool(p.get("facet"), True):
        counted = selectors.facet_counts(qs, fields)
        titles = counted.pop("__titles__")  # type: ignore[arg-type]
        for field in fields:
            items = [(k, n) for k, n in counted[field].most_common() if n >= mincount]
            if facet_limit >= 0:
                items = items[:facet_limit]
            facets[field] = dict(items)
            search_facets[field] = {
                "title": field,
                "items": sorted(
                    (
                        {"name": k, "display_name": titles[field].get(k, k), "count": n}
                        for k, n in items
                    ),
                    key=lambda item: item["display_name"],
                ),
            }
    base = _base(request)
    return {
        "count": count,
        "sort": sort,
        "facets": facets,
        "search_facets": search_facets,
        "results": [D.package_dict(d, base) for d in qs[start : start + rows]] if rows else [],
    }


def _orgs_with_datasets() -> Any:
    return Organisation.objects.annotate(
        n=Count("datasets", filter=Q(datasets__status="published"))
    ).filter(n__gt=0)


def organization_list(request: HttpRequest, p: dict[str, Any]) -> Any:
    orgs = _orgs_with_datasets().order_by("code", "pk")
    if _bool(p.get("all_fields")):
        return [D.organization_dict(o, package_count=o.n) for o in orgs]
    return [D.org_name(o) for o in orgs]


def _org(p: dict[str, Any]) -> Any:
    ident = str(p.get("id") or "").strip().lower()
    for org in _orgs_with_datasets():
        if ident in (D.org_name(org), str(org.pk)):
            return org
    raise NotFound("没有找到该机构")


def organization_show(request: HttpRequest, p: dict[str, Any]) -> Any:
    org = _org(p)
    out = D.organization_dict(org, package_count=org.n)
    if _bool(p.get("include_datasets")):
        base = _base(request)
        out["packages"] = [
            D.package_dict(d, base) for d in selectors.datasets_public().filter(organisation=org)
        ]
    return out


def _domains() -> Any:
    from gongkai.catalog.models import Domain

    return Domain.objects.annotate(
        n=Count("datasets", filter=Q(datasets__status="published"))
    ).filter(n__gt=0)


def group_list(request: HttpRequest, p: dict[str, Any]) -> Any:
    domains = _domains().order_by("display_order", "code")
    if _bool(p.get("all_fields")):
        return [D.group_dict(d, package_count=d.n) for d in domains]
    return [D.group_name(d) for d in domains]


def group_show(request: HttpRequest, p: dict[str, Any]) -> Any:
    ident = str(p.get("id") or "").strip().lower()
    for domain in _domains():
        if ident in (D.group_name(domain), str(domain.pk)):
            out = D.group_dict(domain, package_count=domain.n)
            if _bool(p.get("include_datasets")):
                base = _base(request)
                out["packages"] = [
                    D.package_dict(d, base)
                    for d in selectors.datasets_public().filter(domain=domain)
                ]
            return out
    raise NotFound("没有找到该领域")


def tag_list(request: HttpRequest, p: dict[str, Any]) -> Any:
    query = str(p.get("query") or p.get("q") or "")
    tags = sorted(
        {
            t
            for tags in selectors.datasets_public().values_list("tags", flat=True)
            for t in tags or []
        }
    )
    if query:
        tags = [t for t in tags if query in t]
    if _bool(p.get("all_fields")):
        return [{"id": t, "name": t, "vocabulary_id": None} for t in tags]
    return tags


def _resource(ident: str) -> Resource:
    if not selectors._uuid(ident):
        raise NotFound("没有找到该数据资源")
    resource = (
        Resource.objects.filter(pk=ident, dataset__status="published")
        .select_related("dataset__organisation")
        .first()
    )
    if resource is None:
        raise NotFound("没有找到该数据资源")
    return resource


def resource_show(request: HttpRequest, p: dict[str, Any]) -> Any:
    resource = _resource(str(p.get("id") or "").strip())
    return D.resource_dict(resource, _base(request))


DATASTORE_KEYS = {
    "resource_id",
    "id",
    "filters",
    "q",
    "full_text",
    "distinct",
    "plain",
    "language",
    "limit",
    "offset",
    "fields",
    "sort",
    "include_total",
    "total_estimation_threshold",
    "records_format",
    "include_next_page",
}


def datastore_search(request: HttpRequest, p: dict[str, Any]) -> Any:
    junk = [k for k in p if k not in DATASTORE_KEYS]
    if junk:
        raise Invalid("参数不正确", __junk=[f"不支持的参数：{', '.join(junk)[:100]}"])
    resource = _resource(str(p.get("resource_id") or p.get("id") or "").strip())
    if resource.dataset.access != Access.OPEN:
        from gongkai.opendata.participation import key_allows

        raw = request.headers.get("X-CKAN-API-Key") or request.headers.get("Authorization", "")
        if not key_allows(raw, resource.dataset):
            raise NotAuthorized("该数据集为有条件开放，请申请并获批后凭授权密钥访问")
    version = resource.current()
    if version is None or not version.queryable:
        raise NotFound("该资源没有可查询的数据")
    filters = p.get("filters") or {}
    if isinstance(filters, str):
        try:
            filters = json.loads(filters)
        except ValueError:
            raise Invalid("filters应为JSON对象", filters=["应为JSON对象"]) from None
    if not isinstance(filters, dict):
        raise Invalid("filters应为JSON对象", filters=["应为JSON对象"])
    q = p.get("q") or p.get("full_text") or ""
    if isinstance(q, dict):  # {field: text}: a filter by words in that field
        q = " ".join(str(v) for v in q.values())
    limit = _int(p, "limit", 100, 0, datastore.MAX_LIMIT)
    offset = _int(p, "offset", 0, 0, 10**9)
    records_format = str(p.get("records_format") or "objects")
    if records_format not in ("objects", "lists"):
        raise Invalid("records_format应为objects或lists", records_format=["应为objects或lists"])
    try:
        result = datastore.search(
            table=version.table,
            fields=version.fields,
            filters=filters,
            q=str(q)[:200],
            fields_wanted=_list(p.get("fields")) or None,
            sort=str(p.get("sort") or ""),
            limit=limit,
            offset=offset,
            include_total=_bool(p.get("include_total"), True),
        )
    except datastore.DatastoreError as exc:
        raise Invalid("；".join(exc.messages), query=exc.messages) from None
    if records_format == "lists":
        names = [f["id"] for f in result["fields"]]
        result["records"] = [[r[n] for n in names] for r in result["records"]]
    from gongkai.opendata.stats import usage_count

    usage_count(resource.dataset_id, "api")
    return {
        "resource_id": str(resource.pk),
        "fields": result["fields"],
        "records": result["records"],
        "total": result["total"],
        "total_was_estimated": False,
        "limit": limit,
        "offset": offset,
        "filters": filters,
        "records_format": records_format,
        "_links": {
            "start": f"{LINK}?resource_id={resource.pk}",
            "next": f"{LINK}?resource_id={resource.pk}&offset={offset + limit}",
        },
    }


# write actions (token with the opendata:write scope; POST only) ------------------------------
def _actor(request: HttpRequest) -> Any:
    """The staff user of the raw token ckanapi sends in ``Authorization`` and
    ``X-CKAN-API-Key`` (``Bearer`` is accepted too)."""
    from gongkai.accounts.permissions import is_staff_user
    from gongkai.accounts.tokens import api_token_check

    raw = request.headers.get("X-CKAN-API-Key") or request.headers.get("Authorization", "")
    raw = raw.removeprefix("Bearer ").strip()
    token = api_token_check(raw) if raw else None
    if token is None:
        raise NotAuthorized("请提供有效的访问令牌")
    if "opendata:write" not in token.scopes or not is_staff_user(token.user):
        raise NotAuthorized("访问令牌没有此接口所需的权限范围（opendata:write）")
    return token.user


def _org_for(ident: Any, actor: Any) -> Any:
    from gongkai.accounts.permissions import orgs_editable_by

    ident = str(ident or "").strip().lower()
    for org in orgs_editable_by(actor):
        if ident in (D.org_name(org), str(org.pk)):
            return org
    raise Invalid("机构不存在或无权维护", owner_org=["机构不存在或无权维护"])


def _package_data(p: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for ours, theirs in (("name", "name"), ("title", "title"), ("notes", "notes")):
        if theirs in p:
            data[ours] = str(p[theirs] or "")
    if "license_id" in p:
        data["licence"] = str(p["license_id"])
    if "tags" in p:
        tags = p["tags"]
        if isinstance(tags, str):
            tags = (
                json.loads(tags) if tags.startswith("[") else [{"name": t} for t in tags.split(",")]
            )
        data["tags"] = [t["name"] if isinstance(t, dict) else str(t) for t in tags]
    for key in ("maintainer", "maintainer_email"):
        if key in p:
            data["contact_name" if key == "maintainer" else "contact_email"] = str(p[key] or "")
    return data


def _validation(exc: Any) -> Invalid:
    fields = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    message = "；".join(m for ms in fields.values() for m in ms)
    return Invalid(message, **{k: list(v) for k, v in fields.items()})


def package_create(request: HttpRequest, p: dict[str, Any]) -> Any:
    """A new dataset as a 草稿 of the token's organisation (先审后发: it is public once its
    审核人 approves it)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.opendata import services

    actor = _actor(request)
    data = {
        "title": "",
        "notes": "",
        **_package_data(p),
        "organisation": _org_for(p.get("owner_org"), actor),
    }
    try:
        ds = services.dataset_create(actor=actor, data=data)
    except PermissionDenied as exc:
        raise NotAuthorized(str(exc)) from None
    except ValidationError as exc:
        raise _validation(exc) from None
    return _staff_package(ds, request)


def _staff_package(ds: Dataset, request: HttpRequest) -> dict[str, Any]:
    out = D.package_dict(
        Dataset.objects.select_related("organisation", "domain").get(pk=ds.pk), _base(request)
    )
    out["state"] = {"published": "active", "withdrawn": "deleted"}.get(ds.status, "draft")
    return out


def _staff_dataset(p: dict[str, Any], actor: Any) -> Dataset:
    from gongkai.opendata.selectors import datasets_for_staff

    ident = str(p.get("id") or p.get("name") or p.get("package_id") or "").strip()
    qs = datasets_for_staff(user=actor)
    ds = qs.filter(name=ident[:100]).first() or (
        qs.filter(pk=ident).first() if selectors._uuid(ident) else None
    )
    if ds is None:
        raise NotFound("没有找到该数据集，或无权维护")
    return ds


def package_update(request: HttpRequest, p: dict[str, Any]) -> Any:
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.opendata import services

    actor = _actor(request)
    ds = _staff_dataset(p, actor)
    data = _package_data(p)
    try:
        ds = services.dataset_update(actor=actor, dataset=ds, data=data)
    except PermissionDenied as exc:
        raise NotAuthorized(str(exc)) from None
    except ValidationError as exc:
        raise _validation(exc) from None
    return _staff_package(ds, request)


def resource_create(request: HttpRequest, p: dict[str, Any]) -> Any:
    """A resource from an upload (multipart ``upload``) or a link (``url``)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.opendata import services

    actor = _actor(request)
    ds = _staff_dataset({"id": p.get("package_id")}, actor)
    upload = p.get("upload") if hasattr(p.get("upload"), "read") else None
    try:
        res = services.resource_add(
            actor=actor,
            dataset=ds,
            name=str(p.get("name") or getattr(upload, "name", "") or ""),
            description=str(p.get("description") or ""),
            file=upload,
            url="" if upload else str(p.get("url") or ""),
        )
    except PermissionDenied as exc:
        raise NotAuthorized(str(exc)) from None
    except ValidationError as exc:
        raise _validation(exc) from None
    return D.resource_dict(res, _base(request))


WRITE_ACTIONS: dict[str, Callable[[HttpRequest, dict[str, Any]], Any]] = {
    "package_create": package_create,
    "package_update": package_update,
    "resource_create": resource_create,
}

ACTIONS: dict[str, Callable[[HttpRequest, dict[str, Any]], Any]] = {
    "site_read": site_read,
    "status_show": status_show,
    "package_list": package_list,
    "package_search": package_search,
    "package_show": package_show,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "group_show": group_show,
    "tag_list": tag_list,
    "resource_show": resource_show,
    "datastore_search": datastore_search,
}
READ_ONLY = set(ACTIONS)  # side-effect free: GET and POST both answer
ACTIONS.update(WRITE_ACTIONS)


def _envelope(request: HttpRequest, name: str, **body: Any) -> dict[str, Any]:
    return {"help": _base(request) + f"/api/3/action/help_show?name={name}", **body}


# ckanapi sends no cookie and no CSRF token: reads need none, writes are authenticated by the
# token in a header (what CKAN ≥ 2.10 does), never by the session cookie
@csrf_exempt
def action(request: HttpRequest, name: str) -> JsonResponse:
    if request.method not in ("GET", "POST"):
        return JsonResponse("Bad request - 只支持GET和POST", status=400, safe=False)
    fn = ACTIONS.get(name)
    if fn is None:
        return JsonResponse(
            f"Bad request - Action name not known: {name[:60]}", status=400, safe=False
        )
    if name not in READ_ONLY and request.method != "POST":
        return JsonResponse("Bad request - 请使用POST方法", status=400, safe=False)
    try:
        params = _params(request)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse(
            "Bad request - JSON Error: 请求体不是有效的JSON对象", status=400, safe=False
        )
    try:
        result = fn(request, params)
    except ApiError as exc:
        error = {"__type": exc.kind, "message": f"{exc.kind}: {exc.message}", **exc.extra}
        return JsonResponse(
            _envelope(request, name, success=False, error=error),
            status=exc.status,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        _envelope(request, name, success=True, result=result),
        json_dumps_params={"ensure_ascii": False},
        safe=False,
    )


def api_version(request: HttpRequest) -> JsonResponse:
    """``GET /api`` and ``/api/3``: CKAN clients probe this."""
    return JsonResponse({"version": 3})
