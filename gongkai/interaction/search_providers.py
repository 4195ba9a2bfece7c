"""政民互动 content for the main search (docs/search.md): answered messages whose writers
agreed to publication (text only, never the writer), and the 问答知识库."""

from __future__ import annotations

from gongkai.interaction.models import Message
from gongkai.interaction.selectors import messages_public
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
