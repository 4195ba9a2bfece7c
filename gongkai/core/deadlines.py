"""Tracked statutory deadlines: one registry, one sync, one set-based recompute.

Each app registers its deadline kinds (in its ``apps.py``) and says which fields of the
subject mirror the due date. The subject owns its rule (e.g. ``Application.reply_clock()``),
``core.clock.rule_due`` is the one computation, and every stored copy — the ``Deadline`` row
and the subject's mirror fields — is written here and nowhere else: by ``deadline_sync`` on
every workflow step and by ``deadlines_recompute_open`` on every holiday change and nightly.
Docs: docs/law-clock.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.core.clock import ClockRule, rule_due
from gongkai.core.context import client_ip
from gongkai.core.models import AuditEvent, Deadline, DeadlineStatus
from gongkai.core.workdays import HolidayCalendar, working_days_between

# whose duty a clock is: the agency's own, or an applicant's / a third party's
AGENCY, OTHER_PARTY = "agency", "other"


@dataclass(frozen=True)
class DeadlineKind:
    """A kind of statutory clock 时限类型 that an app runs on its subjects."""

    key: str  # "foi.reply"
    label: str  # "依申请公开答复期限"
    legal_basis: str  # "条例第三十三条"
    model: str  # subject model label, "foi.Application"
    due_field: str = ""  # the subject's mirror of the due date, if any
    estimate_field: str = ""  # … and of the estimate flag
    party: str = AGENCY  # only the agency's own clocks count for timeliness
    optional: bool = False  # a limit on an act that may not be needed (a 补正 notice): never late
    manage_url: str = ""  # URL name of the staff page of a subject, taking its pk

    def url_for(self, object_id: str) -> str:
        from django.urls import reverse

        return reverse(self.manage_url, args=[object_id]) if self.manage_url else ""

    def subject_model(self) -> type[models.Model]:
        return django_apps.get_model(self.model)


_KINDS: dict[str, DeadlineKind] = {}


def deadline_kind_register(kind: DeadlineKind) -> DeadlineKind:
    """Called from an app's ``ready()``; registering the same kind twice is harmless."""
    _KINDS[kind.key] = kind
    return kind


def deadline_kind(key: str) -> DeadlineKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"deadline kind {key!r} is not registered") from None


def deadline_kinds() -> list[DeadlineKind]:
    return list(_KINDS.values())


def duty_kinds() -> list[str]:
    """Kinds that are the agency's duty: these are met, late or overdue (dashboards, scoring)."""
    return [k.key for k in _KINDS.values() if k.party == AGENCY and not k.optional]


# one subject ------------------------------------------------------------------------------
def _subject_filter(subject: models.Model) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": str(subject.pk),
    }


def _mirror(kind: DeadlineKind, subject: models.Model, due: dt.date | None, est: bool) -> None:
    """Write the subject's copy of the date (instance and row), so a later save keeps it."""
    values: dict[str, Any] = {}
    if kind.due_field:
        values[kind.due_field] = due
    if kind.estimate_field:
        values[kind.estimate_field] = est
    if not values:
        return
    for field, value in values.items():
        setattr(subject, field, value)
    type(subject)._default_manager.filter(pk=subject.pk).update(**values)


@transaction.atomic
def deadline_sync(
    *,
    subject: models.Model,
    kind: str,
    organisation: Any,
    start: dt.date | None,
    rule: ClockRule | None,
    label: str = "",
    calendar: HolidayCalendar | None = None,
) -> Deadline | None:
    """Make the one open deadline of ``kind`` on ``subject`` match the subject's own rule.

    ``start``/``rule`` None means the clock is not running: the open row is cancelled and the
    mirror cleared. Otherwise the row is opened or moved in place, and the mirror refreshed.
    """
    spec = deadline_kind(kind)
    current = (
        Deadline.objects.select_for_update()
        .filter(kind=kind, status=DeadlineStatus.OPEN, **_subject_filter(subject))
        .order_by("id")
    )
    rows = list(current)
    if start is None or rule is None:
        for row in rows:
            row.status = DeadlineStatus.CANCELLED
            row.save(update_fields=["status"])
        _mirror(spec, subject, None, False)
        return None
    due, estimate = rule_due(start, rule, calendar=calendar)
    row = rows[0] if rows else Deadline(kind=kind, **_subject_filter(subject))
    for extra in rows[1:]:  # never two open clocks of one kind on one subject
        extra.status = DeadlineStatus.CANCELLED
        extra.save(update_fields=["status"])
    row.organisation = organisation
    row.label = (label or row.label or spec.label)[:200]
    row.legal_basis = spec.legal_basis
    row.start_date, row.rule = start, rule.encode()
    row.due_date, row.is_estimate = due, estimate
    row.save()
    _mirror(spec, subject, due, estimate)
    return row


def deadline_close(
    *, deadline: Deadline, on: dt.date | None = None, cancelled: bool = False
) -> Deadline:
    """Met on time → 按期完成; met after its date → 超期完成; or cancelled (not applicable)."""
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


def deadlines_close_for(
    subject: models.Model,
    *,
    on: dt.date | None = None,
    kinds: Iterable[str] | None = None,
    cancel: Iterable[str] | None = None,
) -> None:
    """Close the subject's open clocks: ``kinds`` as met/late on ``on`` (all if None), the
    kinds in ``cancel`` as cancelled."""
    cancel = set(cancel or ())
    for deadline in deadlines_open_for(subject):
        if deadline.kind in cancel:
            deadline_close(deadline=deadline, cancelled=True)
        elif kinds is None or deadline.kind in kinds:
            deadline_close(deadline=deadline, on=on)


def deadlines_cancel_for(subject: models.Model) -> None:
    """Every open clock of the subject no longer applies (withdrawn, abandoned)."""
    for deadline in deadlines_open_for(subject):
        deadline_close(deadline=deadline, cancelled=True)


def deadlines_open_for(subject: models.Model) -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(status=DeadlineStatus.OPEN, **_subject_filter(subject))


def deadlines_for(subject: models.Model) -> models.QuerySet[Deadline]:
    """Every clock the subject ever had, open or closed (公开过程完整还原)."""
    return Deadline.objects.filter(**_subject_filter(subject)).order_by("start_date", "id")


def deadlines_move_organisation(subject: models.Model, organisation: Any) -> None:
    deadlines_open_for(subject).update(organisation=organisation)


# every open deadline, set-based ------------------------------------------------------------
OPEN = DeadlineStatus.OPEN.value
CHUNK = 400  # (start, rule) groups per statement: 6 parameters each, under SQLite's limit


def _values_sql(n: int) -> str:
    if connection.vendor == "postgresql":
        row = "(CAST(%s AS date), %s, CAST(%s AS date), %s, CAST(%s AS date), %s)"
    else:  # SQLite keeps dates as ISO text and booleans as 0/1
        row = "(%s, %s, %s, %s, %s, %s)"
    return ", ".join([row] * n)


def _changed_groups(
    kind: str, calendar: HolidayCalendar
) -> list[tuple[dt.date, str, dt.date, bool, dt.date, bool]]:
    """(start, rule, stored due, stored estimate, new due, new estimate) for every group of
    open rows whose stored date is not what the rule gives today. One query per kind."""
    groups = (
        Deadline.objects.filter(kind=kind, status=DeadlineStatus.OPEN)
        .order_by()
        .values_list("start_date", "rule", "due_date", "is_estimate")
        .distinct()
    )
    computed: dict[tuple[dt.date, str], tuple[dt.date, bool]] = {}
    changed = []
    for start, rule, due, est in groups.iterator(chunk_size=5000):
        key = (start, rule)
        if key not in computed:
            computed[key] = rule_due(start, ClockRule.decode(rule), calendar=calendar)
        new_due, new_est = computed[key]
        if (new_due, new_est) != (due, bool(est)):
            changed.append((start, rule, due, bool(est), new_due, new_est))
    return changed


def _apply_groups(
    kind: str, groups: list[tuple[dt.date, str, dt.date, bool, dt.date, bool]]
) -> list[tuple[int, str, int, dt.date, bool, dt.date, bool, str]]:
    """Read the rows of the changed groups, then move them, with one statement each."""
    table = Deadline._meta.db_table
    rows: list[tuple[int, str, int, dt.date, bool, dt.date, bool, str]] = []
    with connection.cursor() as cursor:
        for i in range(0, len(groups), CHUNK):
            chunk = groups[i : i + CHUNK]
            params: list[Any] = [_param(v) for group in chunk for v in group]
            cte = (
                "WITH m(start_date, rule, old_due, old_est, new_due, new_est) AS "
                f"(VALUES {_values_sql(len(chunk))}) "
            )
            match = (
                f"{table}.start_date = m.start_date AND {table}.rule = m.rule "
                f"AND {table}.due_date = m.old_due AND {table}.is_estimate = m.old_est "
                f"AND {table}.status = %s AND {table}.kind = %s"
            )
            update = (
                cte + f"UPDATE {table} SET due_date = m.new_due, is_estimate = m.new_est "
                f"FROM m WHERE {match}"
            )
            returned = (
                f"{table}.id, {table}.object_id, {table}.organisation_id, "
                f"m.old_due, m.old_est, m.new_due, m.new_est, {table}.label"
            )
            if connection.vendor == "postgresql":  # one statement: RETURNING may name m
                cursor.execute(f"{update} RETURNING {returned}", [*params, OPEN, kind])
                rows.extend(cursor.fetchall())
                continue
            # SQLite's RETURNING sees only the updated table: read the rows first
            cursor.execute(
                cte + f"SELECT {returned} FROM {table} JOIN m ON {match}", [*params, OPEN, kind]
            )
            rows.extend(cursor.fetchall())
            cursor.execute(update, [*params, OPEN, kind])
    return [
        (
            pk,
            object_id,
            org,
            _as_date(old_due),
            bool(old_est),
            _as_date(new_due),
            bool(new_est),
            label,
        )
        for pk, object_id, org, old_due, old_est, new_due, new_est, label in rows
    ]


def _param(value: Any) -> Any:
    if connection.vendor != "postgresql" and isinstance(value, dt.date):
        return value.isoformat()  # SQLite compares ISO text; no reliance on default adapters
    return value


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _mirror_bulk(kind: DeadlineKind, rows: list[tuple]) -> None:
    """Refresh the subjects' copies: one UPDATE per distinct new value and chunk of ids."""
    if not (kind.due_field or kind.estimate_field):
        return
    model = kind.subject_model()
    pk_field = model._meta.pk
    by_value: dict[tuple[dt.date, bool], list[Any]] = defaultdict(list)
    for _pk, object_id, _org, _od, _oe, new_due, new_est, _label in rows:
        by_value[(new_due, new_est)].append(pk_field.to_python(object_id))
    for (due, est), ids in by_value.items():
        values: dict[str, Any] = {}
        if kind.due_field:
            values[kind.due_field] = due
        if kind.estimate_field:
            values[kind.estimate_field] = est
        for i in range(0, len(ids), 5000):
            model._default_manager.filter(pk__in=ids[i : i + 5000]).update(**values)


def _audit_bulk(rows: list[tuple], *, actor: Any, reason: str) -> None:
    """One append-only audit event per moved deadline.

    Inserted with COPY (PostgreSQL) or ``executemany`` (SQLite) rather than ``bulk_create``: a
    holiday change can move hundreds of thousands of deadlines, and building a model instance
    per row cost four fifths of the recompute (docs/benchmarks.md). The columns are those
    ``audit_record`` writes.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (user.get_full_name() or user.get_username()) if user else "系统"
    ops = connection.ops
    at = ops.adapt_datetimefield_value(timezone.now())
    ip = client_ip.get()
    table = AuditEvent._meta.db_table
    columns = (
        "at, actor_id, actor_label, organisation_id, action, object_type, object_id, "
        "object_repr, old_values, new_values, ip, note"
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 12)})"
    actor_id = user.pk if user else None
    params = [
        (
            at,
            actor_id,
            label,
            org,
            "deadline.recompute",
            "core.deadline",
            str(pk),
            f"{dl_label}：{new_due}"[:300],
            json.dumps({"due_date": old_due.isoformat(), "is_estimate": old_est}),
            json.dumps({"due_date": new_due.isoformat(), "is_estimate": new_est}),
            ip,
            reason,
        )
        for pk, _object_id, org, old_due, old_est, new_due, new_est, dl_label in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: an order of magnitude above INSERTs
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            return
        for i in range(0, len(params), 5000):
            cursor.executemany(sql, params[i : i + 5000])


def deadlines_recompute_open(
    *, reason: str, actor: Any | None = None, kinds: Iterable[str] | None = None
) -> int:
    """Recompute every open deadline against the current holiday table.

    Per kind: one DISTINCT query over (start, rule, stored date) groups, the rule computed
    once per group, then a read and an UPDATE per chunk of changed groups; the subjects'
    mirror fields follow, and only moved rows are audited (in bulk). A consistent database
    costs one query per kind and writes nothing.
    """
    calendar = HolidayCalendar()
    if kinds is None:
        present = set(
            Deadline.objects.filter(status=DeadlineStatus.OPEN)
            .order_by()
            .values_list("kind", flat=True)
            .distinct()
        )
        kinds = sorted(present)
    total = 0
    for kind in kinds:
        groups = _changed_groups(kind, calendar)
        if not groups:
            continue
        with transaction.atomic():
            rows = _apply_groups(kind, groups)
            if kind in _KINDS:
                _mirror_bulk(_KINDS[kind], rows)
            _audit_bulk(rows, actor=actor, reason=reason)
        total += len(rows)
    return total


def deadline_remaining_text(
    deadline: Deadline, *, today: dt.date | None = None, calendar: HolidayCalendar | None = None
) -> str:
    """剩余N个工作日 / 今日到期 / 已超期N个工作日 for display."""
    return remaining_text(deadline.due_date, today=today, calendar=calendar)


def remaining_text(
    due: dt.date, *, today: dt.date | None = None, calendar: HolidayCalendar | None = None
) -> str:
    today = today or timezone.localdate()
    days = working_days_between(today, due, calendar=calendar)
    if days > 0:
        return f"剩余{days}个工作日"
    if days == 0:
        return "今日到期" if due >= today else "已超期"
    return f"已超期{-days}个工作日"
