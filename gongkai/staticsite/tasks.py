"""Background jobs of the static site: thin shells over services."""

from __future__ import annotations

import logging

from django_tasks import task

from gongkai.core.jobs import periodic

log = logging.getLogger(__name__)


def site_flush_soon() -> None:
    """Queue a flush for the worker, at most once every 2 s; the minutely run catches
    anything this misses (the pages stay marked stale in the database)."""
    from django.core.cache import cache

    try:
        if cache.add("staticsite:flush-queued", 1, timeout=2):
            site_flush.enqueue()
    except Exception:
        log.warning("static pages: flush not queued; the minutely job will render them")


@periodic(every="minutely")
@task()
def site_flush() -> dict[str, int]:
    """Render the pages marked stale (after a change, or a render that failed)."""
    from gongkai.staticsite.services import site_enabled, site_pages_flush

    if not site_enabled():
        return {}
    report = site_pages_flush()
    return {"written": report.written, "removed": report.removed, "failed": report.failed}


@periodic(every="daily", hour=3, minute=40)
@task()
def site_rebuild() -> dict[str, int]:
    """Every page once a day: lists of related records and dates drift with time."""
    from gongkai.staticsite.services import site_build, site_enabled

    if not site_enabled():
        return {}
    report = site_build(everything=True)
    return {
        "pages": report.expected,
        "written": report.flush.written,
        "failed": report.flush.failed,
    }
