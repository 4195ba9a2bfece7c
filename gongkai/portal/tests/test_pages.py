"""Public pages: government-site meta tags, 长辈版, query budgets, catalog browsing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import catalog_item_adjust
from gongkai.testing import planning_org

META = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "Keywords",
    "Description",
    "Url",
]


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/catalog/",
        "/catalog/adjustments/",
        "/catalog/organisations/",
        "/tools/workdays/",
        "/accounts/login/",
        "/item/010101/",
    ],
)
def test_every_public_page_carries_the_site_meta_tags(client, url: str) -> None:
    html = client.get(url).content.decode()
    for name in META:
        assert meta(html, name), (url, name)
    assert meta(html, "SiteName") == "如皋市人民政府"
    assert meta(html, "SiteIDCode") == "3206820001"


@pytest.mark.django_db
def test_item_page_shows_every_element_and_article_meta(client, world) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item
    html = client.get(item.get_absolute_url()).content.decode()
    assert meta(html, "ArticleTitle") == "建设工程规划许可"
    assert meta(html, "ContentSource") == planning_org().name
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate") or "")
    for text in [
        "事项编码",
        item.code,
        "公开内容（要素）",
        "【法律】",
        "自作出行政决定之日起7个工作日内公开",
        "政府网站、政务服务中心",
        "全社会",
        "主动公开",
        "县级",
        "咨询方式",
        "监督方式",
        world.permit_power.name,
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_catalog_filters_by_domain_stage_and_organisation(client, world) -> None:  # type: ignore[no-untyped-def]
    permit, plan, tax = world.permit_item, world.plan_item, world.tax_item
    html = client.get(f"/catalog/?domain={permit.domain.code}&stage=result").content.decode()
    assert permit.name in html and plan.name not in html
    html = client.get(f"/catalog/?organisation={tax.organisation_id}").content.decode()
    assert tax.name in html and permit.name not in html


@pytest.mark.django_db
def test_catalog_list_query_count_is_fixed(client) -> None:
    with CaptureQueriesContext(connection) as small:
        client.get("/catalog/?page=1")
    with CaptureQueriesContext(connection) as other:
        client.get("/catalog/?page=2")
    assert len(small) <= 8
    assert len(other) == len(small)


@pytest.mark.django_db
def test_elder_mode_switch(client) -> None:
    response = client.get(reverse("portal:toggle_elder") + "?next=/catalog/")
    assert response.status_code == 302 and response["Location"] == "/catalog/"
    html = client.get("/catalog/").content.decode()
    assert '<body class="elder">' in html and "退出长辈版" in html
    client.get(reverse("portal:toggle_elder") + "?next=https://evil.example/")
    assert '<body class="">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_adjustments_and_side_by_side_diff(client, planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item
    catalog_item_adjust(
        actor=planning_editor,
        item=item,
        data={"content": "许可事项名称、建设单位、建设位置、许可证号"},
        reason="精简公开要素",
        effective_date=timezone.localdate(),
    )
    html = client.get("/catalog/adjustments/").content.decode()
    assert "精简公开要素" in html and item.name in html
    diff = client.get(reverse("catalog:item_diff", args=[item.code]) + "?a=1&b=2").content.decode()
    assert "<del>建设规模、</del>" in diff and "<del>、发证日期</del>" in diff and "有变化" in diff
    assert (
        client.get(reverse("catalog:item_diff", args=[item.code]) + "?a=1&b=9").status_code == 404
    )


@pytest.mark.django_db
def test_workday_calculator_page(client) -> None:
    html = client.get("/tools/workdays/?start=2026-09-18&days=7").content.decode()
    # 9/20 (Sun) is a 调休 workday; 中秋 9/25–9/27 is skipped
    assert "2026年9月29日" in html and "中秋节" in html and "调休上班" in html
    html = client.get("/tools/workdays/?start=2026-12-20&days=20").content.decode()
    assert "估算" in html and "元旦" in html and "2027年1月18日" in html
    html = client.get("/tools/workdays/?start=2026-02-30&days=-1").content.decode()
    assert "请输入有效日期，格式为 YYYY-MM-DD（例如 2026-01-28）" in html
    assert "工作日数不能为负数" in html


@pytest.mark.django_db
def test_guide_page_lists_steps_materials_and_common_errors(client, world) -> None:  # type: ignore[no-untyped-def]
    service = world.jobless_service
    html = client.get(reverse("catalog:service", args=[service.code])).content.decode()
    for text in [
        service.name,
        "办理流程",
        "受理审核",
        "材料目录",
        "社会保障卡未激活金融功能",
        "承诺办结时限",
    ]:
        assert text in html


@pytest.mark.django_db
def test_org_page_shows_guide_contacts(client, world) -> None:  # type: ignore[no-untyped-def]
    item = world.tax_item
    html = client.get(item.organisation.get_absolute_url()).content.decode()
    assert "政府信息公开工作机构" in html and "办公时间" in html and item.name in html
