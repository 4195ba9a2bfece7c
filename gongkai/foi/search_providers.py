"""FOI content for search: published 典型案例."""

from __future__ import annotations

from gongkai.foi.models import TypicalCase
from gongkai.search.registry import SearchDoc, SearchProvider, register

register(
    SearchProvider(
        ctype="case",
        label="典型案例",
        model=TypicalCase,
        order=70,
        public=lambda: TypicalCase.objects.filter(published=True).select_related("organisation"),
        to_doc=lambda c: SearchDoc(
            key=f"case:{c.pk}",
            ctype="case",
            title=c.title,
            text=c.summary,
            url=c.get_absolute_url(),
            date=c.published_on,
            organisation=c.organisation.short_name,
        ),
    )
)
