"""Daily FOI jobs: thin shells over services."""

from __future__ import annotations

from django_tasks import task

from gongkai.core.jobs import periodic


@periodic(every="daily", hour=0, minute=10)
@task()
def close_abandoned_applications() -> int:
    """补正 or fee deadlines passed: 视为放弃 (条例 第三十条; 信息处理费办法)."""
    from gongkai.foi.services import application_close_abandoned

    return application_close_abandoned()


@periodic(every="daily", hour=8, minute=0)
@task()
def foi_reminders() -> int:
    """每日 8:00 提醒即将到期和已超期的申请."""
    from django.utils import timezone

    from gongkai.foi.reports import send_reminders

    return send_reminders(today=timezone.localdate())
