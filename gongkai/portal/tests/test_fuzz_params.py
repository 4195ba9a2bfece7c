"""No query parameter on a public page or API answers 500 (years 0 and 10000, dates out of
range, huge or negative page numbers, unknown facets, over-long text)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.catalog.models import CatalogItem, PowerItem, ServiceItem
from gongkai.publishing.models import Column, GazetteIssue, Publication

HOSTILE = [
    {"year": "0"},
    {"year": "10000"},
    {"year": "-1"},
    {"page": "999999999999"},
    {"page": "-5"},
    {"page": "abc"},
    {"page_size": "100000"},
    {"start": "0001-01-01", "end": "9999-12-31"},
    {"start": "2026-13-45", "days": "99999999999"},
    {"date": "10000-01-01"},
    {"stage": "nonsense", "domain": "ZZZ", "organisation": "abc", "ctype": "x", "validity": "?"},
    {"sort": "drop table", "status": "bogus", "show": "x"},
    {"q": "政" * 5000},
    {"q": "\x00<script>", "format": "xlsx"},
    {"to": "//evil.example.com", "rank": "-1", "next": "http://evil.example.com"},
    {"open": "1e9", "code": "0" * 300},
]
SKIP_PREFIXES = ("manage/", "admin/", "media/", "accounts/logout/", "api/v1/manage/")


def _walk(patterns, prefix=""):  # type: ignore[no-untyped-def]
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _concrete(route: str) -> str | None:
    """Fill a route's parameters with existing objects (the fuzzing is in the query string)."""
    if route.startswith("^") or route.startswith(SKIP_PREFIXES):
        return None
    pub = Publication.objects.published().first()
    values = {
        "<int:pk>": str(pub.pk),
        "<int:id>": str(pub.pk),
        "<int:log_id>": "1",
        "<slug:slug>": Column.objects.first().slug,
        "<str:code>": CatalogItem.objects.published().first().code,
    }
    if "gazette/<int:pk>" in route:
        values["<int:pk>"] = str(GazetteIssue.objects.first().pk)
    if route.startswith("catalog/power/"):
        values["<str:code>"] = PowerItem.objects.first().code
    if route.startswith("catalog/services/"):
        values["<str:code>"] = ServiceItem.objects.first().code
    url = "/" + route
    for key, value in values.items():
        url = url.replace(key, value)
    return None if "<" in url else url


@pytest.mark.django_db
def test_no_public_url_answers_500_to_hostile_parameters() -> None:
    urls = [u for u in (_concrete(r) for r in _walk(get_resolver().url_patterns)) if u]
    assert len(urls) > 40
    client = Client(raise_request_exception=False)
    failures = []
    from django.core.cache import cache

    for url in urls:
        cache.clear()  # the API's per-address rate would answer 429 long before the walk ends
        for params in HOSTILE:
            response = client.get(url, params)
            if response.status_code >= 500:
                failures.append((url, params, response.status_code))
    assert not failures, failures[:10]


@pytest.mark.django_db
def test_a_nul_character_is_a_chinese_400_not_a_database_error() -> None:
    client = Client()
    assert client.get("/search/", {"q": "\x00低保"}).status_code == 400
    assert "无效字符" in client.get("/info/", {"q": "a\x00"}).content.decode()
    api = client.post(
        "/api/v1/foi/applications", '{"name": "\\u0000"}', content_type="application/json"
    )
    assert api.status_code == 400 and "无效字符" in api.json()["message"]
