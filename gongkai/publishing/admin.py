from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.core.admin_scoping import OfficeAdmin, ScopedAdmin
from gongkai.publishing.models import (
    Column,
    GazetteIssue,
    Page,
    Publication,
    PublishingSettings,
    StandardDocument,
    Topic,
)
from gongkai.publishing.signals import announce


class PortalConfigAdmin(OfficeAdmin):
    """Portal structure owned by the 政务公开办; saving clears the public page cache."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        announce(obj, "portal")


@admin.register(Column)
class ColumnAdmin(PortalConfigAdmin):
    list_display = ["name", "slug", "parent", "display_order", "show_on_home", "by_hand"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["items", "rule_domains"]


@admin.register(Page)
class PageAdmin(PortalConfigAdmin):
    list_display = ["title", "slug"]


@admin.register(GazetteIssue)
class GazetteIssueAdmin(PortalConfigAdmin):
    list_display = ["__str__", "title", "published_on", "pdf"]
    filter_horizontal = ["documents"]
    actions = ["build_pdf"]

    @admin.action(description="编印所选公报的PDF（封面、目录、全文、页码）")
    def build_pdf(self, request: Any, queryset: Any) -> None:
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied, ValidationError

        from gongkai.publishing.gazette import gazette_issue_build

        for issue in queryset:
            try:
                gazette_issue_build(actor=request.user, issue=issue)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{issue}：{exc}", messages.ERROR)
            else:
                self.message_user(request, f"{issue}：已生成PDF")


@admin.register(StandardDocument)
class StandardDocumentAdmin(PortalConfigAdmin):
    list_display = ["code", "title", "issued_on", "effective_on"]


@admin.register(Topic)
class TopicAdmin(OfficeAdmin):
    list_display = ["name", "display_order"]


@admin.register(PublishingSettings)
class PublishingSettingsAdmin(OfficeAdmin):
    list_display = ["organisation", "review_levels"]


@admin.register(Publication)
class PublicationAdmin(ScopedAdmin):
    """Read-only here: the workflow runs in 信息发布 so reviews and audit stay intact."""

    list_display = ["title", "organisation", "index_no", "status", "published_at", "due_date"]
    list_filter = ["status", "genre", "validity"]
    search_fields = ["title", "index_no", "doc_number"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False
