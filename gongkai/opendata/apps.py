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
                rules.ACCESS_DEADLINE,
                "有条件开放申请答复期限",
                "数据开放规则（有条件开放申请答复时限）",
                "opendata.AccessApplication",
                due_field="due_date",
                manage_url="manage:data_application",
            )
        )
        deadline_kind_register(
            DeadlineKind(
                rules.CORRECTION_DEADLINE,
                "数据纠错答复期限",
                "数据开放规则（数据纠错答复时限）",
                "opendata.Correction",
                due_field="due_date",
                manage_url="manage:data_correction",
            )
        )
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
