"""RSS 2.0 and Atom feeds per column and per domain; sitemap.xml."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalog.models import CatalogItem, Domain
from gongkai.publishing.models import Column, Publication
from gongkai.publishing.selectors import column_publications, publications_public


class ColumnFeed(Feed):
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

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return f"{item.issuer} {item.doc_number}".strip()

    def item_pubdate(self, item: Publication):  # type: ignore[no-untyped-def]
        return item.published_at


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description


class DomainFeed(ColumnFeed):
    def get_object(self, request, code: str) -> Domain:  # type: ignore[no-untyped-def, override]
        return get_object_or_404(Domain, code=code)

    def title(self, obj: Domain) -> str:  # type: ignore[override]
        return f"{obj.name}领域 - 政府信息公开"

    def link(self, obj: Domain) -> str:  # type: ignore[override]
        return f"/info/?domain={obj.code}"

    def description(self, obj: Domain) -> str:  # type: ignore[override]
        return f"{obj.name}领域最新公开信息"

    def items(self, obj: Domain):  # type: ignore[no-untyped-def, override]
        return publications_public(filters={"domain": obj.code})[:30]


class DomainAtomFeed(DomainFeed):
    feed_type = Atom1Feed
    subtitle = DomainFeed.description


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
