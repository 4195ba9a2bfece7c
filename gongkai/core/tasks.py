"""Background jobs of the core app: thin shells over services."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from gongkai.core.jobs import periodic


@task()
def recompute_open_deadlines(reason: str) -> int:
    from gongkai.core.deadlines import deadlines_recompute_open

    return deadlines_recompute_open(reason=reason)


@periodic(every="daily", hour=0, minute=30)
@task()
def daily_deadline_recompute() -> int:
    """Nightly safety net: a missed holiday-change job can never leave a stale deadline."""
    from gongkai.core.deadlines import deadlines_recompute_open

    return deadlines_recompute_open(reason=f"每日核对 {timezone.localdate()}")


@periodic(every="minutely")
@task()
def notices_send() -> int:
    """Send the notices that are due (core/notices.py); also the retry of any that failed."""
    from gongkai.core.notices import notices_send as send

    return send()
