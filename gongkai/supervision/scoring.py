"""Scorecards 考核成绩单 per organisation for any period, from weighted indicators
(docs/supervision.md#scorecards): computed in grouped queries (one per source, whatever the
number of organisations), ranked, with a drill-down to the deadlines that cost points, and
published as a public 成绩单.

Reads other apps through their selectors only: the deadline registry (core), interaction
figures, foi.annual.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.core.deadlines import deadline_kind, duty_kinds
from gongkai.core.models import Deadline, DeadlineStatus
from gongkai.foi.annual import foi_on_time_by_organisation
from gongkai.foi.selectors import applications_of_organisations
from gongkai.interaction.figures import message_figures_by_organisation_id
from gongkai.interaction.selectors import messages_of_organisations
from gongkai.supervision import scoring_rules as R
from gongkai.supervision.complaint_rules import UPHELD_PENALTY
from gongkai.supervision.evaluation import evaluation_by_organisation
from gongkai.supervision.models import ScorePublication, ScoreRule

MAX_PERIOD_DAYS = 3660


def rule_in_force(day: dt.date) -> ScoreRule | None:
    """The rule a period ending on ``day`` is scored by: the latest in force by then."""
    return ScoreRule.in_force(day)


def _ratio(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 100.0


def _timeliness(org_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Duty deadlines due in the period: 按期完成 against all (超期完成, and 已超期 at the end)."""
    rows = (
        Deadline.objects.filter(
            organisation_id__in=org_ids, kind__in=duty_kinds(), due_date__range=(start, end)
        )
        .exclude(status=DeadlineStatus.CANCELLED)
        .values("organisation_id")
        .annotate(
            n=Count("id"),
            met=Count("id", filter=Q(status=DeadlineStatus.MET, closed_on__lte=end)),
        )
        .values_list("organisation_id", "n", "met")
    )
    return {org: {"due": n, "met": met} for org, n, met in rows}


def _periods_done(org_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """定期公开 periods due in the period, and those published by its end."""
    from gongkai.supervision.monitor_rules import PERIOD_DEADLINE

    rows = (
        Deadline.objects.filter(
            organisation_id__in=org_ids, kind=PERIOD_DEADLINE, due_date__range=(start, end)
        )
        .exclude(status=DeadlineStatus.CANCELLED)
        .values("organisation_id")
        .annotate(
            n=Count("id"),
            done=Count(
                "id",
                filter=Q(status__in=[DeadlineStatus.MET, DeadlineStatus.LATE], closed_on__lte=end),
            ),
        )
        .values_list("organisation_id", "n", "done")
    )
    return {org: {"due": n, "done": done} for org, n, done in rows}


def _upheld_complaints(org_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    from gongkai.supervision.complaint_rules import UPHELD
    from gongkai.supervision.models import Complaint

    return dict(
        Complaint.objects.filter(
            organisation_id__in=org_ids, received_on__range=(start, end), finding__in=UPHELD
        )
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )


def _inspection_failures(end: dt.date) -> dict[int, int]:
    """Failing pages per organisation in the last 网站自查 started by the period's end."""
    from gongkai.supervision.inspection import failures_by_organisation
    from gongkai.supervision.models import InspectionRun

    run = InspectionRun.objects.filter(started_at__date__lte=end).order_by("-started_at").first()
    return failures_by_organisation(run)


def scorecards(*, start: dt.date, end: dt.date, rule: ScoreRule | None = None) -> dict[str, Any]:
    """Every department and town of the county scored for [start, end], ranked."""
    if end < start or (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError("考核期不正确：截止日期应不早于起始日期，且不超过十年")
    rule = rule or rule_in_force(end)
    weights = dict(rule.weights) if rule else dict(R.DEFAULT_WEIGHTS)
    orgs = list(
        Organisation.objects.filter(
            is_active=True, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWNSHIP]
        ).order_by("kind", "code")
    )
    ids = [o.pk for o in orgs]
    timely = _timeliness(ids, start, end)
    messages = message_figures_by_organisation_id(
        messages_of_organisations(ids), start=start, end=end
    )
    foi = foi_on_time_by_organisation(applications_of_organisations(ids), start=start, end=end)
    periods = _periods_done(ids, start, end)
    upheld = _upheld_complaints(ids, start, end)
    evaluated = evaluation_by_organisation(ids, start, end)
    inspected = _inspection_failures(end)
    total_weight = sum(weights.get(k, 0) for k in R.KEYS) or 1
    rows = []
    for org in orgs:
        t = timely.get(org.pk, {"due": 0, "met": 0})
        m = messages.get(org.pk, {})
        f = foi.get(org.pk, {"decided": 0, "on_time": 0, "corrected": 0})
        p = periods.get(org.pk, {"due": 0, "done": 0})
        values = {
            "timeliness": _ratio(t["met"], t["due"]),
            "completeness": _ratio(p["done"], p["due"]),
            "interaction": _ratio(m.get("on_time", 0), m.get("answered", 0)),
            "satisfaction": _ratio(m.get("satisfied", 0), m.get("rated", 0)),
            "foi": _ratio(f["on_time"], f["decided"]),
            "challenges": float(max(0, 100 - R.CORRECTED_PENALTY * f["corrected"])),
            "complaints": float(max(0, 100 - UPHELD_PENALTY * upheld.get(org.pk, 0))),
            "inspection": float(max(0, 100 - R.INSPECTION_PENALTY * inspected.get(org.pk, 0))),
            "evaluation": evaluated.get(org.pk, 100.0),
        }
        score = sum(values[k] * weights.get(k, 0) for k in R.KEYS) / total_weight
        rows.append(
            {
                "organisation_id": org.pk,
                "organisation": org.name,
                "values": values,
                "score": round(score, 1),
                "basis": {
                    "deadlines_due": t["due"],
                    "deadlines_met": t["met"],
                    "messages_answered": m.get("answered", 0),
                    "applications_decided": f["decided"],
                    "corrected": f["corrected"],
                    "periods_due": p["due"],
                    "periods_done": p["done"],
                    "complaints_upheld": upheld.get(org.pk, 0),
                },
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["organisation"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return {
        "start": start,
        "end": end,
        "rule": rule,
        "weights": weights,
        "indicators": R.INDICATORS,
        "rows": rows,
    }


def score_drilldown(*, organisation: Organisation, start: dt.date, end: dt.date) -> list[dict]:
    """The deadlines due in the period that were not met on time: what cost the points."""
    out = []
    for d in (
        Deadline.objects.filter(
            organisation=organisation, kind__in=duty_kinds(), due_date__range=(start, end)
        )
        .exclude(status__in=[DeadlineStatus.CANCELLED])
        .exclude(status=DeadlineStatus.MET, closed_on__lte=end)
        .order_by("due_date")[:200]
    ):
        state = "超期完成" if d.status == DeadlineStatus.LATE else "已超期"
        try:
            url = deadline_kind(d.kind).url_for(d.object_id)
        except (LookupError, NoReverseMatch):  # a kind no longer registered, or no staff page
            url = ""
        out.append(
            {"label": d.label, "due": d.due_date, "state": state, "closed": d.closed_on, "url": url}
        )
    return out


def _office(actor: Any) -> None:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("考核规则和成绩单由政务公开办设定和公布")


@transaction.atomic
def score_rule_create(
    *, actor: Any, effective_from: dt.date, weights: dict[str, int], note: str = ""
) -> ScoreRule:
    """A new version of the weights from ``effective_from`` on (earlier periods keep theirs)."""
    _office(actor)
    clean = {k: int(weights.get(k, 0)) for k in R.KEYS}
    if any(v < 0 or v > 100 for v in clean.values()) or not sum(clean.values()):
        raise ValidationError({"weights": "每项权重应为0至100的整数，且合计大于0"})
    if ScoreRule.objects.filter(effective_from=effective_from).exists():
        raise ValidationError({"effective_from": "该日期已有考核规则，请另选生效日期"})
    rule = ScoreRule.objects.create(
        effective_from=effective_from, weights=clean, note=note.strip()[:200], created_by=actor
    )
    audit_record(actor=actor, action="score_rule.create", obj=rule, new=clean)
    return rule


@transaction.atomic
def score_publish(*, actor: Any, start: dt.date, end: dt.date, title: str) -> ScorePublication:
    """The 成绩单 of a period goes public, kept as computed now."""
    _office(actor)
    rule = rule_in_force(end)
    if rule is None:
        raise ValidationError("请先设定考核规则")
    cards = scorecards(start=start, end=end, rule=rule)
    rows = [
        {k: v for k, v in r.items() if k in ("rank", "organisation", "score", "values")}
        for r in cards["rows"]
    ]
    pub = ScorePublication.objects.create(
        start=start,
        end=end,
        title=(title.strip() or f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}政务公开工作成绩单")[
            :100
        ],
        rule=rule,
        rows=rows,
        published_by=actor,
    )
    audit_record(actor=actor, action="score.publish", obj=pub)
    return pub


def post_scores(*, organisation: Organisation, start: dt.date, end: dt.date) -> list[dict]:
    """岗位 scores of one organisation's staff for [start, end]: the 主动公开 clocks of the
    records each 公开专员 drafted (met by their date) and the applications each 承办人 answered
    (by their reply date); the score is the share of both done on time (no items: none)."""
    from collections import defaultdict

    from gongkai.accounts.models import User, UserKind
    from gongkai.foi.annual import foi_on_time_by_handler
    from gongkai.publishing.selectors import publication_creators

    clocks = list(
        Deadline.objects.filter(
            organisation=organisation,
            kind="publishing.proactive",
            due_date__range=(start, end),
        )
        .exclude(status=DeadlineStatus.CANCELLED)
        .values_list("object_id", "status", "closed_on")
    )
    creators = publication_creators(publication_ids=[int(c[0]) for c in clocks])
    pubs: dict[int, dict[str, int]] = defaultdict(lambda: {"due": 0, "met": 0})
    for object_id, status, closed_on in clocks:
        user = creators.get(int(object_id))
        if user is None:
            continue
        pubs[user]["due"] += 1
        if status == DeadlineStatus.MET and closed_on and closed_on <= end:
            pubs[user]["met"] += 1
    foi = foi_on_time_by_handler(
        applications_of_organisations([organisation.pk]), start=start, end=end
    )
    rows = []
    for user in User.objects.filter(
        organisation=organisation, kind=UserKind.STAFF, is_active=True
    ).order_by("username"):
        p = pubs.get(user.pk, {"due": 0, "met": 0})
        f = foi.get(user.pk, {"decided": 0, "on_time": 0})
        items = p["due"] + f["decided"]
        rows.append(
            {
                "user": user.get_full_name() or user.username,
                "roles": "、".join(sorted(str(r) for r in user.roles.all())),
                "pubs_due": p["due"],
                "pubs_met": p["met"],
                "foi_decided": f["decided"],
                "foi_on_time": f["on_time"],
                "score": _ratio(p["met"] + f["on_time"], items) if items else None,
            }
        )
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), r["user"]))
    return rows
