"""索引号 stay unique when many staff publish at the same moment (PostgreSQL, real threads)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection

from gongkai.accounts.models import User
from gongkai.publishing.services import (
    index_no_allocate,
    publication_create,
    publication_review,
    publication_submit,
)
from gongkai.testing import planning_org

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="row locks are a PostgreSQL matter; SQLite serialises all writers anyway",
)


def run_in_threads(target, count: int) -> list:  # type: ignore[no-untyped-def]
    barrier, results, errors = threading.Barrier(count), [], []

    def body(i: int) -> None:
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_index_numbers_unique_under_concurrent_publishing() -> None:
    org = planning_org()
    editor, reviewer = (
        User.objects.get(username="t_planning_editor"),
        User.objects.get(username="t_planning_reviewer"),
    )

    # first allocations of a new year race to create the counter row as well
    numbers = run_in_threads(
        lambda i: [index_no_allocate(organisation=org, year=2031) for _ in range(5)], 8
    )
    flat = [n for chunk in numbers for n in chunk]
    assert len(flat) == len(set(flat)) == 40
    assert sorted(int(n[-5:]) for n in flat) == list(range(1, 41))

    pubs = []
    for i in range(8):
        pub = publication_create(
            actor=editor,
            data={
                "organisation": org,
                "title": f"并发发布测试{i}",
                "formed_on": dt.date(2026, 3, 2),
            },
        )
        pubs.append(publication_submit(actor=editor, pub=pub))
    published = run_in_threads(
        lambda i: publication_review(actor=reviewer, pub=pubs[i], approve=True).index_no, 8
    )
    assert len(set(published)) == 8 and all(published)
