"""Admin of 数据开放: the rules are read-only here (a change is a new rule on the staff page,
/manage/data/, so it is versioned and audited)."""

from typing import Any

from django.contrib import admin

from gongkai.opendata.models import OpendataRule


@admin.register(OpendataRule)
class OpendataRuleAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "access_days", "correction_days", "note")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
