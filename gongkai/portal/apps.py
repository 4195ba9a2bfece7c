from typing import Any

from django.apps import AppConfig


def _clear_page_cache(**_kwargs: Any) -> None:
    from gongkai.core.pagecache import bump_public_cache

    bump_public_cache()


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from gongkai.publishing.signals import publication_changed

        # public pages are cached whole: any change to what they show starts a new version
        publication_changed.connect(_clear_page_cache, dispatch_uid="portal-page-cache")
