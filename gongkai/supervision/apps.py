from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "监督考核与年度报告"

    def ready(self) -> None:
        from gongkai.core.deadlines import DeadlineKind, deadline_kind_register
        from gongkai.core.links import PUBLIC, STAFF, subject_links_register
        from gongkai.interaction.signals import message_submitted
        from gongkai.publishing.signals import publication_changed
        from gongkai.supervision import (
            annual_rules,
            complaint_rules,
            links,
            monitor_rules,
            receivers,
            tasks,  # noqa: F401  (schedules)
        )

        publication_changed.connect(receivers.on_publication_changed, dispatch_uid="supervision")
        message_submitted.connect(receivers.on_message_submitted, dispatch_uid="supervision")
        subject_links_register("publishing.Publication", PUBLIC, links.public_publication_timeline)
        subject_links_register("catalog.CatalogItem", PUBLIC, links.public_item_timeline)
        subject_links_register("interaction.Message", PUBLIC, links.public_message_timeline)
        for label, kind in (
            ("publishing.Publication", "publication"),
            ("catalog.CatalogItem", "item"),
            ("foi.Application", "application"),
            ("interaction.Message", "message"),
        ):
            subject_links_register(label, STAFF, links.staff_timeline(kind))
        subject_links_register("interaction.Message", STAFF, links.complaint_of_message)
        deadline_kind_register(
            DeadlineKind(
                complaint_rules.COMPLAINT_DEADLINE,
                "公开投诉办理期限",
                complaint_rules.LEGAL_BASIS,
                "supervision.Complaint",
                due_field="due_date",
                manage_url="manage:complaint",
            )
        )
        deadline_kind_register(
            DeadlineKind(
                monitor_rules.PERIOD_DEADLINE,
                "定期公开期限",
                "政务公开事项标准目录（公开时限）、条例第二十条",
                "supervision.ItemPeriod",
                due_field="due_date",
                manage_url="manage:obligation_period",
            )
        )

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
