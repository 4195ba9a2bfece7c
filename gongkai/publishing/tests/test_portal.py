"""Public pages of government information: cache invalidation, metadata, lists, feeds."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.publishing.models import Column, GazetteIssue, Publication
from gongkai.publishing.services import publication_revise, publication_withdraw
from gongkai.testing import planning_org


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.fixture
def pub(db) -> Publication:  # type: ignore[no-untyped-def]
    return (
        Publication.objects.published()
        .filter(organisation=planning_org(), interprets__isnull=True, revision=0)
        .first()
    )


@pytest.mark.django_db
def test_cache_is_invalidated_on_revision_and_withdrawal(
    client, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    first = client.get(pub.get_absolute_url())
    assert first["X-Cache"] == "MISS"
    assert client.get(pub.get_absolute_url())["X-Cache"] == "HIT"
    home = client.get("/")
    assert home["X-Cache"] == "MISS" and client.get("/")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        publication_revise(
            actor=planning_reviewer, pub=pub, data={"title": "修订后的新标题"}, note="更正"
        )
    response = client.get(pub.get_absolute_url())
    assert response["X-Cache"] == "MISS" and "修订后的新标题" in response.content.decode()
    assert "修订后的新标题" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publication_withdraw(actor=planning_reviewer, pub=pub, reason="过时")
    assert client.get(pub.get_absolute_url()).status_code == 410
    assert "修订后的新标题" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_logged_in_users_are_never_served_from_cache(client, pub, planning_editor) -> None:
    client.get(pub.get_absolute_url())
    client.force_login(planning_editor)
    response = client.get(pub.get_absolute_url())
    assert "X-Cache" not in response and "工作台" in response.content.decode()


@pytest.mark.django_db
def test_article_header_block_and_meta(client, pub) -> None:
    html = client.get(pub.get_absolute_url()).content.decode()
    for label in ["索引号", "发布机构", "成文日期", "文号", "发布日期", "有效性", "主题分类"]:
        assert f'<th scope="row">{label}</th>' in html
    assert pub.index_no in html and "〔" in pub.doc_number and pub.doc_number in html
    assert meta(html, "ArticleTitle") == pub.title
    assert meta(html, "ContentSource") == planning_org().name
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate") or "")
    printable = client.get(pub.get_absolute_url() + "?print=1").content.decode()
    assert pub.title in printable and "site-header" not in printable and meta(printable, "SiteName")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/info/", "/info/?page=2", "/info/c/documents/", "/info/c/interpretations/"]
)
def test_query_count_is_bounded(client, url: str) -> None:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx) <= 12, [q["sql"][:80] for q in ctx.captured_queries]


@pytest.mark.django_db
def test_article_query_count_is_fixed(client) -> None:
    counts = []
    for pub in Publication.objects.published().order_by("id")[:3]:
        with CaptureQueriesContext(connection) as ctx:
            client.get(pub.get_absolute_url())
        counts.append(len(ctx))
    assert max(counts) <= 10


@pytest.mark.django_db
def test_columns_by_rule_and_by_hand(client, pub) -> None:
    html = client.get("/info/c/interpretations/").content.decode()
    assert "一图读懂" in html
    hand = Column.objects.create(name="专题", slug="topic-x", by_hand=True)
    hand.items.add(pub)
    assert pub.title in client.get("/info/c/topic-x/").content.decode()
    budget = client.get("/info/c/budgets/").content.decode()
    assert "示例县财政专项资金管理办法" in budget


@pytest.mark.django_db
def test_ledger_invalid_list_gazette_standards(client) -> None:
    html = client.get("/info/normative/").content.decode()
    assert "本年制发件数" in html and "现行有效件数" in html
    assert "失效" in client.get("/info/invalid/").content.decode()
    issue = GazetteIssue.objects.get()
    assert issue.title in client.get(issue.get_absolute_url()).content.decode()
    assert "RZ/GK 02-2018" in client.get("/info/standards/").content.decode()


@pytest.mark.django_db
def test_feeds_sitemap_robots(client, pub) -> None:
    rss = client.get("/info/feeds/c/documents/rss.xml")
    assert rss["Content-Type"].startswith("application/rss+xml") and b"<rss" in rss.content
    atom = client.get("/info/feeds/d/01/atom.xml")
    assert (
        atom["Content-Type"].startswith("application/atom+xml")
        and pub.title.encode() in atom.content
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert pub.get_absolute_url() in sitemap and "/item/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /manage/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


@pytest.mark.django_db
def test_list_filters(client, world) -> None:  # type: ignore[no-untyped-def]
    measures = world.finance_measures
    html = client.get(
        f"/info/?domain={world.funds_item.domain.code}&genre=measures"
    ).content.decode()
    assert measures.title in html and world.measures.title not in html
    assert "共 0 条" in client.get("/info/?q=不存在的标题xyz").content.decode()
    assert client.get("/info/?organisation=abc&year=x").status_code == 200


@pytest.mark.django_db
def test_publication_api_matches_schema(client, pub) -> None:
    from gongkai.api.testing import assert_matches_schema

    response = client.get("/api/v1/publications/?domain=01&stage=execution")
    assert_matches_schema(response)
    assert response.json()["count"] > 0
    detail = client.get(f"/api/v1/publications/{pub.pk}/")
    assert_matches_schema(detail)
    assert detail.json()["index_no"] == pub.index_no
    assert client.get("/api/v1/publications/?year=abc").json()["errors"] == {
        "year": ["应为1949至2100之间的年份"]
    }
    draft = Publication.objects.create(
        organisation=pub.organisation, title="草稿", formed_on=pub.formed_on
    )
    assert client.get(f"/api/v1/publications/{draft.pk}/").status_code == 404


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_atom_feeds_conform_and_every_list_advertises_its_feeds(client, pub) -> None:
    from xml.etree import ElementTree

    org = pub.organisation
    for url in ("/info/feeds/atom.xml", f"/info/feeds/o/{org.pk}/atom.xml"):
        root = ElementTree.fromstring(client.get(url).content)
        # RFC 4287 §4.1.1: a feed has an author unless every entry has one; each entry an
        # id, a title and an updated date
        assert root.find(f"{ATOM}author/{ATOM}name").text
        entries = root.findall(f"{ATOM}entry")
        assert entries and all(
            e.find(f"{ATOM}updated") is not None
            and e.find(f"{ATOM}id") is not None
            and e.find(f"{ATOM}author/{ATOM}name").text
            for e in entries
        )
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert pub.title in titles
    rss = client.get(f"/info/feeds/o/{org.pk}/rss.xml")
    assert (
        rss["Content-Type"].startswith("application/rss+xml") and pub.title in rss.content.decode()
    )
    assert client.get("/info/feeds/o/999999/rss.xml").status_code == 404

    home = client.get("/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in home and "/info/feeds/atom.xml" in home
    column = client.get("/info/c/documents/").content.decode()
    assert 'href="/info/feeds/c/documents/rss.xml"' in column
    listing = client.get(f"/info/?organisation={org.pk}&domain=01").content.decode()
    assert f'href="/info/feeds/o/{org.pk}/atom.xml"' in listing
    assert 'href="/info/feeds/d/01/rss.xml"' in listing
