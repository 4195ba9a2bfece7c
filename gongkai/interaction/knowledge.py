"""Writes of the knowledge family (docs/interaction.md#knowledge): 问答知识库 entries, the
知识清单 compiled from messages, 热点回应. Keyword-only, transactional; each draft is published by
a reviewer of its organisation (先审后发), the 知识清单 by the 政务公开办."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.accounts.permissions import can_edit_org, can_review_org, is_office
from gongkai.core.audit import audit_record
from gongkai.core.errors import Conflict
from gongkai.interaction.choices import OPEN_STATUSES, PUBLIC_STATUSES, Kind, Rating, Status
from gongkai.interaction.knowledge_rules import PubState
from gongkai.interaction.models import HotTopic, KnowledgeEntry, KnowledgeList, Message

# 知识清单 counts the kinds that carry the public's views (seeds 000/001/004: 建言投诉)
LIST_KINDS = (Kind.SUGGESTION, Kind.COMPLAINT)
MAX_LIST_DAYS = 366


def _editor(actor: Any, organisation_id: int) -> None:
    if not can_edit_org(actor, organisation_id):
        raise PermissionDenied("只能编辑本机构的内容")


def _save(obj: models.Model, data: dict[str, Any], actor: Any, action: str) -> None:
    """Set fields, validate in Chinese, save, audit. A reviewer's edit of published content
    stays published; anyone else's edit goes back to a draft to be reviewed again."""
    for key, value in data.items():
        setattr(obj, key, value)
    if obj.state == PubState.PUBLISHED and not can_review_org(actor, obj.organisation_id):
        obj.state = PubState.DRAFT
    obj.full_clean(exclude=["created_by"])
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, organisation=obj.organisation)


def _set_state(obj: Any, *, actor: Any, to: str, action: str) -> Any:
    if not can_review_org(actor, obj.organisation_id):
        raise PermissionDenied("只有本机构的审核人可以发布或撤回")
    if obj.state == to:
        raise Conflict("已发布" if to == PubState.PUBLISHED else "未发布")
    obj.state = to
    if to == PubState.PUBLISHED:
        obj.published_at = timezone.now()
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, organisation=obj.organisation)
    return obj


# 问答知识库 ------------------------------------------------------------------------------------
@transaction.atomic
def knowledge_entry_save(
    *, actor: Any, data: dict[str, Any], entry: KnowledgeEntry | None = None
) -> KnowledgeEntry:
    org = data.get("organisation") or (entry.organisation if entry else None)
    if org is None:
        raise ValidationError({"organisation": "请选择解答机构"})
    _editor(actor, org.pk)
    if entry is not None:
        _editor(actor, entry.organisation_id)
    entry = entry or KnowledgeEntry(created_by=actor)
    _save(entry, data, actor, "interaction.knowledge_save")
    return entry


@transaction.atomic
def knowledge_from_message(*, actor: Any, msg: Message) -> KnowledgeEntry:
    """An answered message becomes a draft Q&A (the writer is never copied)."""
    if msg.status not in PUBLIC_STATUSES or not msg.answer:
        raise Conflict("只有已答复的留言可以转为知识库问答")
    return knowledge_entry_save(
        actor=actor,
        data={
            "question": msg.subject[:200],
            "answer": msg.answer,
            "organisation": msg.organisation,
            "domain": msg.domain,
            "source_message": msg,
        },
    )


@transaction.atomic
def knowledge_entry_publish(*, actor: Any, entry: KnowledgeEntry) -> KnowledgeEntry:
    return _set_state(entry, actor=actor, to=PubState.PUBLISHED, action="interaction.kb_publish")


@transaction.atomic
def knowledge_entry_withdraw(*, actor: Any, entry: KnowledgeEntry) -> KnowledgeEntry:
    return _set_state(entry, actor=actor, to=PubState.WITHDRAWN, action="interaction.kb_withdraw")


# 知识清单 --------------------------------------------------------------------------------------
def knowledge_list_rows(*, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Suggestions and complaints received in the period, by theme (领域) and kind, with what
    became of them — counted in the database."""
    qs = Message.objects.filter(
        kind__in=LIST_KINDS, received_on__gte=start, received_on__lte=end
    ).values("domain__name", "kind")
    rows = qs.annotate(
        count=Count("id"),
        answered=Count("id", filter=Q(status__in=PUBLIC_STATUSES)),
        handling=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        rejected=Count("id", filter=Q(status=Status.REJECTED)),
        petition=Count("id", filter=Q(status=Status.PETITION)),
        satisfied=Count("id", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASIC])),
    ).order_by("-count", "domain__name", "kind")
    return [
        {
            "theme": r["domain__name"] or "未分领域",
            "kind": str(Kind(r["kind"]).label),
            **{k: r[k] for k in ("count", "answered", "handling", "rejected", "petition")},
            "satisfied": r["satisfied"],
        }
        for r in rows
    ]


@transaction.atomic
def knowledge_list_compile(
    *, actor: Any, title: str, start: dt.date, end: dt.date, note: str = ""
) -> KnowledgeList:
    if not is_office(actor):
        raise PermissionDenied("知识清单由政务公开办编制发布")
    if end < start or (end - start).days > MAX_LIST_DAYS:
        raise ValidationError({"end": "截止日期应在起始日期之后，且期间不超过一年"})
    if end > timezone.localdate():
        raise ValidationError({"end": "截止日期不能晚于今天"})
    kl = KnowledgeList(
        title=title.strip()[:100] or f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}知识清单",
        start=start,
        end=end,
        note=note.strip()[:2000],
        rows=knowledge_list_rows(start=start, end=end),
        created_by=actor,
    )
    kl.save()
    audit_record(actor=actor, action="interaction.list_compile", obj=kl)
    return kl


@transaction.atomic
def knowledge_list_publish(*, actor: Any, kl: KnowledgeList) -> KnowledgeList:
    if not is_office(actor):
        raise PermissionDenied("知识清单由政务公开办编制发布")
    if kl.state == PubState.PUBLISHED:
        raise Conflict("已发布")
    kl.state, kl.published_at = PubState.PUBLISHED, timezone.now()
    kl.save(update_fields=["state", "published_at"])
    audit_record(actor=actor, action="interaction.list_publish", obj=kl)
    return kl


# 热点回应 --------------------------------------------------------------------------------------
@transaction.atomic
def hot_topic_save(
    *,
    actor: Any,
    data: dict[str, Any],
    topic: HotTopic | None = None,
    links: list[Any] | None = None,
) -> HotTopic:
    org = data.get("organisation") or (topic.organisation if topic else None)
    if org is None:
        raise ValidationError({"organisation": "请选择回应机构"})
    _editor(actor, org.pk)
    if topic is not None:
        _editor(actor, topic.organisation_id)
    now = timezone.now()
    for field in ("arose_at", "conference_at"):
        if data.get(field) and data[field] > now:
            raise ValidationError({field: "时间不能晚于现在"})
    person = data.get("spokesperson")
    if person is not None and person.organisation_id != org.pk:
        raise ValidationError({"spokesperson": "发布人应为回应机构的网络新闻发言人"})
    topic = topic or HotTopic(created_by=actor)
    _save(topic, data, actor, "interaction.hot_save")
    if links is not None:
        topic.links.set(links)
    return topic


@transaction.atomic
def hot_topic_publish(*, actor: Any, topic: HotTopic) -> HotTopic:
    return _set_state(topic, actor=actor, to=PubState.PUBLISHED, action="interaction.hot_publish")
