from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "监督考核与年度报告"

    def ready(self) -> None:
        from gongkai.core.deadlines import DeadlineKind, deadline_kind_register
        from gongkai.supervision import annual_rules, tasks  # noqa: F401  (schedules)

        deadline_kind_register(
            DeadlineKind(
                annual_rules.REPORT_DEADLINE,
                "政府信息公开工作年度报告公布期限",
                "条例第四十九条",
                "supervision.AnnualReport",
                due_field="report_due",
                manage_url="manage:annual_report",
            )
        )
