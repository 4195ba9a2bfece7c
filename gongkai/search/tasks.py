"""Index jobs: thin shells over search services."""

from __future__ import annotations

from django_tasks import task


@task()
def index_objects(model: str, pks: list[str]) -> int:
    from gongkai.search.services import search_index_objects

    return search_index_objects(model=model, pks=pks)
