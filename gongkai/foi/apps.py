from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.core.deadlines import OTHER_PARTY, DeadlineKind, deadline_kind_register
        from gongkai.foi import (
            services,
            tasks,  # noqa: F401  registers periodic schedules
        )

        for kind in (
            DeadlineKind(
                services.REPLY,
                "依申请公开答复期限",
                "《中华人民共和国政府信息公开条例》第三十三条",
                "foi.Application",
                due_field="reply_due",
                estimate_field="due_is_estimate",
                manage_url="manage:foi_app",
            ),
            DeadlineKind(
                services.CORRECTION_NOTICE,
                "一次性告知补正期限",
                "《中华人民共和国政府信息公开条例》第三十条",
                "foi.Application",
                optional=True,
            ),
            DeadlineKind(
                services.FEE_PAYMENT,
                "缴纳信息处理费期限",
                "《政府信息公开信息处理费管理办法》",
                "foi.Application",
                due_field="fee_due",
                party=OTHER_PARTY,
            ),
            DeadlineKind(
                services.CONSULTATION,
                "第三方或其他机关提出意见期限",
                "《中华人民共和国政府信息公开条例》第三十二条、第三十四条",
                "foi.Consultation",
                due_field="opinion_due",
                party=OTHER_PARTY,
            ),
        ):
            deadline_kind_register(kind)
