"""Duplicate messages 重复留言 (docs/interaction.md#duplicates): the handler is shown similar
open messages and may merge one into another; the merged one is answered with it, so every
writer hears back (FixMyStreet's duplicate handling).

Similarity is the overlap of character pairs (bigrams) of subject and content, a measure that
needs no word segmentation and is good enough to rank a handful of candidates: same kind or
same organisation, received in the last 90 days, still open.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from gongkai.accounts.permissions import can_view_org, is_staff_user, orgs_visible_to
from gongkai.core.audit import audit_record
from gongkai.core.errors import Conflict
from gongkai.interaction.choices import OPEN_STATUSES, REFUSALS, Action, EventKind
from gongkai.interaction.models import Message, MessageEvent

WINDOW_DAYS, CANDIDATES, THRESHOLD = 90, 300, 0.25


def bigrams(text: str) -> set[str]:
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of character bigrams, 0 … 1."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _text(m: Message) -> str:
    return f"{m.subject} {m.content[:500]}"


def messages_similar(*, msg: Message, user: Any, limit: int = 5) -> list[tuple[Message, float]]:
    """Open messages like this one that the user may handle, best first."""
    since = msg.received_on - dt.timedelta(days=WINDOW_DAYS)
    qs = (
        Message.objects.filter(
            status__in=OPEN_STATUSES,
            merged_into__isnull=True,
            received_on__gte=since,
            organisation__in=orgs_visible_to(user),
        )
        .filter(Q(kind=msg.kind) | Q(organisation_id=msg.organisation_id))
        .exclude(pk=msg.pk)
        .only("pk", "number", "subject", "content", "kind", "status", "received_on")
        .order_by("-id")[:CANDIDATES]
    )
    mine = _text(msg)
    scored = [(m, similarity(mine, _text(m))) for m in qs]
    scored = [(m, round(s, 2)) for m, s in scored if s >= THRESHOLD]
    return sorted(scored, key=lambda p: -p[1])[:limit]


@transaction.atomic
def message_merge(*, actor: Any, msg: Message, into: Message) -> Message:
    """合并办理: ``msg`` is handled with ``into``; its writer gets ``into``'s answer. Its own
    reply clock keeps running until that answer (a merge never hides lateness)."""
    msg, into = (
        Message.objects.select_for_update().get(pk=msg.pk),
        Message.objects.select_for_update().get(pk=into.pk),
    )
    for m in (msg, into):
        if not (is_staff_user(actor) and can_view_org(actor, m.organisation_id)):
            raise PermissionDenied("无权办理该留言")
    if msg.pk == into.pk:
        raise ValidationError({"into": "不能与自身合并"})
    if not msg.can(Action.MERGE) or not into.can(Action.MERGE):
        raise Conflict(REFUSALS[Action.MERGE])
    if msg.duplicates.exists():
        raise Conflict("该留言已有合并进来的留言，请将其他留言合并到它")
    msg.merged_into = into
    msg.save(update_fields=["merged_into", "updated_at"])
    MessageEvent.objects.create(
        message=msg, kind=EventKind.MERGED, note=f"与留言{into.number}合并办理", actor=actor
    )
    MessageEvent.objects.create(
        message=into, kind=EventKind.MERGED, note=f"留言{msg.number}合并至本件", actor=actor
    )
    audit_record(
        actor=actor,
        action="interaction.merge",
        obj=msg,
        organisation=msg.organisation,
        new={"into": into.number},
    )
    return msg
