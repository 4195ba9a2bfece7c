"""Public search page, click tracking, OpenSearch description; analytics for the 政务公开办."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import staff_required
from gongkai.search.engines.base import FILTERS
from gongkai.search.models import SearchClick, SearchLog
from gongkai.search.privacy import visitor_key
from gongkai.search.services import search, search_analytics

SORTS = [("relevance", "按相关度"), ("date", "按时间"), ("stage", "按五公开分组")]
FACET_TITLES = [
    ("ctype", "内容类型"),
    ("stage", "五公开"),
    ("domain", "领域"),
    ("organisation", "机构"),
    ("year", "年份"),
    ("validity", "有效性"),
]


def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    filters = {k: request.GET[k] for k in FILTERS if request.GET.get(k)}
    sort = request.GET.get("sort", "relevance")
    if sort not in dict(SORTS):
        sort = "relevance"
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    limit = settings.SEARCH_RATE_PER_MINUTE
    if text and rate_limited(request, key="search", limit=limit, window_seconds=60):
        return render(request, "accounts/too_many.html", status=429)
    result = (
        search(text=text, filters=filters, sort=sort, page=page, visitor=visitor_key(request))
        if (text or filters)
        else None
    )
    base = request.GET.copy()
    base.pop("page", None)
    return render(
        request,
        "search/results.html",
        {
            "q": text,
            "result": result,
            "sorts": SORTS,
            "sort": sort,
            "filters": filters,
            "facet_titles": FACET_TITLES,
            "base_query": base.urlencode(),
            "column_name": "站内搜索",
            "column_type": "搜索",
        },
    )


def search_click(request: HttpRequest, log_id: int) -> HttpResponse:
    """Record a click on result ``rank`` and go to ``to`` (a local address only)."""
    target = request.GET.get("to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    log = get_object_or_404(SearchLog, pk=log_id)
    try:
        rank = max(0, min(int(request.GET.get("rank", "0")), 10_000))
    except ValueError:
        rank = 0
    SearchClick.objects.create(log=log, rank=rank, url=target[:300])
    return HttpResponseRedirect(target)


def opensearch(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    base = request.build_absolute_uri("/").rstrip("/")
    suggest = f"{base}{reverse('search:opensearch_suggest')}?q={{searchTerms}}"
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>{settings.SITE_NAME[:16]}</ShortName>
  <Description>{settings.SITE_NAME}政务公开站内搜索</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" template="{base}{reverse("search:page")}?q={{searchTerms}}"/>
  <Url type="application/x-suggestions+json" template="{suggest}"/>
</OpenSearchDescription>
"""
    return HttpResponse(body, content_type="application/opensearchdescription+xml; charset=utf-8")


def opensearch_suggest(request: HttpRequest) -> HttpResponse:
    """Browser address-bar suggestions: the OpenSearch Suggestions array ``[query, [..]]``."""
    import json

    from gongkai.search.services import search_suggest

    q = (request.GET.get("q") or "")[:50]
    body = json.dumps([q, search_suggest(q) if q.strip() else []], ensure_ascii=False)
    return HttpResponse(body, content_type="application/x-suggestions+json; charset=utf-8")


@staff_required
def analytics(request: HttpRequest) -> HttpResponse:
    if not (is_office(request.user) or is_sysadmin(request.user)):
        raise PermissionDenied("只有政务公开办可以查看搜索分析")
    try:
        days = max(1, min(int(request.GET.get("days", "30")), 365))
    except ValueError:
        days = 30
    return render(
        request,
        "search/analytics.html",
        {"stats": search_analytics(days=days), "days": days, "column_name": "搜索分析"},
    )
