"""Index jobs: thin shells over search services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@task()
def index_objects(model: str, pks: list[str]) -> int:
    from gongkai.search.services import search_index_objects

    return search_index_objects(model=model, pks=pks)


@periodic(every="daily", hour=3, minute=0)
@task()
def nightly_consistency_check() -> str:
    """Repair drift (a job lost with a crashed worker, a restored backup) once a night."""
    from gongkai.search.services import search_check, search_rebuild

    report = search_check()
    if report.ok:
        return "ok"
    search_rebuild()
    counts = (len(report.missing), len(report.stale), len(report.extra))
    return "rebuilt: {} missing, {} stale, {} extra".format(*counts)


@periodic(every="daily", hour=3, minute=30)
@task()
def purge_search_logs() -> int:
    """Search records are personal data: kept only for SEARCH_LOG_RETENTION_DAYS."""
    from gongkai.search.services import search_logs_purge

    return search_logs_purge()
