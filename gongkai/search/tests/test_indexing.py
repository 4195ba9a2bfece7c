"""Indexing after commit through the worker; withdrawal and revision; check and rebuild."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gongkai.core.tests.test_jobs_and_holidays import run_worker
from gongkai.publishing.models import Publication
from gongkai.publishing.services import publication_revise, publication_withdraw
from gongkai.search.services import search, search_check
from gongkai.testing import planning_org


def titles(text: str) -> list[str]:
    return [h.title for h in search(text=text, log=False).hits]


@pytest.fixture
def pub(db) -> Publication:  # type: ignore[no-untyped-def]
    return (
        Publication.objects.published()
        .filter(organisation=planning_org(), interprets__isnull=True)
        .first()
    )


@pytest.mark.django_db
def test_withdrawn_record_leaves_results_right_after_commit(
    fresh_engine, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    assert pub.title in titles(pub.title)
    with django_capture_on_commit_callbacks(execute=True):
        publication_withdraw(actor=planning_reviewer, pub=pub, reason="已废止")
    assert DBTaskResult.objects.filter(
        task_path="gongkai.search.tasks.index_objects", status="READY"
    ).exists()
    run_worker()
    assert pub.title not in titles(pub.title)
    assert search_check().ok


@pytest.mark.django_db
def test_revised_record_changes_in_results(
    fresh_engine, pub, planning_reviewer, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        publication_revise(
            actor=planning_reviewer,
            pub=pub,
            note="更正标题",
            data={"title": "关于开展萤火虫栖息地保护的通知"},
        )
    run_worker()
    assert titles("萤火虫栖息地") == ["关于开展萤火虫栖息地保护的通知"]
    assert pub.title not in titles(pub.title)


@pytest.mark.django_db
def test_consistency_check_and_rebuild(fresh_engine, pub) -> None:
    Publication.objects.filter(pk=pub.pk).update(
        title="库中已改的标题"
    )  # no signal: index is stale
    gone = next(k for k in fresh_engine.versions() if k.startswith("catalog:"))
    fresh_engine.delete([gone])
    report = search_check()
    assert report.stale == [f"info:{pub.pk}"] and report.missing == [gone] and not report.extra
    out = io.StringIO()
    with pytest.raises(Exception, match="索引与数据库不一致"):
        call_command("search_check", stdout=out)
    call_command("search_rebuild", stdout=out)
    assert "索引重建完成" in out.getvalue()
    assert search_check().ok
    assert "库中已改的标题" in titles("库中已改的标题")


@pytest.mark.django_db
def test_catalog_and_guides_are_indexed_through_the_registry(
    fresh_engine, django_capture_on_commit_callbacks, planning_editor, world
) -> None:
    from django.utils import timezone

    from gongkai.catalog.services import catalog_item_adjust

    item = world.permit_item
    with django_capture_on_commit_callbacks(execute=True):
        catalog_item_adjust(
            actor=planning_editor,
            item=item,
            data={"content": "许可证号与蓝线图"},
            reason="补充",
            effective_date=timezone.localdate(),
        )
    run_worker()
    hit = search(text="蓝线图", log=False).hits[0]
    assert hit.ctype == "catalog" and hit.title == "建设工程规划许可"
