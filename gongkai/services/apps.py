from django.apps import AppConfig


class ServicesConfig(AppConfig):
    """办事服务 and 办件进度 (docs/services.md)."""

    name = "gongkai.services"
    label = "services"
    verbose_name = "办事服务与办件"

    def ready(self) -> None:
        from gongkai.core.audit_labels import register_action_labels
        from gongkai.services import search_providers  # noqa: F401

        register_action_labels(
            {
                "services.handbook_import": "导入办事服务目录",
                "services.source_create": "新建办件来源",
                "services.source_update": "修改办件来源",
                "services.source_reset": "办件来源从头同步",
                "services.source_secret_rotate": "更换办件推送密钥",
            }
        )
