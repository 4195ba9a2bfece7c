"""The shared engine suite (docs/search.md): every test runs on tantivy and on PostgreSQL."""

from __future__ import annotations

import re

import pytest

from gongkai.search.services import search, search_suggest


def run(engine, text: str, **kw):  # type: ignore[no-untyped-def]
    return search(text=text, engine=engine, log=False, **kw)


@pytest.mark.django_db
def test_synonyms_traditional_and_full_width(engine) -> None:
    names = [h.title for h in run(engine, "低保").hits]
    assert {"最低生活保障审批", "最低生活保障标准"} <= set(names)
    assert run(engine, "環境保護").total == run(engine, "环境保护").total > 0
    assert [h.key for h in run(engine, "ＲＺ／ＧＫ　０２").hits][:1] == [
        h.key for h in run(engine, "RZ/GK 02").hits
    ][:1]


def world_doc_number() -> tuple[str, str]:
    """(文号, its year) of the world's planning notice (the year is this year)."""
    from gongkai.publishing.models import Publication

    number = Publication.objects.get(title__endswith="违法建设专项整治的通知").doc_number
    return number, number.split("〔")[1][:4]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern",
    [
        "示自然资规发〔{y}〕{n}号",
        "示自然资规发[{y}]{n}号",
        "示自然资规发({y}){n}号",
        "示自然资规发（{y}）{n}号",
        "示自然资规发{y} {n}号",
        "示自然资规发{y}{n}号",
    ],
)
def test_doc_number_however_bracketed_comes_first(engine, pattern: str) -> None:
    number, year = world_doc_number()
    seq = number.split("〕")[1].removesuffix("号")
    first = run(engine, pattern.format(y=year, n=seq)).hits[0]
    assert first.exact and first.doc_number == number


@pytest.mark.django_db
def test_index_number_lookup(engine) -> None:
    from gongkai.publishing.models import Publication

    pub = Publication.objects.published().exclude(index_no=None).first()
    first = run(engine, pub.index_no).hits[0]
    assert first.exact and first.index_no == pub.index_no


@pytest.mark.django_db
def test_facets_filters_and_counts(engine) -> None:
    everything = run(engine, "规划")
    by_type = {f["value"]: f["count"] for f in everything.facets["ctype"]}
    assert sum(by_type.values()) == everything.total
    assert [f["value"] for f in everything.facets["stage"]] == [
        v
        for v in ["decision", "execution", "management", "service", "result"]
        if v in {f["value"] for f in everything.facets["stage"]}
    ]
    only_catalog = run(engine, "规划", filters={"ctype": "catalog"})
    assert only_catalog.total == by_type["catalog"]
    assert {h.ctype for h in only_catalog.hits} == {"catalog"}
    decision = run(engine, "规划", filters={"stage": "decision", "domain": "01"})
    assert decision.total > 0 and {h.stage for h in decision.hits} == {"decision"}
    year = everything.facets["year"][0]
    assert run(engine, "规划", filters={"year": year["value"]}).total == year["count"]
    labels = {f["value"]: f["label"] for f in everything.facets["domain"]}
    assert labels["01"] == "城乡规划"


@pytest.mark.django_db
def test_sorting_by_date_and_grouped_by_stage(engine) -> None:
    dated = [h.date for h in run(engine, "公开", sort="date", page_size=20).hits if h.date]
    assert dated == sorted(dated, reverse=True)
    order = ["decision", "execution", "management", "service", "result"]
    stages = [h.stage for h in run(engine, "规划", sort="stage", page_size=50).hits if h.stage]
    assert stages == sorted(stages, key=order.index)


@pytest.mark.django_db
def test_pagination_and_highlight(engine) -> None:
    first, second = run(engine, "公开", page=1), run(engine, "公开", page=2)
    assert first.total == second.total > 20
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}
    assert second.hits[0].rank == 11
    hit = run(engine, "欠税公告").hits[0]
    assert "<mark>欠税</mark>" in hit.title_html and "<script" not in hit.snippet_html


@pytest.mark.django_db
def test_did_you_mean(engine) -> None:
    result = run(engine, "低宝")
    assert result.total == 0 and result.suggestion == "低保"


@pytest.mark.django_db
def test_suggestions_as_you_type(engine) -> None:
    assert any("老年人优待证" in s for s in search_suggest("老年人", engine=engine))


@pytest.mark.django_db
def test_plain_tokens_only_in_index(engine) -> None:
    hits = run(engine, "<script>alert(1)</script>").hits
    assert all(not re.search(r"<script", str(h.snippet_html)) for h in hits)
