from django.apps import AppConfig


class CalculatorsConfig(AppConfig):
    """政策计算器 (docs/calculators.md)."""

    name = "gongkai.calculators"
    label = "calculators"
    verbose_name = "政策计算器"

    def ready(self) -> None:
        from gongkai.core.audit_labels import register_action_labels

        register_action_labels(
            {
                "calculators.create": "新建政策计算器",
                "calculators.version_create": "发布计算标准新版本",
            }
        )
