"""Writes and results of 问卷调查 (docs/interaction.md#surveys)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.accounts.permissions import can_edit_org, can_review_org
from gongkai.core.audit import audit_record
from gongkai.core.errors import Conflict
from gongkai.interaction.models import Option, Question, Survey, SurveyAnswer, SurveyResponse
from gongkai.interaction.survey_rules import QuestionKind, SurveyStatus, parse_questions

MAX_TEXT_ANSWER = 1000


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def survey_save(*, actor: Any, data: dict[str, Any], survey: Survey | None = None) -> Survey:
    """A draft survey with its questions (replaced as a whole while it is a draft)."""
    org = data.get("organisation") or (survey.organisation if survey else None)
    if org is None or not can_edit_org(actor, org.pk):
        raise PermissionDenied("只能编辑本机构的问卷")
    if survey is not None and survey.status != SurveyStatus.DRAFT:
        raise Conflict("已发布的问卷不能修改")
    parsed = parse_questions(data.get("source", ""))
    if data["end_on"] < data["start_on"]:
        raise ValidationError({"end_on": "截止日期应不早于开始日期"})
    survey = survey or Survey(created_by=actor)
    for key, value in data.items():
        setattr(survey, key, value)
    survey.full_clean(exclude=["created_by"])
    survey.save()
    survey.questions.all().delete()
    for n, pq in enumerate(parsed, start=1):
        q = Question.objects.create(
            survey=survey, number=n, kind=pq.kind, text=pq.text, required=pq.required
        )
        Option.objects.bulk_create(
            Option(question=q, number=i, text=t) for i, t in enumerate(pq.options, start=1)
        )
    audit_record(actor=actor, action="interaction.survey_save", obj=survey, organisation=org)
    return survey


@transaction.atomic
def survey_publish(*, actor: Any, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not can_review_org(actor, survey.organisation_id):
        raise PermissionDenied("只有本机构的审核人可以发布问卷")
    if survey.status != SurveyStatus.DRAFT:
        raise Conflict("只有草稿可以发布")
    if survey.end_on < _today():
        raise ValidationError({"end_on": "截止日期已过，请修改后再发布"})
    survey.status, survey.published_at = SurveyStatus.OPEN, timezone.now()
    survey.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, action="interaction.survey_publish", obj=survey)
    return survey


def surveys_close_due(*, today: dt.date | None = None) -> int:
    today = today or _today()
    return Survey.objects.filter(status=SurveyStatus.OPEN, end_on__lt=today).update(
        status=SurveyStatus.CLOSED
    )


def survey_is_open(survey: Survey, today: dt.date | None = None) -> bool:
    today = today or _today()
    return survey.status == SurveyStatus.OPEN and survey.start_on <= today <= survey.end_on


def source_hash(source: str) -> str:
    """A keyed hash of the submitter's address: never stored in the clear."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"survey:{source}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def survey_respond(*, survey: Survey, answers: dict[int, Any], source: str) -> SurveyResponse:
    """One filled questionnaire. ``answers`` maps a question number to an option number, a
    list of option numbers, or a text. Every question is checked before anything is stored;
    errors name the question."""
    survey = Survey.objects.get(pk=survey.pk)  # its state now, not the caller's copy
    if not survey_is_open(survey):
        raise Conflict("该问卷不在调查期内")
    digest = source_hash(source)
    if SurveyResponse.objects.filter(survey=survey, source_hash=digest).exists():
        raise Conflict("您已提交过该问卷，感谢参与")
    rows: list[SurveyAnswer] = []
    errors: dict[str, str] = {}
    for q in survey.questions.prefetch_related("options"):
        given = answers.get(q.number)
        options = {o.number: o for o in q.options.all()}
        if q.kind == QuestionKind.TEXT:
            text = (given or "").strip() if isinstance(given, str) else ""
            if len(text) > MAX_TEXT_ANSWER:
                errors[f"q{q.number}"] = f"第{q.number}题不超过{MAX_TEXT_ANSWER}字"
            elif text:
                rows.append(SurveyAnswer(question=q, text=text))
            elif q.required:
                errors[f"q{q.number}"] = f"请回答第{q.number}题"
            continue
        picked = given if isinstance(given, list) else ([given] if given not in (None, "") else [])
        try:
            chosen = sorted({int(p) for p in picked})
        except (TypeError, ValueError):
            chosen = [0]
        if any(c not in options for c in chosen):
            errors[f"q{q.number}"] = f"第{q.number}题的选项无效"
        elif q.kind == QuestionKind.SINGLE and len(chosen) > 1:
            errors[f"q{q.number}"] = f"第{q.number}题只能选一项"
        elif not chosen and q.required:
            errors[f"q{q.number}"] = f"请回答第{q.number}题"
        else:
            rows.extend(SurveyAnswer(question=q, option=options[c]) for c in chosen)
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse.objects.create(survey=survey, source_hash=digest)
    for row in rows:
        row.response = response
    SurveyAnswer.objects.bulk_create(rows)
    return response


def survey_results(survey: Survey, *, with_texts: bool = False) -> list[dict[str, Any]]:
    """Counts per option (counted in the database) and the share of respondents, for charts.
    Text answers are counted; the latest 20 are shown to staff only (``with_texts``), since a
    free text may carry personal data."""
    total = survey.responses.count()
    counts = dict(
        SurveyAnswer.objects.filter(question__survey=survey, option__isnull=False)
        .values("option")
        .annotate(n=Count("id"))
        .values_list("option", "n")
    )
    out = []
    for q in survey.questions.prefetch_related("options"):
        row: dict[str, Any] = {"number": q.number, "text": q.text, "kind": q.kind}
        if q.kind == QuestionKind.TEXT:
            texts = q.answers.exclude(text="").order_by("-id")
            row["text_count"] = texts.count()
            row["texts"] = list(texts.values_list("text", flat=True)[:20]) if with_texts else []
        else:
            row["options"] = [
                {
                    "text": o.text,
                    "count": counts.get(o.pk, 0),
                    "percent": round(100 * counts.get(o.pk, 0) / total, 1) if total else 0.0,
                }
                for o in q.options.all()
            ]
        out.append(row)
    return out
