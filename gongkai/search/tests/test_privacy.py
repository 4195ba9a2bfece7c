"""Search never publishes one visitor's query, and its log keeps no personal numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.search.models import SearchLog
from gongkai.search.privacy import looks_personal
from gongkai.search.services import search, search_logs_purge, search_suggest

PRIVATE = "张三 身份证320682198503121239 举报"


def _visitor(n: int) -> Client:
    return Client(HTTP_USER_AGENT=f"visitor-{n}", REMOTE_ADDR=f"10.0.0.{n}")


@pytest.mark.django_db
def test_a_single_visitors_query_is_never_suggested_and_its_numbers_are_masked(
    fresh_engine,
) -> None:
    engine = fresh_engine
    one = _visitor(1)
    for _ in range(10):  # the same person ten times is still one visitor
        one.get("/search/", {"q": PRIVATE})
        one.get("/api/v1/search", {"q": "张三 13912345678 投诉"})
    logged = list(SearchLog.objects.values_list("query", flat=True))
    assert logged and all("320682198503121239" not in q and "13912345678" not in q for q in logged)
    assert any("320682********1239" in q for q in logged)
    body = Client().get("/api/v1/search/suggest", {"q": "张"}).json()
    assert all("身份证" not in s and "139" not in s for s in body["suggestions"])
    assert search_suggest("张三", engine=engine) == search_suggest("张三", engine=engine)
    assert not any("举报" in s for s in search_suggest("张三", engine=engine))


@pytest.mark.django_db
@override_settings(SEARCH_SUGGEST_MIN_VISITORS=3)
def test_queries_of_many_visitors_are_suggested_unless_they_look_personal(engine) -> None:
    for n in range(3):
        search(text="老年人优待证办理", engine=engine, visitor=f"v{n}")
        search(text="王小明 低保", engine=engine, visitor=f"v{n}")  # a person's name
    suggestions = search_suggest("老年人优待证", engine=engine)
    assert "老年人优待证办理" in suggestions
    assert not any("王小明" in s for s in search_suggest("王小明", engine=engine))
    search(text="老年人补贴 一次", engine=engine, visitor="v0")
    search(text="老年人补贴 一次", engine=engine, visitor="v0")
    assert "老年人补贴 一次" not in search_suggest("老年人补贴", engine=engine)


def test_what_looks_personal() -> None:
    assert looks_personal("张三 举报") and looks_personal("320682********1239")
    assert looks_personal("13912345678") and looks_personal("a@b.cn")
    assert not looks_personal("城市总体规划") and not looks_personal("低保申请条件")


@pytest.mark.django_db
@override_settings(SEARCH_LOG_RETENTION_DAYS=30)
def test_the_search_log_is_purged_after_the_retention_period(engine) -> None:
    search(text="低保", engine=engine, visitor="a")
    old = search(text="公积金", engine=engine, visitor="b").log_id
    SearchLog.objects.filter(pk=old).update(at=timezone.now() - dt.timedelta(days=31))
    assert search_logs_purge() == 1
    assert list(SearchLog.objects.values_list("normalized", flat=True)) == ["低保"]


@pytest.mark.django_db
def test_result_dates_are_shanghai_dates(fresh_engine) -> None:
    """Published at 01:00 on 11-22 in Shanghai (17:00 on 11-21 UTC): the result says 11-22."""
    from gongkai.publishing.models import Publication
    from gongkai.search.services import search_index_objects

    pub = Publication.objects.published().first()
    moment = dt.datetime(2026, 11, 21, 17, 0, tzinfo=dt.UTC)
    Publication.objects.filter(pk=pub.pk).update(published_at=moment)
    search_index_objects(model="publishing.publication", pks=[str(pub.pk)])
    hits = search(text=pub.title, engine=fresh_engine, log=False).hits
    hit = next(h for h in hits if h.url == pub.get_absolute_url())
    assert hit.date == dt.date(2026, 11, 22)
