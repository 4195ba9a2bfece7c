"""Reading the 法律法规库: browse filters, counts, and the title map citations are linked by."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, QuerySet

from gongkai.core.cacheversion import cache_version
from gongkai.laws.models import Law, Level, Status

NATIONAL_PREFIX = "中华人民共和国"


def law_browse(
    *,
    day: dt.date,
    level: str = "",
    status: str = "",
    year: int | None = None,
    region: str = "",
    q: str = "",
) -> QuerySet[Law]:
    laws = Law.objects.all()
    if level in Level.values:
        laws = laws.filter(level=level)
    if status in Status.values:
        laws = laws.with_status(status, day)
    if year:
        laws = laws.filter(promulgated_on__year=year)
    if region:
        laws = laws.filter(region=region)
    if q:
        laws = laws.filter(title__icontains=q[:50])
    return laws.only(
        "pk",
        "title",
        "level",
        "region",
        "promulgated_on",
        "effective_on",
        "superseded_by",
        "article_count",
    )


def level_counts() -> list[dict]:
    counts = dict(Law.objects.values_list("level").annotate(n=Count("pk")))
    return [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in Level.choices
        if counts.get(value)
    ]


def region_counts() -> list[dict]:
    rows = (
        Law.objects.exclude(region="")
        .values_list("region")
        .annotate(n=Count("pk"))
        .order_by("region")
    )
    return [{"value": r, "label": r, "count": n} for r, n in rows]


def year_range() -> list[int]:
    years = Law.objects.exclude(promulgated_on=None).dates("promulgated_on", "year", order="DESC")
    return [d.year for d in years]


def _title_key(title: str) -> str:
    return title.strip().removeprefix(NATIONAL_PREFIX)


def title_map() -> dict[str, int]:
    """Title (with or without 中华人民共和国) → the current version's pk, cached per import."""
    from gongkai.laws.services import TITLES_VERSION_KEY

    key = f"laws-title-map:{cache_version(TITLES_VERSION_KEY)}"
    found = cache.get(key)
    if found is None:
        found = {}
        current = Law.objects.filter(superseded_by__isnull=True).exclude(level="case")
        for pk, title in current.values_list("pk", "title").order_by("version_on", "pk"):
            found[_title_key(title)] = pk
        cache.set(key, found, 3600)
    return found


def law_for_title(title: str) -> int | None:
    return title_map().get(_title_key(title))
