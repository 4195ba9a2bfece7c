"""RSS 2.0 and Atom feeds: the latest information, per column, per domain and per department;
sitemap.xml (docs/portal.md#feeds)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.accounts.models import Organisation
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.publishing.models import Column, Publication
from gongkai.publishing.selectors import column_publications, publications_public


class PublicationFeed(Feed):
    """What every feed of publications shares: entries with their issuer as author, the date
    published and the date last revised (Atom ``updated``), and the site as the feed's author.
    Subclasses choose the publications (docs/portal.md#feeds)."""

    def author_name(self) -> str:
        return settings.SITE_NAME

    def items(self, obj: Any):  # type: ignore[no-untyped-def]
        return publications_public()[:30]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return f"{item.issuer} {item.doc_number}".strip()

    def item_author_name(self, item: Publication) -> str:
        return item.issuer or item.organisation.name

    def item_pubdate(self, item: Publication):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: Publication):  # type: ignore[no-untyped-def]
        return max(item.updated_at, item.published_at) if item.published_at else item.updated_at


class LatestFeed(PublicationFeed):
    def title(self) -> str:
        return f"{settings.SITE_NAME}政府信息公开 - 最新信息"

    def link(self) -> str:
        return "/info/"

    def description(self) -> str:
        return f"{settings.SITE_NAME}最新主动公开的政府信息"


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class ColumnFeed(PublicationFeed):
    def get_object(self, request, slug: str) -> Column:  # type: ignore[no-untyped-def, override]
        return get_object_or_404(Column, slug=slug)

    def title(self, obj: Column) -> str:
        return f"{obj.name} - 政府信息公开"

    def link(self, obj: Column) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Column) -> str:
        return obj.description or obj.name

    def items(self, obj: Column):  # type: ignore[no-untyped-def]
        return column_publications(obj)[:30]


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description


class DomainFeed(PublicationFeed):
    def get_object(self, request, code: str) -> Domain:  # type: ignore[no-untyped-def, override]
        return get_object_or_404(Domain, code=code)

    def title(self, obj: Domain) -> str:
        return f"{obj.name}领域 - 政府信息公开"

    def link(self, obj: Domain) -> str:
        return f"/info/?domain={obj.code}"

    def description(self, obj: Domain) -> str:
        return f"{obj.name}领域最新公开信息"

    def items(self, obj: Domain):  # type: ignore[no-untyped-def]
        return publications_public(filters={"domain": obj.code})[:30]


class DomainAtomFeed(DomainFeed):
    feed_type = Atom1Feed
    subtitle = DomainFeed.description


class OrganisationFeed(PublicationFeed):
    """One department's (or town's) publications 部门信息."""

    def get_object(self, request, pk: int) -> Organisation:  # type: ignore[no-untyped-def, override]
        return get_object_or_404(Organisation.objects.filter(is_active=True), pk=pk)

    def title(self, obj: Organisation) -> str:
        return f"{obj.name} - 政府信息公开"

    def link(self, obj: Organisation) -> str:
        return f"/info/?organisation={obj.pk}"

    def description(self, obj: Organisation) -> str:
        return f"{obj.name}最新公开信息"

    def items(self, obj: Organisation):  # type: ignore[no-untyped-def]
        return publications_public(filters={"organisation": str(obj.pk)})[:30]


class OrganisationAtomFeed(OrganisationFeed):
    feed_type = Atom1Feed
    subtitle = OrganisationFeed.description


def feed_links(
    *, column: Column | None = None, domain: str = "", organisation: str = ""
) -> list[dict[str, str]]:
    """The feeds a page advertises with <link rel="alternate">: its own, then the site's."""
    links: list[dict[str, str]] = []

    def both(title: str, name: str, *args: Any) -> None:
        for kind, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
            links.append(
                {
                    "title": f"{title}（{kind.upper() if kind == 'rss' else 'Atom'}）",
                    "href": reverse(f"publishing:{name}_{kind}", args=args),
                    "type": mime,
                }
            )

    if column is not None:
        both(column.name, "column", column.slug)
    if domain:
        found = Domain.objects.filter(code=domain).first()
        if found:
            both(f"{found.name}领域", "domain", found.code)
    if organisation.isdigit():
        org = Organisation.objects.filter(pk=int(organisation), is_active=True).first()
        if org:
            both(org.name, "organisation", org.pk)
    both("最新信息", "latest")
    return links


class PublicationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):  # type: ignore[no-untyped-def]
        return Publication.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, obj: Publication):  # type: ignore[no-untyped-def]
        return obj.updated_at


class CatalogSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):  # type: ignore[no-untyped-def]
        return CatalogItem.objects.published().filter(is_group=False).only("code").order_by("code")


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):  # type: ignore[no-untyped-def]
        return Column.objects.all()


SITEMAPS = {"info": PublicationSitemap, "catalog": CatalogSitemap, "columns": ColumnSitemap}
