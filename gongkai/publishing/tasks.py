"""Background jobs of publishing: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="minutely")
@task()
def publish_scheduled() -> int:
    """定时发布: release scheduled publications whose time has come."""
    from gongkai.publishing.services import publications_publish_due

    return publications_publish_due()
