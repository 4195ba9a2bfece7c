"""Reads of 政民互动 for pages and the API (docs/interaction.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.interaction.choices import PUBLIC_STATUSES
from gongkai.interaction.consult_rules import NOT_OPINIONS, CommentStatus, ConsultStatus
from gongkai.interaction.knowledge_rules import PubState
from gongkai.interaction.models import (
    Comment,
    Consultation,
    HotTopic,
    KnowledgeEntry,
    KnowledgeList,
    Message,
    Survey,
)
from gongkai.interaction.survey_rules import SurveyStatus


def messages_public(*, q: str = "", kind: str = "") -> QuerySet[Message]:
    """Answered messages whose writers agreed to publication; never the writer's details."""
    qs = Message.objects.filter(allow_public=True, status__in=PUBLIC_STATUSES)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(content__icontains=q))
    return qs.select_related("organisation").defer("name", "phone", "email")


def message_public_get(*, number: str) -> Message | None:
    return messages_public().filter(number=number).first()


def messages_for_staff(*, user: Any, status: str = "") -> QuerySet[Message]:
    qs = Message.objects.filter(organisation__in=orgs_visible_to(user))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("organisation")


def consultations_public() -> QuerySet[Consultation]:
    """Published consultations: open, closed or reported (drafts never)."""
    return (
        Consultation.objects.exclude(status=ConsultStatus.DRAFT)
        .select_related("organisation", "domain")
        .defer("draft", "explanation")
    )


def consultation_public_get(*, pk: int) -> Consultation | None:
    return (
        Consultation.objects.exclude(status=ConsultStatus.DRAFT)
        .select_related("organisation", "final_publication")
        .filter(pk=pk)
        .first()
    )


def comments_public(consultation: Consultation) -> QuerySet[Comment]:
    """Shown comments, text only: the writer's name and contact are never selected."""
    return (
        consultation.comments.filter(status=CommentStatus.SHOWN)
        .select_related("paragraph")
        .only("id", "content", "created_at", "paragraph__number", "disposition")
    )


def comments_in_report(consultation: Consultation) -> QuerySet[Comment]:
    """Every opinion with its disposition (texts hidden for personal data are withheld by the
    template, which asks ``text_public``)."""
    return (
        consultation.comments.exclude(hide_reason__in=list(NOT_OPINIONS))
        .exclude(status=CommentStatus.PENDING)
        .select_related("paragraph")
        .defer("name", "phone", "email")
    )


def consultations_for_staff(*, user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation"
    )


def about_resolve(ref: str) -> dict[str, Any]:
    """What a message is about, from the one reference the writer typed: a published record's
    索引号, a published catalog item's 事项编码, an FOI application's 受理编号, else a 办件编号.
    Returns the message fields to set (nothing is echoed back about a reference not found)."""
    from gongkai.catalog.models import CatalogItem
    from gongkai.foi.models import Application
    from gongkai.publishing.models import Publication

    ref = (ref or "").strip()[:40]
    if not ref:
        return {}
    pub = Publication.objects.published().filter(index_no=ref).first()
    if pub is not None:
        return {"about_publication": pub}
    item = CatalogItem.objects.published().filter(code=ref).first()
    if item is not None:
        return {"about_item": item}
    app = Application.objects.filter(receipt_no=ref).first()
    if app is not None:
        return {"about_application": app}
    return {"about_case_no": ref}


def messages_of_user(*, user: Any) -> QuerySet[Message]:
    """个人中心: the messages a signed-in citizen wrote."""
    return (
        Message.objects.filter(user=user)
        .select_related("organisation")
        .only("pk", "number", "kind", "subject", "status", "reply_due", "organisation__name")
    )


# 问答知识库, 知识清单, 热点回应, 问卷 ------------------------------------------------------------
def knowledge_public(*, q: str = "", domain: Any = None) -> QuerySet[KnowledgeEntry]:
    """Published entries still valid today."""
    today = timezone.localdate()
    qs = KnowledgeEntry.objects.filter(state=PubState.PUBLISHED).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    if domain is not None:
        qs = qs.filter(domain=domain)
    if q:
        qs = qs.filter(Q(question__icontains=q) | Q(answer__icontains=q))
    return qs.select_related("organisation", "domain")


def knowledge_suggest(*, text: str, limit: int = 5) -> list[KnowledgeEntry]:
    """Entries like what a citizen is typing (the message form asks as they type): questions
    sharing a character pair with the text, ranked by overlap."""
    from gongkai.interaction.duplicates import bigrams, similarity

    pairs = sorted(bigrams(text[:200]))[:12]
    if not pairs:
        return []
    match = Q()
    for pair in pairs:
        match |= Q(question__icontains=pair)
    candidates = knowledge_public().filter(match).select_related(None).only("pk", "question")[:200]
    scored = [(similarity(text, e.question), e) for e in candidates]
    return [e for score, e in sorted(scored, key=lambda p: -p[0]) if score > 0][:limit]


def knowledge_for_staff(*, user: Any) -> QuerySet[KnowledgeEntry]:
    return KnowledgeEntry.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation", "domain"
    )


def knowledge_lists_public() -> QuerySet[KnowledgeList]:
    return KnowledgeList.objects.filter(state=PubState.PUBLISHED)


def hot_topics_public() -> QuerySet[HotTopic]:
    return (
        HotTopic.objects.filter(state=PubState.PUBLISHED)
        .select_related("organisation", "spokesperson")
        .prefetch_related("links")
    )


def hot_topics_for_staff(*, user: Any) -> QuerySet[HotTopic]:
    return HotTopic.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation", "spokesperson"
    )


def surveys_public() -> QuerySet[Survey]:
    return Survey.objects.exclude(status=SurveyStatus.DRAFT).select_related("organisation")


def surveys_for_staff(*, user: Any) -> QuerySet[Survey]:
    return Survey.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation"
    )


def messages_unanswered_since(*, received_before: Any, received_after: Any) -> QuerySet[Message]:
    """Messages still open that came in between the two days (the inspection's 互动回应差:
    a valid message left unanswered for more than 3 months within the last year)."""
    from gongkai.interaction.choices import OPEN_STATUSES

    return Message.objects.filter(
        status__in=OPEN_STATUSES,
        merged_into__isnull=True,
        received_on__lt=received_before,
        received_on__gte=received_after,
    ).select_related("organisation")


def messages_of_organisations(organisation_ids: list[int]) -> QuerySet[Message]:
    """Every message of these organisations (supervision's scorecards count them)."""
    return Message.objects.filter(organisation_id__in=organisation_ids)
