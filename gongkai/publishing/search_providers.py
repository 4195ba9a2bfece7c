"""Publishing content for search: 政府信息, 政策解读, 政务公开标准."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.html import strip_tags

from gongkai.publishing.choices import Validity
from gongkai.publishing.models import Publication, StandardDocument
from gongkai.search.registry import SearchDoc, SearchProvider, register, register_facet_labels


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html or "")).strip()


def _pub_doc(ctype: str):  # type: ignore[no-untyped-def]
    def to_doc(p: Publication) -> SearchDoc:
        return SearchDoc(
            key=f"{ctype}:{p.pk}",
            ctype=ctype,
            title=p.title,
            text=plain(p.body)[:4000],
            url=p.get_absolute_url(),
            date=timezone.localtime(p.published_at).date() if p.published_at else None,
            stage=p.stage,
            domains=[d.code for d in p.domains.all()],
            organisation=p.organisation.short_name,
            validity=p.validity_on(timezone.localdate()),
            doc_number=p.doc_number,
            index_no=p.index_no or "",
            keywords=p.keywords,
        )

    return to_doc


def _published(interpretations: bool):  # type: ignore[no-untyped-def]
    def public():  # type: ignore[no-untyped-def]
        return (
            Publication.objects.published()
            .filter(interprets__isnull=not interpretations)
            .select_related("organisation")
            .prefetch_related("domains")
        )

    return public


register(
    SearchProvider(
        ctype="info",
        label="政府信息",
        model=Publication,
        order=10,
        public=_published(False),
        to_doc=_pub_doc("info"),
    )
)
register(
    SearchProvider(
        ctype="reading",
        label="政策解读",
        model=Publication,
        order=20,
        public=_published(True),
        to_doc=_pub_doc("reading"),
    )
)
register(
    SearchProvider(
        ctype="standard",
        label="政务公开标准",
        model=StandardDocument,
        order=60,
        public=lambda: StandardDocument.objects.select_related("organisation"),
        to_doc=lambda s: SearchDoc(
            key=f"standard:{s.pk}",
            ctype="standard",
            title=f"{s.code} {s.title}",
            text=s.summary,
            url="/info/standards/",
            date=s.issued_on,
            organisation=s.organisation.short_name,
            doc_number=s.code,
        ),
    )
)


register_facet_labels("validity", lambda: {k: str(v) for k, v in Validity.choices})
