"""Background jobs of 办事服务: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="minutely")
@task()
def cases_pull() -> int:
    """Each minute, every active 中间库 source is read from where it stopped."""
    from gongkai.services.connector import sources_pull_all

    return sources_pull_all()


@task()
def source_pull(source_id: int) -> int:
    from gongkai.services.connector import source_pull as run

    return run(source_id=source_id).nodes
