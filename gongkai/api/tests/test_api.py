"""Public API responses match the committed OpenAPI document; errors are Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from gongkai.api.testing import assert_matches_schema
from gongkai.core.tests.test_workdays import VECTORS


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "plus7", "plus15", "plus20"), VECTORS)
def test_workdays_vectors(client, start, plus7, plus15, plus20) -> None:  # type: ignore[no-untyped-def]
    for days, expected in ((7, plus7), (15, plus15), (20, plus20)):
        response = client.get(f"/api/v1/workdays/add?start={start}&days={days}")
        assert_matches_schema(response)
        body = response.json()
        assert body["due_date"] == expected and body["is_estimate"] is False


@pytest.mark.django_db
def test_workdays_reasons_and_estimate(client) -> None:
    body = client.get("/api/v1/workdays/add?start=2026-02-10&days=7").json()
    assert {"date": "2026-02-14", "reason": "调休上班", "estimated": False} in body[
        "makeup_workdays"
    ]
    assert {"date": "2026-02-17", "reason": "春节", "estimated": False} in body["skipped"]
    response = client.get("/api/v1/workdays/add?start=2026-12-20&days=20")
    assert_matches_schema(response)
    body = response.json()
    assert body["is_estimate"] is True and body["estimated_years"] == [2027]
    assert {"date": "2027-01-01", "reason": "元旦", "estimated": True} in body["skipped"]


@pytest.mark.django_db
def test_workdays_errors_are_chinese(client) -> None:
    response = client.get("/api/v1/workdays/add?start=2026-13-01&days=abc")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "输入有误，请按各项说明修改。",
        "errors": {"start": ["start 应为日期，格式 YYYY-MM-DD"], "days": ["days 应为整数"]},
    }
    missing = client.get("/api/v1/workdays/add").json()["errors"]
    assert missing["start"] == ["缺少参数 start（起算日期）"]
    assert client.get("/api/v1/workdays/add?start=2026-01-01&days=-3").json()["errors"] == {
        "days": ["days 不能为负数"]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["start=9999-12-31&days=1000", "start=0001-01-01&days=1"])
def test_workdays_out_of_range_is_a_chinese_400_not_a_500(client, query: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/workdays/add?{query}")
    assert response.status_code == 400
    assert "计算范围" in response.json()["errors"]["start"][0]
    page = client.get(f"/tools/workdays/?{query}")
    assert page.status_code == 200 and "计算范围" in page.content.decode()


@pytest.mark.django_db
def test_workdays_estimate_applies_weekend_substitution(client) -> None:  # type: ignore[no-untyped-def]
    """放假办法 第六条: 2027 国庆 (Fri–Sun) is made up on Monday 10/4 and Tuesday 10/5."""
    response = client.get("/api/v1/workdays/add?start=2027-09-30&days=1")
    assert_matches_schema(response)
    body = response.json()
    assert body["due_date"] == "2027-10-06" and body["is_estimate"] is True
    assert {"date": "2027-10-05", "reason": "国庆节补假", "estimated": True} in body["skipped"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/domains/",
        "/api/v1/organisations/",
        "/api/v1/catalog/items/",
        "/api/v1/catalog/items/?domain=01&stage=result",
        "/api/v1/catalog/items/{permit_item}/",
        "/api/v1/catalog/items/{permit_item}/versions/",
        "/api/v1/catalog/adjustments/",
        "/api/v1/power-items/",
        "/api/v1/power-items/{permit_power}/",
        "/api/v1/service-items/",
        "/api/v1/service-items/{jobless_service}/",
    ],
)
def test_public_endpoints_match_schema(client, world, url: str) -> None:  # type: ignore[no-untyped-def]
    codes = {k: getattr(world, k).code for k in ("permit_item", "permit_power", "jobless_service")}
    assert_matches_schema(client.get(url.format(**codes)))


@pytest.mark.django_db
def test_catalog_filters(client, world) -> None:  # type: ignore[no-untyped-def]
    planning = world.permit_item.domain.code
    body = client.get(f"/api/v1/catalog/items/?domain={planning}&stage=result&page_size=100").json()
    names = {i["name"] for i in body["results"]}
    assert names == {world.permit_item.name}
    body = client.get(f"/api/v1/catalog/items/?domain={planning}&page_size=100").json()
    assert {i["name"] for i in body["results"]} >= {
        world.village_permit_item.name,
        world.survey_item.name,
    }
    item = client.get(f"/api/v1/catalog/items/{world.permit_item.code}/").json()
    assert item["legal_bases"][0] == {
        "level": "law",
        "title": "中华人民共和国城乡规划法",
        "article": "第四十条",
    }
    assert item["power_items"] == [world.permit_power.code]
    assert client.get("/api/v1/catalog/items/?organisation=abc").json()["errors"] == {
        "organisation": ["应为正整数编号"]
    }
    missing = client.get("/api/v1/catalog/items/nope/")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "未找到该对象。", "errors": {}}


@pytest.mark.django_db
def test_staff_endpoints_match_schema(planning_editor) -> None:
    client = client_for(planning_editor)
    response = client.get(reverse("api:manage_catalog_items"))
    assert_matches_schema(response)
    assert response.json()["count"] > 0


@pytest.mark.django_db
def test_organisations_expose_no_staff_or_personal_data(client) -> None:
    body = client.get("/api/v1/organisations/?page_size=200").json()
    text = str(body)
    assert "pbkdf2" not in text and "t_planning_editor" not in text
    assert {"name", "uscc", "foi_office", "office_hours"} <= set(body["results"][0])


@pytest.mark.django_db
def test_staff_detail_and_patch_match_schema(planning_editor) -> None:
    from gongkai.catalog.models import CatalogItem

    client = client_for(planning_editor)
    item = CatalogItem.objects.filter(organisation=planning_editor.organisation).first()
    assert_matches_schema(client.get(reverse("api:manage_catalog_item", args=[item.pk])))
    assert_matches_schema(client.get(reverse("api:organisation", args=[item.organisation_id])))


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_chinese(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(
        "/tools/workdays/?start=2027-09-30&days=3", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "2027年10月8日（星期五）" in page and "Friday" not in page
    assert "第六条补假" in page
