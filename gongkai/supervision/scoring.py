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
from gongkai.supervision.models import ScorePublication, ScoreRule

MAX_PERIOD_DAYS = 3660


def rule_in_force(day: dt.date) -> ScoreRule | None:
    """The rule a period ending on ``day`` is scored by: the latest in force by then."""
    return ScoreRule.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


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
    total_weight = sum(weights.get(k, 0) for k in R.KEYS) or 1
    rows = []
    for org in orgs:
        t = timely.get(org.pk, {"due": 0, "met": 0})
        m = messages.get(org.pk, {})
        f = foi.get(org.pk, {"decided": 0, "on_time": 0, "corrected": 0})
        values = {
            "timeliness": _ratio(t["met"], t["due"]),
            "interaction": _ratio(m.get("on_time", 0), m.get("answered", 0)),
            "satisfaction": _ratio(m.get("satisfied", 0), m.get("rated", 0)),
            "foi": _ratio(f["on_time"], f["decided"]),
            "challenges": float(max(0, 100 - R.CORRECTED_PENALTY * f["corrected"])),
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
