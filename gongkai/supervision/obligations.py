"""Obligations 公开义务 and the compliance scan 合规扫描 (docs/supervision.md#obligations).

Every obligation is a duty clock of the deadline registry, so its due date has one owner
(``core.clock.rule_due`` with the catalog item's own 公开时限, as the publishing workflow uses):

- event-triggered: each 主动公开 record's ``publishing.proactive`` deadline (形成日期 + 时限);
- periodic: one ``supervision.period`` deadline per month, quarter or year of a 每月/每季度/每年
  item, opened here (``obligations_refresh``) and closed by the first record of the item formed
  in that period, on the day it was published (``obligations_fulfil``);
- the annual report's (条例第四十九条, supervision.annual_rules).

The scan groups all of them by organisation and state in one statement (``state_case``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Case, CharField, Count, Q, Value, When
from django.urls import NoReverseMatch
from django.utils import timezone

from gongkai.catalog.selectors import guides_without_materials, periodic_items_in_force
from gongkai.core.clock import period_end
from gongkai.core.deadlines import deadline_close, deadline_kind, deadline_sync
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.publishing.selectors import item_publication_dates, records_missing_elements
from gongkai.supervision import monitor_rules as R
from gongkai.supervision.models import ItemPeriod, MonitorRule

QUARTERS = "一二三四"


# periods --------------------------------------------------------------------------------------
def period_start(period: str, day: dt.date) -> dt.date:
    if period == "monthly":
        return day.replace(day=1)
    if period == "quarterly":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def periods_between(period: str, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of every period from the one holding ``first`` to the one holding ``last``."""
    out = []
    start = period_start(period, first)
    while start <= last:
        end = period_end(period, start)
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def period_label(period: str, start: dt.date) -> str:
    if period == "monthly":
        return f"{start.year}年{start.month}月"
    if period == "quarterly":
        return f"{start.year}年第{QUARTERS[(start.month - 1) // 3]}季度"
    return f"{start.year}年度"


def monitor_rule_in_force(day: dt.date) -> MonitorRule | None:
    return MonitorRule.in_force(day)


def checks_in_force(day: dt.date) -> list[str]:
    rule = monitor_rule_in_force(day)
    return list(rule.checks) if rule else list(R.Check.values)


# periodic obligations -------------------------------------------------------------------------
@transaction.atomic
def obligations_refresh(*, today: dt.date | None = None) -> dict[str, int]:
    """Open every period that has begun (back to the start of last year, or the item's first
    day in the catalog), re-time open ones whose item changed its 公开时限, then fulfil."""
    today = today or timezone.localdate()
    since = dt.date(today.year - R.HISTORY_YEARS, 1, 1)
    items = list(periodic_items_in_force())
    existing = defaultdict(set)
    for item_id, start in ItemPeriod.objects.filter(item__in=items).values_list(
        "item_id", "period_start"
    ):
        existing[item_id].add(start)
    opened = 0
    for item in items:
        first = max(since, timezone.localtime(item.created_at).date())
        rule = item.clock_rule()
        for start, end in periods_between(item.period, first, today):
            if start in existing[item.pk]:
                continue
            row = ItemPeriod.objects.create(
                item=item, organisation=item.organisation, period_start=start, period_end=end
            )
            deadline_sync(
                subject=row,
                kind=R.PERIOD_DEADLINE,
                organisation=item.organisation,
                start=start,
                rule=rule,
                label=f"{item.name}（{period_label(item.period, start)}）定期公开"[:200],
            )
            opened += 1
    retimed = _retime_open(items)
    fulfilled = obligations_fulfil(item_ids=[i.pk for i in items])
    return {"opened": opened, "retimed": retimed, "fulfilled": fulfilled}


def _retime_open(items: list[Any]) -> int:
    """An item's 公开时限 changed (动态调整): its open periods follow the new rule."""
    rules = {item.pk: item.clock_rule() for item in items}
    rows = ItemPeriod.objects.filter(item__in=items, fulfilled_on__isnull=True)
    by_id = {str(r.pk): r for r in rows}
    moved = 0
    for object_id, encoded in Deadline.objects.filter(
        kind=R.PERIOD_DEADLINE, status=DeadlineStatus.OPEN, object_id__in=list(by_id)
    ).values_list("object_id", "rule"):
        row = by_id[object_id]
        rule = rules[row.item_id]
        if rule.encode() != encoded:
            deadline_sync(
                subject=row,
                kind=R.PERIOD_DEADLINE,
                organisation=row.organisation,
                start=row.period_start,
                rule=rule,
            )
            moved += 1
    return moved


def obligations_fulfil(*, item_ids: list[int]) -> int:
    """Close each open period of the items by the first record formed in it, on the day that
    record was published (按时 if by the due date, else 逾期完成)."""
    open_rows = list(
        ItemPeriod.objects.filter(item_id__in=item_ids, fulfilled_on__isnull=True).order_by(
            "period_start"
        )
    )
    if not open_rows:
        return 0
    since = min(r.period_start for r in open_rows)
    first_published: dict[tuple[int, dt.date], dt.date] = {}
    by_item = defaultdict(list)
    for row in open_rows:
        by_item[row.item_id].append(row)
    for item_id, formed_on, published_at in item_publication_dates(item_ids=item_ids, since=since):
        day = timezone.localtime(published_at).date()
        for row in by_item.get(item_id, ()):
            if row.period_start <= formed_on <= row.period_end:
                key = (row.item_id, row.period_start)
                first_published[key] = min(first_published.get(key, day), day)
    done = 0
    for row in open_rows:
        day = first_published.get((row.item_id, row.period_start))
        if day is None:
            continue
        row.fulfilled_on = day
        row.save(update_fields=["fulfilled_on"])
        for deadline in Deadline.objects.filter(
            kind=R.PERIOD_DEADLINE, object_id=str(row.pk), status=DeadlineStatus.OPEN
        ):
            deadline_close(deadline=deadline, on=day)
        done += 1
    return done


# the scan -------------------------------------------------------------------------------------
def state_case(today: dt.date) -> Case:
    """``monitor_rules.obligation_state`` in SQL, for grouping many rows at once."""
    return Case(
        When(status=DeadlineStatus.MET, then=Value(R.ObligationState.ON_TIME.value)),
        When(status=DeadlineStatus.LATE, then=Value(R.ObligationState.LATE_DONE.value)),
        When(due_date__lt=today, then=Value(R.ObligationState.OVERDUE.value)),
        default=Value(R.ObligationState.NOT_DUE.value),
        output_field=CharField(),
    )


def obligations(organisation_ids: list[int]) -> Any:
    return Deadline.objects.filter(
        kind__in=R.OBLIGATION_KINDS, organisation_id__in=organisation_ids
    ).exclude(status=DeadlineStatus.CANCELLED)


def _url(d: Deadline) -> str:
    try:
        return deadline_kind(d.kind).url_for(d.object_id)
    except (LookupError, NoReverseMatch):
        return ""


def _listed(qs: Any, limit: int = R.LIST_LIMIT) -> dict[str, Any]:
    rows = list(qs.select_related("organisation").order_by("due_date", "id")[:limit])
    return {
        "count": qs.count(),
        "items": [
            {
                "label": d.label,
                "url": _url(d),
                "organisation": d.organisation.name,
                "due": d.due_date,
                "deadline_id": d.pk,
            }
            for d in rows
        ],
    }


def compliance_scan(
    *, organisation_ids: list[int], today: dt.date | None = None, with_checks: bool = True
) -> dict[str, Any]:
    """Obligations by organisation and state (one grouped statement), the overdue ones, and
    the completeness checks the monitoring rule in force switches on."""
    from gongkai.foi.services import REPLY as FOI_REPLY
    from gongkai.interaction.services import REPLY as MESSAGE_REPLY

    today = today or timezone.localdate()
    blank = dict.fromkeys(R.ObligationState.values, 0)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict(blank))
    totals = dict.fromkeys(R.ObligationState.values, 0)
    for org_id, state, n in (
        obligations(organisation_ids)
        .annotate(state=state_case(today))
        .values("organisation_id", "state")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "state", "n")
        .order_by()
    ):
        counts[org_id][state] = n
        totals[state] += n
    result: dict[str, Any] = {
        "today": today,
        "by_organisation": {k: dict(v) for k, v in counts.items()},
        "totals": totals,
        "states": R.ObligationState,
        "checks": [],
    }
    if not with_checks:
        return result
    overdue = Q(status=DeadlineStatus.OPEN, due_date__lt=today)
    enabled = checks_in_force(today)
    found: dict[str, dict[str, Any]] = {}
    if R.Check.PERIOD_MISSING in enabled:
        found[R.Check.PERIOD_MISSING] = _listed(
            obligations(organisation_ids).filter(overdue, kind=R.PERIOD_DEADLINE)
        )
    if R.Check.GUIDE_MATERIALS in enabled:
        found[R.Check.GUIDE_MATERIALS] = guides_without_materials(
            organisation_ids=organisation_ids, limit=R.LIST_LIMIT
        )
    if R.Check.DOC_NUMBER in enabled or R.Check.INTERPRETATION in enabled:
        missing = records_missing_elements(organisation_ids=organisation_ids, limit=R.LIST_LIMIT)
        if R.Check.DOC_NUMBER in enabled:
            found[R.Check.DOC_NUMBER] = missing["no_doc_number"]
        if R.Check.INTERPRETATION in enabled:
            found[R.Check.INTERPRETATION] = missing["no_interpretation"]
    for key, kind in ((R.Check.MESSAGES_OVERDUE, MESSAGE_REPLY), (R.Check.FOI_OVERDUE, FOI_REPLY)):
        if key in enabled:
            found[key] = _listed(
                Deadline.objects.filter(overdue, kind=kind, organisation_id__in=organisation_ids)
            )
    result["checks"] = [
        {"key": key, "label": R.Check(key).label, **found[key]}
        for key in R.Check.values
        if key in found
    ]
    result["overdue"] = _listed(obligations(organisation_ids).filter(overdue))
    return result


@transaction.atomic
def monitor_rule_create(
    *,
    actor: Any,
    effective_from: dt.date,
    warn_days: int,
    checks: list[str],
    digest: bool,
    complaint_days: int = 15,
    note: str = "",
) -> MonitorRule:
    """A new version of the monitoring rule from ``effective_from`` (earlier days keep theirs)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.accounts.permissions import is_office, is_sysadmin
    from gongkai.core.audit import audit_record

    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("在线监督规则由政务公开办设定")
    errors: dict[str, str] = {}
    if not 0 <= warn_days <= R.MAX_WARN_DAYS:
        errors["warn_days"] = f"预警提前天数应为0至{R.MAX_WARN_DAYS}"
    if not 1 <= complaint_days <= 60:
        errors["complaint_days"] = "投诉办理时限应为1至60个工作日"
    unknown = [c for c in checks if c not in R.Check.values]
    if unknown:
        errors["checks"] = "包含无效的检查项目"
    if MonitorRule.objects.filter(effective_from=effective_from).exists():
        errors["effective_from"] = "该日期已有在线监督规则，请另选生效日期"
    if errors:
        raise ValidationError(errors)
    rule = MonitorRule.objects.create(
        effective_from=effective_from,
        warn_days=warn_days,
        checks=[c for c in R.Check.values if c in checks],
        digest=digest,
        complaint_days=complaint_days,
        note=note.strip()[:200],
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="monitor_rule.create",
        obj=rule,
        new={
            "warn_days": warn_days,
            "checks": rule.checks,
            "digest": digest,
            "complaint_days": complaint_days,
        },
    )
    return rule
