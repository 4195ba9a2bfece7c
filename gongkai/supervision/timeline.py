"""公开过程完整还原 (docs/supervision.md#timeline): one timeline of who did what when, and which
deadline applied at each step, for a catalog item, a publication, an FOI application or a
message.

Sources: the append-only audit log (core), each app's own step records (foi ``Event``,
interaction ``MessageEvent``) and the subject's clocks in the deadline registry. Staff see
names and notes; the public version (only for public subjects) names the organisation
instead of the person and leaves notes and changed values out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from gongkai.core.audit_labels import action_label, describe
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import deadlines_for
from gongkai.core.models import AuditEvent, Deadline, DeadlineStatus
from gongkai.supervision.models import ItemPeriod

SUBJECTS = ("publication", "item", "application", "message", "complaint")
CLOSED_WORDS = {
    DeadlineStatus.MET: "按期完成",
    DeadlineStatus.LATE: "超期完成",
    DeadlineStatus.CANCELLED: "不再适用",
}


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    label: str
    actor: str = ""
    details: list[str] = field(default_factory=list)
    clock: str = ""  # the deadline this step started, closed or missed
    late: bool = False
    date_only: bool = False  # clocks run in whole days: no time of day to show


def _aware(day: dt.date, end_of_day: bool = False) -> dt.datetime:
    moment = dt.time(23, 59) if end_of_day else dt.time(0, 0)
    return timezone.make_aware(dt.datetime.combine(day, moment))


def _audit_steps(object_type: str, object_id: str, *, public: bool) -> list[Step]:
    steps = []
    for e in AuditEvent.objects.filter(object_type=object_type, object_id=object_id).select_related(
        "organisation"
    ):
        org = e.organisation.name if e.organisation_id else ""
        if public:
            steps.append(Step(e.at, action_label(e.action), org))
            continue
        details = [f"{c.field}：{c.old or '（空）'} → {c.new or '（空）'}" for c in describe(e)]
        if e.note:
            details.append(e.note)
        actor = "、".join(x for x in (e.actor_label, org) if x)
        steps.append(Step(e.at, action_label(e.action), actor, details[:8]))
    return steps


def _clock_steps(deadlines: list[Deadline], today: dt.date) -> list[Step]:
    steps = []
    for d in deadlines:
        try:
            rule = ClockRule.decode(d.rule).describe()
        except ValueError:
            rule = d.rule
        basis = f"（{d.legal_basis}）" if d.legal_basis else ""
        label = d.label if rule in d.label else f"{d.label}（{rule}）"
        clock = f"{label}，截止{d.due_date:%Y年%m月%d日}{basis}"
        steps.append(Step(_aware(d.start_date), "开始计算期限", clock=clock, date_only=True))
        if d.status in CLOSED_WORDS and d.closed_on:
            steps.append(
                Step(
                    _aware(d.closed_on, end_of_day=True),
                    CLOSED_WORDS[d.status],
                    clock=d.label,
                    late=d.status == DeadlineStatus.LATE,
                    date_only=True,
                )
            )
        elif d.status == DeadlineStatus.OPEN and d.due_date < today:
            steps.append(
                Step(
                    _aware(d.due_date, True),
                    "期限届满未完成",
                    clock=d.label,
                    late=True,
                    date_only=True,
                )
            )
    return steps


def _sorted(steps: list[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: s.at)


def publication_timeline(pub: models.Model, *, public: bool) -> list[Step]:
    today = timezone.localdate()
    return _sorted(
        _audit_steps("publishing.publication", str(pub.pk), public=public)
        + _clock_steps(list(deadlines_for(pub)), today)
    )


def item_timeline(item: models.Model, *, public: bool) -> list[Step]:
    """The item's own changes, each period it owed and each record published under it."""
    from gongkai.publishing.selectors import publications_of_item

    today = timezone.localdate()
    steps = _audit_steps("catalog.catalogitem", str(item.pk), public=public)
    periods = ItemPeriod.objects.filter(item=item).order_by("-period_start")[:60]
    for period in periods:
        steps += _clock_steps(list(deadlines_for(period)), today)
    for pub in publications_of_item(item_id=item.pk):
        org = pub.organisation.name if public else ""
        steps.append(Step(pub.published_at, f"发布《{pub.title[:60]}》", org))
    return _sorted(steps)


def application_timeline(app: models.Model) -> list[Step]:
    """Staff only: an application's steps (the applicant has their own tracking page)."""
    today = timezone.localdate()
    steps = [
        Step(
            e.at,
            e.label,
            e.actor.get_full_name() if e.actor_id else "",
            [e.note] if e.note else [],
        )
        for e in app.events.select_related("actor")
    ]
    return _sorted(steps + _clock_steps(list(deadlines_for(app)), today))


def message_timeline(message: Any, *, public: bool) -> list[Step]:
    today = timezone.localdate()
    steps = []
    for e in message.events.select_related("actor"):
        if public:
            steps.append(Step(e.at, e.get_kind_display()))
        else:
            actor = e.actor.get_full_name() if e.actor_id else ""
            steps.append(Step(e.at, e.get_kind_display(), actor, [e.note] if e.note else []))
    return _sorted(steps + _clock_steps(list(deadlines_for(message)), today))


def complaint_timeline(complaint: Any) -> list[Step]:
    """Staff only: a disclosure complaint's steps and its handling clock."""
    today = timezone.localdate()
    steps = [
        Step(
            e.at, e.label, e.actor.get_full_name() if e.actor_id else "", [e.note] if e.note else []
        )
        for e in complaint.events.select_related("actor")
    ]
    return _sorted(steps + _clock_steps(list(deadlines_for(complaint)), today))
