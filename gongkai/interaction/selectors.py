"""Reads of 政民互动 for pages and the API (docs/interaction.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.interaction.choices import PUBLIC_STATUSES
from gongkai.interaction.models import Message


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
