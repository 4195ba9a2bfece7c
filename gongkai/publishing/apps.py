from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "信息发布"

    def ready(self) -> None:
        from gongkai.core.deadlines import DeadlineKind, deadline_kind_register
        from gongkai.publishing import tasks  # noqa: F401  registers periodic schedules
        from gongkai.publishing.services import PROACTIVE_DEADLINE

        deadline_kind_register(
            DeadlineKind(
                PROACTIVE_DEADLINE,
                "主动公开期限",
                "《中华人民共和国政府信息公开条例》第二十六条",
                "publishing.Publication",
                due_field="due_date",
                estimate_field="due_is_estimate",
                manage_url="manage:publication",
            )
        )
