"""Reads of publications: public ones see only 已发布; staff ones are scoped."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.utils import timezone

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.publishing.choices import PubStatus, Validity
from gongkai.publishing.models import Column, Publication

LIST_FILTERS = (
    "stage",
    "domain",
    "organisation",
    "genre",
    "topic",
    "year",
    "audience",
    "q",
    "validity",
)


def publications_public(*, filters: dict[str, Any] | None = None) -> QuerySet[Publication]:
    filters = filters or {}
    # lists never show the body; the detail API asks for it back with .defer(None)
    qs = Publication.objects.published().select_related("organisation", "topic").defer("body")
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("domain"):
        qs = qs.filter(domains__code=filters["domain"])
    if filters.get("organisation"):
        qs = qs.filter(organisation_id=filters["organisation"])
    if filters.get("genre"):
        qs = qs.filter(genre=filters["genre"])
    if filters.get("topic"):
        qs = qs.filter(topic_id=filters["topic"])
    if filters.get("year"):
        qs = qs.filter(published_at__year=filters["year"])
    if filters.get("validity"):
        today = timezone.localdate()
        if filters["validity"] == Validity.VALID:
            qs = qs.in_force_on(today)
        else:
            qs = qs.invalid_on_date(today).filter(validity=filters["validity"])
    if filters.get("audience"):
        qs = qs.filter(audience_tags__icontains=f'"{filters["audience"]}"')
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_no=q))
    return qs.order_by("-published_at", "-id")


def column_publications(column: Column) -> QuerySet[Publication]:
    if column.by_hand:
        return column.items.published().select_related("organisation").order_by("-published_at")
    qs = Publication.objects.published().select_related("organisation").defer("body")
    return _column_rules(column, qs).order_by("-published_at", "-id")


def _column_rules(column: Column, qs: QuerySet[Publication]) -> QuerySet[Publication]:
    """The column's rules applied to ``qs`` (the one place they are read)."""
    if column.rule_genres:
        qs = qs.filter(genre__in=column.rule_genres)
    if column.rule_stages:
        qs = qs.filter(stage__in=column.rule_stages)
    domain_ids = [d.pk for d in column.rule_domains.all()]
    if domain_ids:
        qs = qs.filter(domains__in=domain_ids).distinct()
    if column.rule_organisation_id:
        qs = qs.filter(organisation_id=column.rule_organisation_id)
    if column.rule_normative is not None:
        qs = qs.filter(is_normative=column.rule_normative)
    if column.rule_interpretations:
        qs = qs.filter(interprets__isnull=False)
    if column.rule_audience:
        # a JSON list of short codes: the quoted code matches one element on every backend
        qs = qs.filter(audience_tags__icontains=f'"{column.rule_audience}"')
    return qs


def columns_listing(pub: Publication) -> list[Column]:
    """Columns whose list has (or, if it was just withdrawn, had) ``pub``."""
    found = []
    for column in Column.objects.prefetch_related("rule_domains"):
        if column.by_hand:
            if column.items.filter(pk=pub.pk).exists():
                found.append(column)
        elif _column_rules(column, Publication.objects.filter(pk=pub.pk)).exists():
            found.append(column)
    return found


def publication_public_get(*, pk: int) -> Publication:
    pub = (
        Publication.objects.filter(pk=pk, status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN])
        .select_related("organisation", "topic", "interprets")
        .first()
    )
    if pub is None:
        raise Http404("没有找到该信息")
    return pub


def normative_ledger() -> list[dict[str, Any]]:
    """规范性文件 per year: 制发, 废止, 现行有效 (条例 第二十条第（一）项; 年报 table 二)."""
    docs = Publication.objects.published().filter(is_normative=True, interprets__isnull=True)
    issued = dict(
        # 成文日期 is optional: a document without one counts in the year it was formed
        docs.annotate(y=ExtractYear(Coalesce("written_on", "formed_on")))
        .values_list("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    abolished = dict(
        docs.invalid_on_date(timezone.localdate())
        .annotate(y=ExtractYear("invalid_on"))
        .values_list("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    rows, current = [], 0
    for year in sorted(set(issued) | set(abolished)):
        current += issued.get(year, 0) - abolished.get(year, 0)
        rows.append(
            {
                "year": year,
                "issued": issued.get(year, 0),
                "abolished": abolished.get(year, 0),
                "current": current,
            }
        )
    return rows


def publications_for_staff(*, user: Any) -> QuerySet[Publication]:
    return Publication.objects.filter(organisation__in=orgs_visible_to(user)).select_related(
        "organisation"
    )


def publication_for_staff(*, user: Any, pk: int) -> Publication:
    pub = publications_for_staff(user=user).filter(pk=pk).first()
    if pub is None:
        raise Http404("没有找到该信息，或您无权查看")
    return pub


def home_columns() -> QuerySet[Column]:
    return Column.objects.filter(show_on_home=True).prefetch_related("rule_domains")


def publication_related(pub: Publication, limit: int = 5) -> list[Publication]:
    """Latest items sharing a domain (else the organisation).

    Candidates are taken from the domain link table by descending id — ids grow with time —
    so the page never sorts every publication of a large domain.
    """
    domain_ids = list(pub.domains.values_list("pk", flat=True))
    qs = Publication.objects.published().exclude(pk=pub.pk).defer("body")
    if domain_ids:
        through = Publication.domains.through
        candidates = list(
            through.objects.filter(domain_id__in=domain_ids)
            .exclude(publication_id=pub.pk)
            .order_by("-publication_id")
            .values_list("publication_id", flat=True)[: limit * 6]
        )
        qs = qs.filter(pk__in=candidates)
    else:
        qs = qs.filter(organisation_id=pub.organisation_id)
    return list(qs.select_related("organisation").order_by("-published_at")[:limit])


def normative_year_counts(*, organisation_ids: list[int], year: int) -> dict[str, Any]:
    """年报 table 二 第二十条第（一）项 for some organisations and a year: 规范性文件 本年制发
    (by 成文日期, else 形成日期), 本年废止 (失效 or 废止 dated in the year), 现行有效 at the year's
    end; and ``odd``, the documents whose end date comes before their own issue date, which
    break the cross-year check 现行有效[Y] = 现行有效[Y-1] + 制发[Y] − 废止[Y]."""
    import datetime as dt

    from django.db.models import F

    docs = (
        Publication.objects.published()
        .filter(is_normative=True, interprets__isnull=True, organisation_id__in=organisation_ids)
        .annotate(issued_on=Coalesce("written_on", "formed_on"))
    )
    end = dt.date(year, 12, 31)
    ended = docs.exclude(validity=Validity.VALID).filter(invalid_on__isnull=False)
    return {
        "issued": docs.filter(issued_on__year=year).count(),
        "abolished": ended.filter(invalid_on__year=year).count(),
        "current": docs.filter(issued_on__lte=end)
        .exclude(pk__in=ended.filter(invalid_on__lte=end).values("pk"))
        .count(),
        "odd": list(
            ended.filter(invalid_on__lt=F("issued_on")).values_list("doc_number", "title")[:20]
        ),
    }


def publications_published_count(*, organisation_ids: list[int], start: Any, end: Any) -> int:
    """主动公开 in a period (年报 一、总体情况): records first published within it."""
    return (
        Publication.objects.filter(
            organisation_id__in=organisation_ids,
            status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN],
            published_at__date__range=(start, end),
        )
        .filter(interprets__isnull=True)
        .count()
    )


def columns_with_last_update() -> list[dict[str, Any]]:
    """Every column with how many records it lists and when it last got one (website
    self-inspection, 国办秘函〔2019〕19号): one count and one latest date per column."""
    from django.db.models import Max

    out = []
    for column in Column.objects.select_related("parent").prefetch_related("rule_domains"):
        qs = column_publications(column).order_by()
        stats = qs.aggregate(n=Count("id", distinct=True), last=Max("published_at"))
        out.append({"column": column, "count": stats["n"], "last": stats["last"]})
    return out


def latest_publication_at() -> Any:
    """When the portal last published a record (the home page lists the latest)."""
    from django.db.models import Max

    return Publication.objects.published().aggregate(last=Max("published_at"))["last"]


# supervision reads (docs/supervision.md#obligations) ---------------------------------------
def item_publication_dates(*, item_ids: list[int], since: Any) -> list[tuple[int, Any, Any]]:
    """(catalog item id, 形成日期, 发布时间) of every published record of the items formed on or
    after ``since``: what fulfils a periodic item's obligation for the period it was formed in."""
    return list(
        Publication.objects.filter(
            status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN],
            catalog_items__in=item_ids,
            formed_on__gte=since,
            published_at__isnull=False,
        ).values_list("catalog_items", "formed_on", "published_at")
    )


def records_missing_elements(*, organisation_ids: list[int], limit: int = 50) -> dict[str, Any]:
    """Published records short of a required element: 规范性文件 without 文号, and policies
    without their interpretation under 三同步 (neither an interpretation nor a recorded reason
    for none)."""
    base = Publication.objects.published().filter(organisation_id__in=organisation_ids)
    no_number = base.filter(is_normative=True, doc_number="")
    no_reading = base.filter(needs_interpretation=True, interpretation_exempt_reason="").exclude(
        interpretations__status=PubStatus.PUBLISHED
    )

    def listed(qs: QuerySet[Publication]) -> dict[str, Any]:
        qs = qs.select_related("organisation").order_by("-published_at")
        return {
            "count": qs.count(),
            "items": [
                {
                    "label": p.title,
                    "url": p.get_absolute_url(),
                    "organisation": p.organisation.name,
                    "pk": p.pk,
                }
                for p in qs[:limit]
            ],
        }

    return {"no_doc_number": listed(no_number), "no_interpretation": listed(no_reading)}


def publications_of_item(*, item_id: int, limit: int = 200) -> QuerySet[Publication]:
    """The published records of a catalog item, newest first (its 公开过程)."""
    return (
        Publication.objects.filter(
            catalog_items=item_id, status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN]
        )
        .exclude(published_at__isnull=True)
        .select_related("organisation")
        .order_by("-published_at")[:limit]
    )


def publication_creators(*, publication_ids: list[int]) -> dict[int, int]:
    """{publication id: the 公开专员 who drafted it} (per-post scorecards)."""
    return dict(
        Publication.objects.filter(pk__in=publication_ids, created_by__isnull=False).values_list(
            "pk", "created_by_id"
        )
    )


def organisations_of_publications(*, publication_ids: list[int]) -> dict[int, int]:
    """{publication id: its organisation} (supervision: whose page failed an inspection)."""
    return dict(
        Publication.objects.filter(pk__in=publication_ids).values_list("pk", "organisation_id")
    )
