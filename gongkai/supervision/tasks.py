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


@periodic(every="daily", hour=1, minute=30)
@task()
def monitoring_daily() -> dict:
    """Open the new periods, fulfil what was published, then raise 预警 and 告警."""
    from gongkai.supervision.alerts import alerts_raise
    from gongkai.supervision.obligations import obligations_refresh

    return {**obligations_refresh(), **alerts_raise()}


@task()
def monitoring_now() -> dict:
    """The same, asked for by the 政务公开办 on the monitoring page."""
    return monitoring_daily.call()


@periodic(every="daily", hour=7, minute=30)
@task()
def alerts_digest_daily() -> int:
    """每日汇总: one mail per person before work starts."""
    from gongkai.supervision.alerts import alerts_digest

    return alerts_digest()
