"""Browsing and reading the 法律法规库; legal bases link to the article."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.laws.linking import link_citations
from gongkai.laws.models import Law


@pytest.fixture
def gio(db) -> Law:  # type: ignore[no-untyped-def]
    return Law.objects.get(title="中华人民共和国政府信息公开条例")


@pytest.mark.django_db
def test_browse_by_level_status_year_and_title(client) -> None:
    page = client.get("/laws/").content.decode()
    assert "法律法规库" in page and "行政法规" in page and "地方性法规" in page
    regs = client.get("/laws/?level=regulation").content.decode()
    assert "失业保险条例" in regs and "中华人民共和国社会保险法" not in regs
    amended = client.get("/laws/?status=amended").content.decode()
    assert "中华人民共和国未成年人保护法" in amended and "失业保险条例" not in amended
    assert "失业保险条例" in client.get("/laws/?year=1999").content.decode()
    assert "失业保险条例" not in client.get("/laws/?year=2021").content.decode()
    assert "失业保险条例" in client.get("/laws/?q=失业").content.decode()
    for bad in ("year=0", "year=10000", "page=99999999999", "level=x", "status=<b>", "region=%00"):
        assert client.get(f"/laws/?{bad}").status_code in (200, 400), bad


@pytest.mark.django_db
def test_a_law_reads_by_chapter_and_article_with_stable_anchors(client, gio: Law) -> None:
    html = client.get(gio.get_absolute_url()).content.decode()
    assert '<section class="law-article" id="第二十条"' in html
    assert 'href="#第二十条"' in html and "第一章 总则" in html
    assert "2019-05-15" in html and "现行有效" in html
    assert client.get("/laws/999999/").status_code == 404


@pytest.mark.django_db
def test_an_amended_version_points_to_the_current_one(client) -> None:
    old, new = Law.objects.filter(title="中华人民共和国未成年人保护法").order_by("version_on")
    html = client.get(old.get_absolute_url()).content.decode()
    assert "已被修改" in html and new.get_absolute_url() in html


@pytest.mark.django_db
def test_citations_link_to_the_article(gio: Law) -> None:
    html = link_citations("【行政法规】《中华人民共和国政府信息公开条例》第二十条、第二十一条")
    assert f'<a href="/laws/{gio.pk}/#第二十条">第二十条</a>' in html
    assert f'<a href="/laws/{gio.pk}/#第二十一条">第二十一条</a>' in html
    assert "【行政法规】" in html
    short = link_citations("《政府信息公开条例》第三十六条")  # without 中华人民共和国
    assert f"/laws/{gio.pk}/#第三十六条" in short
    plain = link_citations("《如皋市不存在的规定》第一条 <script>")
    assert "<a" not in plain and "&lt;script&gt;" in plain
    outcome = link_citations("条例第三十六条第（一）（二）项", short_title=gio.title)
    assert f'<a href="/laws/{gio.pk}/#第三十六条">第三十六条</a>' in outcome


@pytest.mark.django_db
def test_catalog_item_guide_and_foi_status_link_their_bases(client, gio: Law, world) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item
    planning_law = Law.objects.get(title="中华人民共和国城乡规划法")
    html = client.get(item.get_absolute_url()).content.decode()
    assert f'href="/laws/{planning_law.pk}/#第四十条"' in html
    guide = world.jobless_service  # 失业保险金申领
    html = client.get(guide.get_absolute_url()).content.decode()
    insurance = Law.objects.get(title="中华人民共和国社会保险法")
    assert f'href="/laws/{insurance.pk}/#第四十五条"' in html


@pytest.mark.django_db
def test_main_navigation_reaches_the_library(client) -> None:
    assert f'href="{reverse("laws:index")}"' in client.get("/").content.decode()
