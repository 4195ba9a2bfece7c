from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "智能搜索"

    def ready(self) -> None:
        from gongkai.search import signals, tasks  # noqa: F401

        signals.connect_signals()
