from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "基础设施"

    def ready(self) -> None:
        from gongkai.core import tasks  # noqa: F401  registers periodic schedules
