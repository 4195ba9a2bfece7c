from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo county (docs/demo.md). Depends on every app; no app depends on it."""

    name = "gongkai.demo"
    label = "demo"
    verbose_name = "演示数据"
