"""预警 and 告警 (docs/supervision.md#alerts): raised from the deadline registry to the people
who answer for a clock — the organisation's 公开专员 and 审核人 and every 政务公开办 user —
shown in-app until acknowledged, and mailed once a day as a digest.

- 预警: an open duty clock due within the lead time of the monitoring rule in force;
- 告警: a duty clock past its due date, still open (逾期未完成) or closed late (逾期完成).
Each person gets one alert of each level per clock (a unique constraint), so the job may run
as often as it likes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import timezone

from gongkai.accounts.models import Role, UserRole
from gongkai.core.audit import audit_record
from gongkai.core.deadlines import deadline_kind, duty_kinds
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.core.notices import notice_queue
from gongkai.supervision import monitor_rules as R
from gongkai.supervision.models import Alert
from gongkai.supervision.obligations import monitor_rule_in_force

LATE_LOOKBACK_DAYS = 31  # a clock closed late this recently still raises its 告警
BATCH = 1000
DIGEST_LIMIT = 30  # lines listed in one digest mail


def warn_days_in_force(day: dt.date) -> int:
    rule = monitor_rule_in_force(day)
    return rule.warn_days if rule else R.DEFAULT_WARN_DAYS


def _recipients(org_ids: Iterable[int]) -> tuple[dict[int, set[int]], set[int]]:
    """({organisation: its editors and reviewers}, the 政务公开办's users)."""
    by_org: dict[int, set[int]] = defaultdict(set)
    office: set[int] = set()
    for user_id, org_id, role in UserRole.objects.filter(
        Q(role__in=[Role.EDITOR, Role.REVIEWER], user__organisation_id__in=list(org_ids))
        | Q(role=Role.OFFICE),
        user__is_active=True,
    ).values_list("user_id", "user__organisation_id", "role"):
        if role == Role.OFFICE:
            office.add(user_id)
        else:
            by_org[org_id].add(user_id)
    return by_org, office


def _url(d: Deadline) -> str:
    try:
        return deadline_kind(d.kind).url_for(d.object_id)
    except (LookupError, NoReverseMatch):
        return ""


def _raise(deadlines: Iterable[Deadline], level: str) -> int:
    rows = list(deadlines)
    if not rows:
        return 0
    by_org, office = _recipients({d.organisation_id for d in rows})
    before = Alert.objects.count()  # bulk_create cannot say how many conflicts it skipped
    batch: list[Alert] = []
    for d in rows:
        url = _url(d)
        for user_id in by_org.get(d.organisation_id, set()) | office:
            batch.append(
                Alert(
                    user_id=user_id,
                    deadline=d,
                    level=level,
                    label=d.label[:200],
                    due_date=d.due_date,
                    url=url[:300],
                )
            )
        if len(batch) >= BATCH:
            Alert.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        Alert.objects.bulk_create(batch, ignore_conflicts=True)
    return Alert.objects.count() - before


def alerts_raise(*, today: dt.date | None = None) -> dict[str, int]:
    """Raise every 预警 and 告警 due today; settle 预警 of clocks met since (nothing to do)."""
    today = today or timezone.localdate()
    duty = Deadline.objects.filter(kind__in=duty_kinds())
    warn = duty.filter(
        status=DeadlineStatus.OPEN,
        due_date__range=(today, today + dt.timedelta(days=warn_days_in_force(today))),
    )
    late = duty.filter(
        Q(status=DeadlineStatus.OPEN, due_date__lt=today)
        | Q(
            status=DeadlineStatus.LATE,
            closed_on__gte=today - dt.timedelta(days=LATE_LOOKBACK_DAYS),
        )
    )
    with transaction.atomic():
        warned = _raise(warn.iterator(chunk_size=BATCH), R.AlertLevel.WARNING)
        alarmed = _raise(late.iterator(chunk_size=BATCH), R.AlertLevel.OVERDUE)
        settled = Alert.objects.filter(
            level=R.AlertLevel.WARNING,
            acknowledged_at__isnull=True,
            deadline__status__in=[DeadlineStatus.MET, DeadlineStatus.CANCELLED],
        ).update(acknowledged_at=timezone.now())
    return {"warnings": warned, "overdue": alarmed, "settled": settled}


def alerts_raise_for(deadlines: Iterable[Deadline]) -> int:
    """告警 at once for clocks that just closed late (a record published after its date)."""
    return _raise([d for d in deadlines if d.status == DeadlineStatus.LATE], R.AlertLevel.OVERDUE)


def alerts_of(user: Any) -> Any:
    return Alert.objects.filter(user=user).select_related("deadline")


@transaction.atomic
def alerts_acknowledge(*, actor: Any, alert_ids: list[int] | None = None) -> int:
    """The user confirms they have seen their alerts (all open ones when no ids are given);
    never someone else's."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    qs = Alert.objects.filter(user=actor, acknowledged_at__isnull=True)
    if alert_ids is not None:
        qs = qs.filter(pk__in=alert_ids)
    n = qs.update(acknowledged_at=timezone.now())
    if n:
        audit_record(
            actor=actor,
            action="alert.acknowledge",
            object_type="supervision.alert",
            object_id=",".join(map(str, alert_ids or []))[:64] or "all",
            object_repr=f"确认监督提醒{n}条",
        )
    return n


def alerts_digest(*, now: dt.datetime | None = None) -> int:
    """One e-mail per person with the alerts raised since their last digest; stored in the
    notice outbox, so a mail server that is down only delays it."""
    now = now or timezone.now()
    rule = monitor_rule_in_force(timezone.localtime(now).date())
    pending = Alert.objects.filter(digested_at__isnull=True, acknowledged_at__isnull=True)
    if rule is not None and not rule.digest:
        return pending.update(digested_at=now) and 0
    by_user: dict[int, list[Alert]] = defaultdict(list)
    for alert in pending.select_related("user").order_by("level", "due_date", "id"):
        by_user[alert.user_id].append(alert)
    sent = 0
    with transaction.atomic():
        for alerts in by_user.values():
            user = alerts[0].user
            if user.email:
                lines = [
                    f"{a.get_level_display()}｜{a.label}｜截止{a.due_date:%Y-%m-%d}"
                    for a in alerts[:DIGEST_LIMIT]
                ]
                if len(alerts) > DIGEST_LIMIT:
                    lines.append(f"另有{len(alerts) - DIGEST_LIMIT}条，请登录工作台查看。")
                notice_queue(
                    purpose="supervision.digest",
                    email=user.email,
                    subject=f"【政务公开】监督提醒日报（{len(alerts)}条）",
                    text="您负责或监督的事项有以下提醒：\n" + "\n".join(lines),
                )
                sent += 1
            Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(digested_at=now)
    return sent
