"""第三方评估 / 社会评议 services (docs/supervision.md#evaluation): the 政务公开办 sets up a
round, invites evaluators (each gets a one-time link, shown once), opens and closes it; an
evaluator scores every department and town once; results feed the scorecard's
``evaluation`` indicator with its weight."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.supervision import evaluation_rules as E
from gongkai.supervision.models import EvaluationRound, EvaluationScore, Evaluator


def _office(actor: Any) -> None:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("评估评议由政务公开办组织")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def evaluated_organisations() -> Any:
    """Who is evaluated: every active department and town (as in the scorecards)."""
    return Organisation.objects.filter(
        is_active=True, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWNSHIP]
    ).order_by("kind", "code")


@transaction.atomic
def round_create(
    *, actor: Any, title: str, kind: str, start: dt.date, end: dt.date, questions: str
) -> EvaluationRound:
    _office(actor)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "请填写名称"
    if kind not in E.RoundKind.values:
        errors["kind"] = "请选择第三方评估或社会评议"
    if end < start or (end - start).days > 3660:
        errors["end"] = "评议期不正确：截止日期应不早于起始日期，且不超过十年"
    if errors:
        raise ValidationError(errors)
    parsed = E.parse_questions(questions)
    rnd = EvaluationRound.objects.create(
        title=title.strip()[:100],
        kind=kind,
        start=start,
        end=end,
        questions=parsed,
        created_by=actor,
    )
    audit_record(actor=actor, action="evaluation.create", obj=rnd)
    return rnd


@transaction.atomic
def evaluator_invite(
    *, actor: Any, rnd: EvaluationRound, name: str, category: str
) -> tuple[Evaluator, str]:
    """A new evaluator and the secret of their one-time link (shown once, stored hashed)."""
    _office(actor)
    if rnd.status == E.RoundStatus.CLOSED:
        raise ValidationError("评议已结束，不能再邀请评议人")
    if not name.strip():
        raise ValidationError({"name": "请填写评议人姓名"})
    if category not in E.EvaluatorKind.values:
        raise ValidationError({"category": "请选择评议人身份"})
    if rnd.evaluators.count() >= E.MAX_EVALUATORS:
        raise ValidationError(f"每轮最多邀请{E.MAX_EVALUATORS}位评议人")
    token = secrets.token_urlsafe(24)
    evaluator = Evaluator.objects.create(
        round=rnd, name=name.strip()[:50], category=category, token_hash=_hash(token)
    )
    audit_record(actor=actor, action="evaluation.invite", obj=rnd, new={"category": category})
    return evaluator, token


@transaction.atomic
def round_set_status(*, actor: Any, rnd: EvaluationRound, status: str) -> EvaluationRound:
    """筹备中 → 评议中 → 已结束; a closed round's results count in the scorecards."""
    _office(actor)
    order = [E.RoundStatus.DRAFT, E.RoundStatus.OPEN, E.RoundStatus.CLOSED]
    if status not in order or order.index(status) != order.index(rnd.status) + 1:
        raise ValidationError("评议状态只能依次从筹备中到评议中、再到已结束")
    rnd.status = status
    if status == E.RoundStatus.CLOSED:
        rnd.closed_at = timezone.now()
    rnd.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action="evaluation.status", obj=rnd, new={"status": status})
    return rnd


def evaluator_by_token(token: str) -> Evaluator | None:
    if not token or len(token) > 64:
        return None
    return Evaluator.objects.select_related("round").filter(token_hash=_hash(token)).first()


@transaction.atomic
def evaluation_submit(*, token: str, points: dict[int, list[int]]) -> Evaluator:
    """An evaluator's scores for every evaluated organisation, once; each point within its
    question's full marks. Nothing is stored unless all of it is valid."""
    evaluator = evaluator_by_token(token)
    if evaluator is None:
        raise PermissionDenied("评议链接无效")
    evaluator = Evaluator.objects.select_for_update().get(pk=evaluator.pk)
    rnd = evaluator.round
    if rnd.status != E.RoundStatus.OPEN:
        raise ValidationError("本轮评议未开始或已结束")
    if evaluator.submitted_at is not None:
        raise ValidationError("您已提交评议，每个链接只能提交一次")
    orgs = list(evaluated_organisations())
    maxes = [int(q["max"]) for q in rnd.questions]
    errors = []
    rows = []
    for org in orgs:
        given = points.get(org.pk)
        if given is None or len(given) != len(maxes):
            errors.append(f"请为{org.name}的每个问题打分")
            continue
        if any(not 0 <= p <= m for p, m in zip(given, maxes, strict=True)):
            errors.append(f"{org.name}的打分超出范围")
            continue
        rows.append(
            EvaluationScore(
                evaluator=evaluator, organisation=org, points=list(given), total=sum(given)
            )
        )
    if errors:
        raise ValidationError(errors[:10])
    EvaluationScore.objects.bulk_create(rows)
    evaluator.submitted_at = timezone.now()
    evaluator.save(update_fields=["submitted_at"])
    audit_record(
        actor=None,
        action="evaluation.submit",
        obj=rnd,
        object_repr=f"{rnd}：{evaluator.get_category_display()}提交评议",
    )
    return evaluator


def round_results(rnd: EvaluationRound) -> list[dict[str, Any]]:
    """Each organisation's mean total as 0–100, with how many evaluators scored it."""
    full = rnd.full_marks or 1
    rows = (
        EvaluationScore.objects.filter(evaluator__round=rnd)
        .values("organisation_id", "organisation__name")
        .annotate(mean=Avg("total"), n=Count("id"))
        .order_by("-mean", "organisation__name")
    )
    return [
        {
            "organisation_id": r["organisation_id"],
            "organisation": r["organisation__name"],
            "score": round(100 * r["mean"] / full, 1),
            "evaluators": r["n"],
        }
        for r in rows
    ]


def evaluation_by_organisation(
    org_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, float]:
    """Scorecard input: per organisation, the mean 0–100 score over the closed rounds whose
    period ends within [start, end] (one grouped query per round)."""
    rounds = list(
        EvaluationRound.objects.filter(status=E.RoundStatus.CLOSED, end__range=(start, end))
    )
    sums: dict[int, list[float]] = defaultdict(list)
    for rnd in rounds:
        full = rnd.full_marks or 1
        for org_id, mean in (
            EvaluationScore.objects.filter(evaluator__round=rnd, organisation_id__in=org_ids)
            .values("organisation_id")
            .annotate(mean=Avg("total"))
            .values_list("organisation_id", "mean")
        ):
            sums[org_id].append(100 * mean / full)
    return {org: round(sum(v) / len(v), 1) for org, v in sums.items()}
