"""Background jobs of the catalog: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="hourly", minute=5)
@task()
def apply_due_catalog_versions() -> int:
    """动态调整 with a future 生效日期 take effect on that day (checked hourly)."""
    from gongkai.catalog.services import catalog_versions_apply_due

    return catalog_versions_apply_due()


@periodic(every="minutely")
@task()
def reap_stuck_catalog_imports() -> dict[str, int]:
    """Imports left 处理中 by a worker that died are retried, then failed with a reason."""
    from gongkai.catalog.xlsx_import import imports_reap

    return imports_reap()


@task()
def run_catalog_import(job_id: int) -> str:
    from gongkai.catalog.xlsx_import import catalog_import_run

    return catalog_import_run(job_id=job_id).status
