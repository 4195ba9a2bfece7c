"""One background-job API (docs/audit-and-jobs.md).

Jobs are Django Tasks (``django_tasks.task``); the embedded default stores them in the
database (django-tasks-db) and ``manage.py db_worker`` runs them. Periodic jobs are declared
with ``@periodic`` and enqueued by ``manage.py run_scheduler``; any number of schedulers and
workers may run side by side against PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.models import PeriodicRun


def enqueue_on_commit(task: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` once the surrounding transaction commits (or at once outside one)."""
    transaction.on_commit(lambda: task.enqueue(**kwargs))


@dataclass(frozen=True)
class Schedule:
    task: Any
    every: str  # "minutely" | "hourly" | "daily"
    minute: int = 0
    hour: int = 0

    @property
    def name(self) -> str:
        return self.task.module_path

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        local = timezone.localtime(now)
        if self.every == "minutely":
            return local.replace(second=0, microsecond=0)
        if self.every == "hourly":
            slot = local.replace(minute=self.minute, second=0, microsecond=0)
            if slot > local:
                slot -= dt.timedelta(hours=1)
        elif self.every == "daily":
            slot = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
            if slot > local:
                slot -= dt.timedelta(days=1)
        else:
            raise ValueError(f"unknown schedule {self.every!r}")
        return slot


SCHEDULES: list[Schedule] = []


def periodic(*, every: str, minute: int = 0, hour: int = 0) -> Callable[[Any], Any]:
    """Run a task every minute, every hour (at ``minute``) or every day (``hour``:``minute``)."""
    if every not in {"minutely", "hourly", "daily"}:
        raise ValueError("every must be 'minutely', 'hourly' or 'daily'")

    def register(task: Any) -> Any:
        SCHEDULES.append(Schedule(task=task, every=every, minute=minute, hour=hour))
        return task

    return register


def scheduler_tick(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue each periodic task whose latest slot has not been claimed yet.

    The conditional UPDATE is the claim: with several schedulers only one wins a slot.
    """
    now = now or timezone.now()
    enqueued: list[str] = []
    for schedule in SCHEDULES:
        slot = schedule.latest_slot(now)
        PeriodicRun.objects.get_or_create(name=schedule.name)
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(
                Q(last_slot__isnull=True) | Q(last_slot__lt=slot), name=schedule.name
            ).update(last_slot=slot)
            if claimed:
                schedule.task.enqueue()
                enqueued.append(schedule.name)
    return enqueued
