from django.apps import AppConfig


class ServicesConfig(AppConfig):
    """办事服务 and 办件进度 (docs/services.md)."""

    name = "gongkai.services"
    label = "services"
    verbose_name = "办事服务与办件"

    def ready(self) -> None:
        from gongkai.services import search_providers  # noqa: F401
