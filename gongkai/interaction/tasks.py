"""Background jobs of 政民互动: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="daily", hour=0, minute=20)
@task()
def consultations_close() -> int:
    """意见征集 past their end date are closed (the comment form goes at midnight anyway)."""
    from gongkai.interaction.consultations import consultations_close_due

    return consultations_close_due()
