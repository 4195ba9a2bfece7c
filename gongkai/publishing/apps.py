from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "信息发布"

    def ready(self) -> None:
        from gongkai.publishing import tasks  # noqa: F401  registers periodic schedules
