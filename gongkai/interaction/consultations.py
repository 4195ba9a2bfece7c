"""Writes of 意见征集 (docs/interaction.md#consultations): keyword-only services, each asking
the state table of consult_rules before it changes anything. Reads: interaction/selectors.py.

The period rule (30 日 unless a reason is published) is checked when the draft is saved and
again when it is published, because the holiday calendar may have changed in between.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.accounts.permissions import can_review_org, can_view_org, is_staff_user
from gongkai.core.audit import audit_record
from gongkai.core.errors import Conflict
from gongkai.interaction.consult_rules import (
    CONSULT_REFUSALS,
    MINIMUM_PERIOD,
    NEEDS_REASON,
    NOT_OPINIONS,
    CommentStatus,
    ConsultAction,
    ConsultStatus,
    Disposition,
    HideReason,
    earliest_end,
)
from gongkai.interaction.models import Comment, Consultation, Paragraph

EDITABLE = ("title", "decision_kind", "deciding_body", "domain", "draft", "explanation")
EDITABLE += ("how_to_comment", "starts_on", "ends_on", "short_reason")
MAX_PARAGRAPHS = 500


def _guard(c: Consultation, action: str) -> None:
    if not c.can(action):
        raise Conflict(CONSULT_REFUSALS[action])


def _staff(actor: Any, c: Consultation) -> None:
    if not (is_staff_user(actor) and can_view_org(actor, c.organisation_id)):
        raise PermissionDenied("无权办理该意见征集")


def _reviewer(actor: Any, c: Consultation) -> None:
    if not can_review_org(actor, c.organisation_id):
        raise PermissionDenied("只有本机构的审核人可以发布")


def consultation_check_period(c: Consultation) -> None:
    """《重大行政决策程序暂行条例》第十五条 / 《规章制定程序条例》第十五条: at least 30 日,
    or a reason for the shorter period that is published with the draft."""
    if c.ends_on <= c.starts_on:
        raise ValidationError({"ends_on": "截止日期应晚于开始日期"})
    if (c.ends_on - c.starts_on).days > 366:
        raise ValidationError({"ends_on": "征集期限不应超过一年"})
    earliest = earliest_end(c.decision_kind, c.starts_on)
    if earliest is not None and c.ends_on < earliest and not c.short_reason.strip():
        source = MINIMUM_PERIOD[c.decision_kind].source
        raise ValidationError(
            {
                "short_reason": (
                    f"依据{source}，公开征求意见的期限一般不少于30日"
                    f"（自{c.starts_on:%Y年%m月%d日}起算，截止日不早于{earliest:%Y年%m月%d日}）；"
                    "缩短期限的，须填写理由并向社会公开"
                )
            }
        )


def _paragraphs(draft: str) -> list[str]:
    """The draft's paragraphs: one per non-empty line (条文 are written a line each)."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in draft.splitlines()]
    paragraphs = [line for line in lines if line]
    if not paragraphs:
        raise ValidationError({"draft": "请填写草案全文"})
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ValidationError({"draft": f"草案段落不应超过{MAX_PARAGRAPHS}段"})
    return paragraphs


@transaction.atomic
def consultation_save(
    *, actor: Any, data: dict[str, Any], consultation: Consultation | None = None
) -> Consultation:
    """Create a draft consultation, or change one that is not yet published."""
    if consultation is None:
        organisation = data.get("organisation") or getattr(actor, "organisation", None)
        c = Consultation(organisation=organisation, created_by=actor)
        if organisation is None:
            raise ValidationError({"organisation": "请选择起草机构"})
    else:
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if c.status != ConsultStatus.DRAFT:
            raise Conflict("已发布的意见征集不能修改")
    _staff(actor, c)
    for field in EDITABLE:
        if field in data:
            setattr(c, field, data[field])
    c.full_clean(exclude=["organisation", "created_by"])
    consultation_check_period(c)
    paragraphs = _paragraphs(c.draft)
    created = c.pk is None
    c.save()
    c.paragraphs.all().delete()  # a draft has no comments yet
    Paragraph.objects.bulk_create(
        Paragraph(consultation=c, number=i, text=text) for i, text in enumerate(paragraphs, 1)
    )
    audit_record(
        actor=actor,
        action="consultation.create" if created else "consultation.update",
        obj=c,
        organisation=c.organisation,
        new={"title": c.title, "starts_on": str(c.starts_on), "ends_on": str(c.ends_on)},
    )
    return c


@transaction.atomic
def consultation_publish(*, actor: Any, consultation: Consultation) -> Consultation:
    """发布 (先审后发: a reviewer of the drafting organisation)."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _guard(c, ConsultAction.PUBLISH)
    _reviewer(actor, c)
    if c.starts_on < timezone.localdate():
        raise ValidationError({"starts_on": "开始日期不能早于今天，请修改后再发布"})
    consultation_check_period(c)
    c.status, c.published_at = ConsultStatus.PUBLISHED, timezone.now()
    c.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=actor, action="consultation.publish", obj=c, organisation=c.organisation)
    return c


@transaction.atomic
def consultation_close(*, actor: Any, consultation: Consultation) -> Consultation:
    """征集结束: after the end date (the daily job does it; staff may do it sooner)."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _guard(c, ConsultAction.CLOSE)
    if actor is not None:
        _staff(actor, c)
    c.status = ConsultStatus.CLOSED
    c.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="consultation.close", obj=c, organisation=c.organisation)
    return c


def consultations_close_due() -> int:
    """Close every published consultation whose end date has passed (daily job)."""
    today = timezone.localdate()
    closed = 0
    due = Consultation.objects.filter(status=ConsultStatus.PUBLISHED, ends_on__lt=today)
    for c in due:
        consultation_close(actor=None, consultation=c)
        closed += 1
    return closed


@transaction.atomic
def comment_submit(
    *, consultation: Consultation, data: dict[str, Any], user: Any = None
) -> Comment:
    """An opinion on the whole draft or on one paragraph; it shows after moderation."""
    c = Consultation.objects.get(pk=consultation.pk)
    if not c.is_open:
        raise Conflict("该意见征集不在征集期内，不能提交意见")
    paragraph = data.get("paragraph")
    if paragraph is not None and paragraph.consultation_id != c.pk:
        raise ValidationError({"paragraph": "所选段落不属于该草案"})
    comment = Comment(
        consultation=c,
        paragraph=paragraph,
        content=(data.get("content") or "").strip(),
        name=(data.get("name") or "").strip(),
        phone=(data.get("phone") or "").strip(),
        email=(data.get("email") or "").strip(),
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    if not comment.content:
        raise ValidationError({"content": "请填写意见内容"})
    comment.full_clean()
    comment.save()
    return comment


def _comment_locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)


@transaction.atomic
def comment_moderate(*, actor: Any, comment: Comment, show: bool, reason: str = "") -> Comment:
    """审核: shown, or not shown for one of the four published reasons only."""
    comment = _comment_locked(comment)
    _staff(actor, comment.consultation)
    if comment.consultation.status == ConsultStatus.REPORTED:
        raise Conflict("采纳情况已发布，不能再审核意见")
    if not show and reason not in HideReason.values:
        raise ValidationError({"reason": "请选择不予显示的理由：广告、不文明、无关或含个人信息"})
    comment.status = CommentStatus.SHOWN if show else CommentStatus.HIDDEN
    comment.hide_reason = "" if show else reason
    comment.moderated_by, comment.moderated_at = actor, timezone.now()
    if comment.hide_reason in NOT_OPINIONS:
        comment.disposition, comment.disposition_reason = "", ""
    comment.save()
    audit_record(
        actor=actor,
        action="consultation.comment_moderate",
        obj=comment.consultation,
        organisation=comment.consultation.organisation,
        new={"comment": comment.pk, "status": comment.status, "reason": comment.hide_reason},
    )
    return comment


@transaction.atomic
def comment_dispose(*, actor: Any, comment: Comment, disposition: str, reason: str = "") -> Comment:
    """采纳情况 of one opinion, after the period closes; partly or not adopted needs a reason."""
    comment = _comment_locked(comment)
    _staff(actor, comment.consultation)
    if comment.consultation.status != ConsultStatus.CLOSED:
        raise Conflict("征集结束后、发布采纳情况前才能填写采纳情况")
    if not comment.is_opinion:
        raise Conflict("未审核或因广告、不文明、无关不予显示的意见无需填写采纳情况")
    if disposition not in Disposition.values:
        raise ValidationError({"disposition": "请选择采纳、部分采纳或未采纳"})
    reason = reason.strip()
    if disposition in NEEDS_REASON and not reason:
        raise ValidationError({"reason": "部分采纳或未采纳的，请说明理由"})
    comment.disposition, comment.disposition_reason = disposition, reason[:500]
    comment.save(update_fields=["disposition", "disposition_reason"])
    return comment


def consultation_counts(consultation: Consultation) -> dict[str, int]:
    """The figures of the adoption report, counted in the database."""
    opinion = Q(status=CommentStatus.SHOWN) | (
        Q(status=CommentStatus.HIDDEN) & ~Q(hide_reason__in=list(NOT_OPINIONS))
    )
    return consultation.comments.aggregate(
        received=Count("id"),
        opinions=Count("id", filter=opinion),
        adopted=Count("id", filter=opinion & Q(disposition=Disposition.ADOPTED)),
        partly=Count("id", filter=opinion & Q(disposition=Disposition.PARTLY)),
        not_adopted=Count("id", filter=opinion & Q(disposition=Disposition.NOT_ADOPTED)),
        pending=Count("id", filter=Q(status=CommentStatus.PENDING)),
        undecided=Count("id", filter=opinion & Q(disposition="")),
        not_shown=Count("id", filter=Q(hide_reason__in=list(NOT_OPINIONS))),
    )


@transaction.atomic
def consultation_report(*, actor: Any, consultation: Consultation, summary: str) -> Consultation:
    """发布意见采纳情况: every comment moderated, every opinion disposed, a summary written."""
    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _guard(c, ConsultAction.REPORT)
    _reviewer(actor, c)
    counts = consultation_counts(c)
    if counts["pending"]:
        raise Conflict(f"还有{counts['pending']}条意见未审核")
    if counts["undecided"]:
        raise Conflict(f"还有{counts['undecided']}条意见未填写采纳情况")
    if not summary.strip():
        raise ValidationError({"summary": "请填写意见采纳情况说明"})
    c.report_summary, c.status = summary.strip()[:20000], ConsultStatus.REPORTED
    c.reported_at = timezone.now()
    c.save(update_fields=["report_summary", "status", "reported_at", "updated_at"])
    audit_record(
        actor=actor, action="consultation.report", obj=c, organisation=c.organisation, new=counts
    )
    return c


@transaction.atomic
def consultation_link_final(*, actor: Any, consultation: Consultation, publication: Any) -> Any:
    """The policy as finally published (决策 stage of 五公开): both pages link to each other."""
    from gongkai.publishing.signals import announce

    c = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _guard(c, ConsultAction.LINK_FINAL)
    _staff(actor, c)
    from gongkai.publishing.models import Publication

    if (
        publication is None
        or not Publication.objects.published().filter(pk=publication.pk).exists()
    ):
        raise ValidationError({"publication": "请选择已发布的正式文件"})
    c.final_publication = publication
    c.save(update_fields=["final_publication", "updated_at"])
    announce(publication, "linked")  # its page now links to the adoption report
    audit_record(
        actor=actor,
        action="consultation.link_final",
        obj=c,
        organisation=c.organisation,
        new={"publication": publication.pk},
    )
    return c
