from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "智能搜索"

    def ready(self) -> None:
        from gongkai.search import registry, tasks  # noqa: F401

        registry.connect_signals()
