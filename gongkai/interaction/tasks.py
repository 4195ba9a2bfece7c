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


@periodic(every="daily", hour=9, minute=0)
@task()
def messages_follow_up() -> int:
    """回访: ask answered writers whether the problem was solved."""
    from gongkai.interaction.followup import messages_follow_up as run

    return run()


@periodic(every="daily", hour=8, minute=30)
@task()
def messages_remind() -> int:
    """临期提醒 to the handlers."""
    from gongkai.interaction.followup import messages_remind as run

    return run()


@periodic(every="daily", hour=0, minute=25)
@task()
def surveys_close() -> int:
    """问卷 past their end date are closed."""
    from gongkai.interaction.surveys import surveys_close_due

    return surveys_close_due()
