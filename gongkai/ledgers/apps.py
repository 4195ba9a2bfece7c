from django.apps import AppConfig


class LedgersConfig(AppConfig):
    """惠民资金 / 涉农补贴 公示 and lookup (docs/ledgers.md)."""

    name = "gongkai.ledgers"
    label = "ledgers"
    verbose_name = "惠民资金"

    def ready(self) -> None:
        from gongkai.core.audit_labels import register_action_labels
        from gongkai.ledgers.choices import AUDIT_LABELS

        register_action_labels(AUDIT_LABELS)
