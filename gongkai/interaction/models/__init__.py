"""Models of 政民互动, one module per family (docs/interaction.md)."""

from gongkai.interaction.models.consultations import Comment, Consultation, Paragraph
from gongkai.interaction.models.messages import (
    CALENDAR,
    DEFAULT_LIMITS,
    WORKING,
    KindRule,
    Message,
    MessageEvent,
    MessageFile,
    Open311Client,
    RoutingRule,
)

__all__ = [
    "CALENDAR",
    "DEFAULT_LIMITS",
    "WORKING",
    "Comment",
    "Consultation",
    "KindRule",
    "Message",
    "MessageEvent",
    "MessageFile",
    "Open311Client",
    "Paragraph",
    "RoutingRule",
]
