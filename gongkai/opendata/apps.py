from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "政府数据开放"

    def ready(self) -> None:
        from gongkai.core.deadlines import DeadlineKind, deadline_kind_register
        from gongkai.opendata import rules

        deadline_kind_register(
            DeadlineKind(
                rules.UPDATE_DEADLINE,
                "数据集更新期限",
                "数据集的更新频率（数据开放目录）",
                "opendata.Dataset",
                due_field="next_update_due",
                manage_url="manage:dataset",
            )
        )
