"""Search page, API (against the OpenAPI document), click-through analytics, OpenSearch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from gongkai.api.testing import assert_matches_schema
from gongkai.search.models import SearchClick, SearchLog


@pytest.mark.django_db
def test_api_search_matches_schema(client, fresh_engine) -> None:
    response = client.get("/api/v1/search?q=老年人优待证&sort=relevance&page_size=5")
    assert_matches_schema(response)
    body = response.json()
    assert any(r["title"].startswith("<mark>老年人优待证</mark>") for r in body["results"][:2])
    assert {"ctype", "stage", "domain", "organisation", "year", "validity"} <= set(body["facets"])
    filtered = client.get("/api/v1/search?q=规划&ctype=catalog&stage=result")
    assert_matches_schema(filtered)
    assert {r["type"] for r in filtered.json()["results"]} == {"catalog"}
    assert_matches_schema(client.get("/api/v1/search/suggest?q=老年人"))


@pytest.mark.django_db
def test_api_errors_are_chinese(client, fresh_engine) -> None:
    browse = client.get("/api/v1/search").json()  # no words, no filter: browse everything
    assert browse["query"] == "" and browse["total"] > 0
    assert client.get("/api/v1/search?ctype=").json() == {
        "code": "invalid",
        "message": "输入有误，请按各项说明修改。",
        "errors": {
            "ctype": ["ctype 只能是 info、reading、catalog、guide、power、standard、case、law"]
        },
    }
    body = client.get("/api/v1/search?q=x&sort=best&page=0&year=abc").json()["errors"]
    assert body["sort"] == ["sort 只能是 relevance、date 或 stage"]
    assert body["year"] == ["year 应为四位年份"]
    assert "page" in body
    refused = client.get("/api/v1/search?q=x&ctype=x&year=10000").json()["errors"]
    assert refused["ctype"][0].startswith("ctype 只能是")
    assert refused["year"] == ["year 应为1949至2100之间的年份"]
    assert "q" in client.get("/api/v1/search/suggest").json()["errors"]


@pytest.mark.django_db
def test_search_page_with_facets_and_click_tracking(client, fresh_engine) -> None:
    html = client.get("/search/?q=欠税公告").content.decode()
    assert "<mark>欠税</mark><mark>公告</mark>" in html and "内容类型" in html and "五公开" in html
    # on a phone the results come before the filters; a link leads down to them
    assert html.index('<ol class="results"') < html.index('id="facets"')
    assert 'href="#facets"' in html
    log = SearchLog.objects.latest("id")
    assert log.query == "欠税公告" and log.results > 0
    response = client.get(
        reverse("search:click", args=[log.pk]) + "?rank=1&to=/catalog/items/060201/"
    )
    assert response.status_code == 302 and response["Location"] == "/catalog/items/060201/"
    assert SearchClick.objects.get(log=log).rank == 1
    evil = client.get(reverse("search:click", args=[log.pk]) + "?rank=1&to=https://evil.example/")
    assert evil["Location"] == "/"
    assert "您是不是要找" in client.get("/search/?q=低宝").content.decode()


@pytest.mark.django_db
def test_analytics_for_the_office_only(client, fresh_engine, office, planning_editor) -> None:
    for q in ["低保", "低保", "不存在的词语甲乙"]:
        client.get(f"/search/?q={q}")
    assert client_for(planning_editor).get(reverse("manage:search_analytics")).status_code == 403
    html = client_for(office).get(reverse("manage:search_analytics")).content.decode()
    assert "热门搜索词" in html and "低保" in html and "不存在的词语甲乙" in html


@pytest.mark.django_db
def test_opensearch_description(client) -> None:
    response = client.get("/search/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "/search/?q={searchTerms}" in response.content.decode()
    assert 'rel="search"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_browser_suggestions_use_the_opensearch_array(client) -> None:
    response = client.get("/search/suggest.json", {"q": "老年人"})
    assert response["Content-Type"].startswith("application/x-suggestions+json")
    query, suggestions = response.json()
    assert query == "老年人" and isinstance(suggestions, list)
    assert (
        "/search/suggest.json?q={searchTerms}"
        in client.get("/search/opensearch.xml").content.decode()
    )
