"""Background jobs of opendata: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@task()
def datastore_load(version_id: int) -> int:
    from gongkai.opendata.services import datastore_load_version

    return datastore_load_version(version_id=version_id).rows or 0


@periodic(every="minutely")
@task()
def datastore_load_pending() -> int:
    """Versions left unloaded because the queue was down are loaded by the next minute."""
    from gongkai.opendata.services import datastore_load_pending as run

    return run()
