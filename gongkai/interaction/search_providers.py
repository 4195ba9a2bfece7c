"""政民互动 content for the main search (docs/search.md): answered messages whose writers
agreed to publication (text only, never the writer), and the 问答知识库."""

from __future__ import annotations

from gongkai.interaction.models import KnowledgeEntry, Message
from gongkai.interaction.selectors import knowledge_public, messages_public
from gongkai.search.registry import SearchDoc, SearchProvider, register

register(
    SearchProvider(
        ctype="hd",
        label="政民互动",
        model=Message,
        order=80,
        public=messages_public,
        to_doc=lambda m: SearchDoc(
            key=f"hd:{m.pk}",
            ctype="hd",
            title=m.subject,
            text=f"{m.content}\n答复：{m.answer}",
            url=m.get_absolute_url(),
            date=m.answered_at.date() if m.answered_at else m.received_on,
            organisation=m.organisation.short_name,
        ),
    )
)

register(
    SearchProvider(
        ctype="kb",
        label="问答知识库",
        model=KnowledgeEntry,
        order=81,
        public=knowledge_public,
        to_doc=lambda e: SearchDoc(
            key=f"kb:{e.pk}",
            ctype="kb",
            title=e.question,
            text=f"{e.answer}\n{e.basis}",
            url=e.get_absolute_url(),
            date=e.published_at.date() if e.published_at else None,
            domains=[e.domain.code] if e.domain_id else [],
            organisation=e.organisation.short_name,
        ),
    )
)
