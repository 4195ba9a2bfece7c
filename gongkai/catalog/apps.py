from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "政务公开事项标准目录"

    def ready(self) -> None:
        from gongkai.catalog import tasks  # noqa: F401  registers periodic schedules
