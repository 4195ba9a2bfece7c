"""The 法律法规库 in search: one document per law, shown as its own type facet 法律法规."""

from __future__ import annotations

from django.utils import timezone

from gongkai.laws.models import Law, Level, Status
from gongkai.search.registry import SearchDoc, SearchProvider, register, register_facet_labels


def _law_doc(law: Law) -> SearchDoc:
    lines = [  # every heading, article (with its number) and paragraph; prefetched
        f"{p.label} {p.text}" if p.kind == "article" else p.text for p in law.provisions.all()
    ]
    level = Level(law.level).label
    return SearchDoc(
        key=f"law:{law.pk}",
        ctype="law",
        title=law.title,
        text="\n".join(lines),
        url=law.get_absolute_url(),
        date=law.promulgated_on,
        validity=law.status_on(timezone.localdate()),
        keywords=" ".join(filter(None, [str(level), law.region, law.branch])),
    )


register(
    SearchProvider(
        ctype="law",
        label="法律法规",
        model=Law,
        order=60,
        to_doc=_law_doc,
        public=lambda: Law.objects.prefetch_related("provisions"),
    )
)
register_facet_labels(
    "validity",
    lambda: {Status.AMENDED.value: str(Status.AMENDED.label), Status.PENDING.value: "尚未生效"},
)
