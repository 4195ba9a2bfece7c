from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.core.admin_scoping import SysadminAdmin
from gongkai.core.models import AuditEvent, Deadline, HolidayDay, HolidayYear


class HolidayDayInline(admin.TabularInline):
    model = HolidayDay
    extra = 0


@admin.register(HolidayYear)
class HolidayYearAdmin(SysadminAdmin):
    list_display = ["year", "source_notice", "updated_at"]
    inlines = [HolidayDayInline]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        from gongkai.core.audit import audit_record
        from gongkai.core.holidays import schedule_deadline_recompute

        audit_record(
            actor=request.user,
            action="holiday.admin_edit",
            obj=form.instance,
            note="管理后台修改节假日",
        )
        schedule_deadline_recompute(f"{form.instance.year}年节假日安排在管理后台修改")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "organisation", "action", "object_type", "object_id", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "object_repr", "actor_label"]

    def get_queryset(self, request: Any):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        if is_sysadmin(request.user):
            return qs
        return qs.filter(organisation__in=orgs_visible_to(request.user))

    def has_module_permission(self, request: Any) -> bool:
        return is_sysadmin(request.user) or is_office(request.user)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Deadline)
class DeadlineAdmin(AuditEventAdmin):
    list_display = [
        "label",
        "organisation",
        "start_date",
        "rule",
        "due_date",
        "is_estimate",
        "status",
    ]
    list_filter = ["status", "kind", "is_estimate"]
    search_fields = ["label"]
