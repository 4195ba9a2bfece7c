"""RSS 2.0 and Atom feeds of dataset changes (published, updated, withdrawn)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from gongkai.opendata.models import DatasetEvent
from gongkai.opendata.rules import DatasetStatus


class DatasetChangesFeed(Feed):
    def title(self) -> str:
        return f"{settings.SITE_NAME}数据开放 - 数据集变更"

    def link(self) -> str:
        return "/data/"

    def description(self) -> str:
        return "数据集的发布、数据更新和撤回"

    def author_name(self) -> str:
        return settings.SITE_NAME

    def items(self) -> Any:
        return (
            DatasetEvent.objects.filter(public=True)
            .exclude(dataset__status=DatasetStatus.DRAFT)
            .exclude(dataset__status=DatasetStatus.PENDING)
            .select_related("dataset__organisation")[:50]
        )

    def item_title(self, item: DatasetEvent) -> str:
        return f"{item.dataset.title}：{item.label}"

    def item_description(self, item: DatasetEvent) -> str:
        return item.note or item.dataset.notes[:200]

    def item_link(self, item: DatasetEvent) -> str:
        return item.dataset.get_absolute_url() + f"#e{item.pk}"

    def item_guid(self, item: DatasetEvent) -> str:
        return f"dataset-event-{item.pk}"

    def item_author_name(self, item: DatasetEvent) -> str:
        return item.dataset.organisation.name

    def item_pubdate(self, item: DatasetEvent) -> Any:
        return item.at


class DatasetChangesAtomFeed(DatasetChangesFeed):
    feed_type = Atom1Feed
