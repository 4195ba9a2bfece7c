"""Background jobs of supervision: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="daily", hour=6, minute=0)
@task()
def inspection_daily() -> int:
    """网站自查 every morning, so the 政务公开办 sees yesterday's problems before work."""
    from gongkai.supervision.inspection import inspection_run

    return inspection_run().pk


@task()
def inspection_now(actor_id: int) -> int:
    """网站自查 asked for on the staff page (the crawl is too long for a request)."""
    from gongkai.accounts.models import User
    from gongkai.supervision.inspection import inspection_run

    return inspection_run(actor=User.objects.filter(pk=actor_id).first()).pk
