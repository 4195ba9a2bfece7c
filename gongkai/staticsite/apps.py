from typing import Any

from django.apps import AppConfig


def _publication_changed(*, instance: Any, change: str, **_kwargs: Any) -> None:
    from gongkai.staticsite.services import site_pages_for_publication_changed
    from gongkai.staticsite.tasks import site_flush_soon

    if site_pages_for_publication_changed(publication=instance, change=change):
        site_flush_soon()


def _catalog_items_changed(*, codes: list[str], **_kwargs: Any) -> None:
    from gongkai.staticsite.services import site_pages_for_catalog_changed
    from gongkai.staticsite.tasks import site_flush_soon

    if site_pages_for_catalog_changed(codes=codes):
        site_flush_soon()


class StaticSiteConfig(AppConfig):
    name = "gongkai.staticsite"
    label = "staticsite"
    verbose_name = "静态发布"

    def ready(self) -> None:
        from gongkai.catalog.signals import catalog_items_changed
        from gongkai.publishing.signals import publication_changed
        from gongkai.staticsite import tasks  # noqa: F401  (registers the periodic jobs)

        # public content changed: the pages that show it are written to disk again
        publication_changed.connect(_publication_changed, dispatch_uid="staticsite-publication")
        catalog_items_changed.connect(_catalog_items_changed, dispatch_uid="staticsite-catalog")
