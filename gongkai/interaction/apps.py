from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "政民互动"

    def ready(self) -> None:
        from gongkai.core.deadlines import OTHER_PARTY, DeadlineKind, deadline_kind_register
        from gongkai.core.links import PUBLIC, STAFF, subject_links_register
        from gongkai.interaction import links, services, tasks  # noqa: F401  (schedules)

        subject_links_register("publishing.Publication", PUBLIC, links.consultations_for_policy)
        subject_links_register("publishing.Publication", STAFF, links.messages_about_publication)
        subject_links_register("catalog.CatalogItem", STAFF, links.messages_about_item)
        subject_links_register("foi.Application", STAFF, links.messages_about_application)

        for kind in (
            DeadlineKind(
                services.REPLY,
                "留言答复期限",
                "政务公开办设定的办理时限（留言办理时限）",
                "interaction.Message",
                due_field="reply_due",
                estimate_field="due_is_estimate",
                manage_url="manage:message",
            ),
            DeadlineKind(
                services.PETITION_NOTICE,
                "信访受理告知期限",
                "《信访工作条例》第二十二条",
                "interaction.Message",
                due_field="petition_notice_due",
                party=OTHER_PARTY,
            ),
            DeadlineKind(
                services.PETITION_DONE,
                "信访事项办结期限",
                "《信访工作条例》第三十四条",
                "interaction.Message",
                due_field="petition_done_due",
                party=OTHER_PARTY,
            ),
        ):
            deadline_kind_register(kind)
