"""Tracked statutory deadlines: create, close and recompute (docs/law-clock.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.core.workdays import HolidayCalendar, add_working_days, working_days_between


@transaction.atomic
def deadline_open(
    *,
    subject: models.Model,
    organisation: Any,
    kind: str,
    label: str,
    start_date: dt.date,
    working_days: int,
    legal_basis: str = "",
) -> Deadline:
    result = add_working_days(start_date, working_days)
    return Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        organisation=organisation,
        kind=kind,
        label=label,
        legal_basis=legal_basis,
        start_date=start_date,
        working_days=working_days,
        due_date=result.due,
        is_estimate=result.is_estimate,
    )


@transaction.atomic
def deadline_close(
    *, deadline: Deadline, on: dt.date | None = None, cancelled: bool = False
) -> Deadline:
    if deadline.status != DeadlineStatus.OPEN:
        return deadline
    on = on or timezone.localdate()
    if cancelled:
        deadline.status = DeadlineStatus.CANCELLED
    else:
        deadline.status = DeadlineStatus.MET if on <= deadline.due_date else DeadlineStatus.LATE
    deadline.closed_on = on
    deadline.save(update_fields=["status", "closed_on"])
    return deadline


def deadlines_open_for(subject: models.Model) -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        status=DeadlineStatus.OPEN,
    )


@transaction.atomic
def deadlines_recompute_open(*, reason: str, actor: Any | None = None) -> int:
    """Recompute every open deadline against the current holiday table; audit each change."""
    calendar = HolidayCalendar()
    changed = 0
    for deadline in Deadline.objects.select_for_update().filter(status=DeadlineStatus.OPEN):
        result = add_working_days(deadline.start_date, deadline.working_days, calendar=calendar)
        if (result.due, result.is_estimate) == (deadline.due_date, deadline.is_estimate):
            continue
        old = {"due_date": deadline.due_date, "is_estimate": deadline.is_estimate}
        deadline.due_date, deadline.is_estimate = result.due, result.is_estimate
        deadline.save(update_fields=["due_date", "is_estimate"])
        audit_record(
            actor=actor,
            action="deadline.recompute",
            obj=deadline,
            organisation=deadline.organisation,
            old=old,
            new={"due_date": result.due, "is_estimate": result.is_estimate},
            note=reason,
        )
        changed += 1
    return changed


def deadline_remaining_text(
    deadline: Deadline, *, today: dt.date | None = None, calendar: HolidayCalendar | None = None
) -> str:
    """剩余N个工作日 / 今日到期 / 已超期N个工作日 for display."""
    today = today or timezone.localdate()
    days = working_days_between(today, deadline.due_date, calendar=calendar)
    if days > 0:
        return f"剩余{days}个工作日"
    if days == 0:
        return "今日到期"
    return f"已超期{-days}个工作日"
