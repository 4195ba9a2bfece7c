"""Models of 政民互动, one module per family (docs/interaction.md)."""

from gongkai.interaction.models.consultations import Comment, Consultation, Paragraph
from gongkai.interaction.models.knowledge import (
    HotTopic,
    KnowledgeEntry,
    KnowledgeList,
    Spokesperson,
)
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
from gongkai.interaction.models.surveys import (
    Option,
    Question,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)

__all__ = [
    "CALENDAR",
    "DEFAULT_LIMITS",
    "WORKING",
    "Comment",
    "Consultation",
    "HotTopic",
    "KindRule",
    "KnowledgeEntry",
    "KnowledgeList",
    "Message",
    "MessageEvent",
    "MessageFile",
    "Open311Client",
    "Option",
    "Paragraph",
    "Question",
    "RoutingRule",
    "Spokesperson",
    "Survey",
    "SurveyAnswer",
    "SurveyResponse",
]
