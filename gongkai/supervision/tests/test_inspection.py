"""Website self-inspection (国办秘函〔2019〕19号) on the tests' county: each single-veto item
turns red at its threshold and names what fails it; the crawler finds a broken internal link
and where it is; external links are checked against a local server only."""

from __future__ import annotations

import datetime as dt
import http.server
import threading

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.interaction import services as hd
from gongkai.publishing.models import Column, Publication
from gongkai.supervision import inspection_rules as R
from gongkai.supervision.inspection import crawl, indicators, inspection_run

NO_CRAWL = {"pages": 0, "broken": [], "missing_tags": []}


def _table(now=None) -> dict:  # type: ignore[no-untyped-def]
    rows = indicators(now=now or timezone.now(), crawl_result=NO_CRAWL)
    return {r["key"]: r for r in rows}


def _empty_column(n: int) -> Column:
    # a rule nothing matches: the column is 空白
    return Column.objects.create(name=f"空白栏目{n}", slug=f"empty-{n}", rule_genres=["minutes"])


@pytest.mark.django_db
def test_empty_columns_veto_at_five_and_are_named(world) -> None:
    table = _table()
    assert table["home"]["failed"] is False  # the world published today
    # start from no empty column: the tests' county leaves some of the seeded ones empty
    Column.objects.filter(
        slug__in=[i["url"].strip("/").split("/")[-1] for i in table["empty"]["items"]]
    ).delete()
    assert _table()["empty"]["value"] == "0个"
    for n in range(1, R.EMPTY_LIMIT):
        _empty_column(n)
    four = _table()["empty"]
    assert four["value"] == "4个" and four["failed"] is False  # "超过(含)5个" vetoes
    assert [i["label"] for i in four["items"]] == [
        "空白栏目1",
        "空白栏目2",
        "空白栏目3",
        "空白栏目4",
    ]
    _empty_column(R.EMPTY_LIMIT)
    five = _table()["empty"]
    assert five["value"] == "5个" and five["failed"] is True and five["veto"] is True


@pytest.mark.django_db
def test_home_and_news_columns_not_updated_and_a_message_left_unanswered(
    world, planning_editor, planning_reviewer
) -> None:
    from gongkai.testing import factories as f

    f.publication_make(
        editor=planning_editor, reviewer=planning_reviewer, title="规划局召开工作会议", genre="news"
    )
    now = timezone.now()
    assert "工作动态" not in [i["label"] for i in _table(now)["stale"]["items"]]
    # nothing published for 15 days: the home page and the 工作动态 column are stale
    table = _table(now + dt.timedelta(days=R.HOME_DAYS + 1))
    assert table["home"]["failed"] is True and "天前" in table["home"]["value"]
    assert table["home"]["items"] == []
    # a 动态要闻 column not updated for 2 weeks counts towards the 5 of 栏目不更新
    assert "工作动态" in [i["label"] for i in table["stale"]["items"]]
    assert _table(now)["interaction"]["failed"] is False
    msg, _code = hd.message_submit(
        data={
            "kind": "consult",
            "subject": "咨询",
            "content": "内容",
            "name": "王某",
            "phone": "13912345678",
            "organisation": world.planning,
        }
    )
    # received 92 days ago and still open: more than 3 months without an answer
    type(msg).objects.filter(pk=msg.pk).update(
        received_on=timezone.localdate() - dt.timedelta(days=R.UNANSWERED_DAYS + 1)
    )
    row = _table(now)["interaction"]
    assert (
        row["failed"] is True and row["value"] == "1条" and msg.number in row["items"][0]["label"]
    )


@pytest.mark.django_db
def test_the_crawler_finds_a_broken_link_and_where_it_is(world, planning_editor) -> None:
    Publication.objects.filter(pk=world.notice.pk).update(
        body='<p>详见<a href="/info/no-such-page/">附件</a>。</p>'
    )
    article = world.notice.get_absolute_url()
    found = crawl()  # the whole of the tests' small portal, within the bound
    assert 50 < found["pages"] < R.MAX_PAGES
    broken = {b["url"]: b for b in found["broken"]}
    assert "/info/no-such-page/" in broken, found["broken"]
    assert broken["/info/no-such-page/"]["status"] == 404
    assert broken["/info/no-such-page/"]["found_on"] in (article, f"/info/{world.notice.pk}/")
    assert found["missing_tags"] == []  # every page the portal renders carries its tags


@pytest.mark.django_db
def test_external_links_are_checked_only_when_asked(world) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(404 if self.path == "/gone" else 200)
            self.end_headers()

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        Publication.objects.filter(pk=world.notice.pk).update(
            body=f'<p><a href="{base}/gone">旧链接</a> <a href="{base}/ok">新链接</a></p>'
        )
        assert not any(base in b["url"] for b in crawl()["broken"])
        broken = [b for b in crawl(check_external=True)["broken"] if base in b["url"]]
        assert [(b["url"], b["status"]) for b in broken] == [(f"{base}/gone", 404)]
    finally:
        server.shutdown()


@pytest.mark.django_db
def test_the_office_sees_the_indicator_table(world, office, planning_editor) -> None:
    _empty_column(1)
    run = inspection_run(actor=office, max_pages=30)
    assert run.pages <= 30 and [r["key"] for r in run.results] == [i.key for i in R.INDICATORS]
    page = Client()
    page.force_login(office)
    text = page.get("/manage/inspection/").content.decode()
    assert "首页不更新" in text and "空白栏目1" in text and 'data-indicator="empty"' in text
    editor = Client()
    editor.force_login(planning_editor)
    assert editor.get("/manage/inspection/").status_code == 403
    started = page.post("/manage/inspection/start/")
    assert started.status_code == 302
