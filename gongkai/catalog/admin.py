"""Admin of the catalog. Workflow fields of items change only through the back office
(services); here staff maintain 权责/公共服务 items and guides within their organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.catalog.models import (
    CatalogItem,
    CatalogSettings,
    Domain,
    GuideMaterial,
    GuideStep,
    PowerItem,
    ServiceItem,
)
from gongkai.core.admin_scoping import OfficeAdmin, ScopedAdmin


@admin.register(Domain)
class DomainAdmin(OfficeAdmin):
    list_display = ["code", "name", "display_order", "is_pilot", "is_active", "merged_into"]
    list_editable = ["display_order"]


@admin.register(CatalogSettings)
class CatalogSettingsAdmin(OfficeAdmin):
    list_display = ["__str__", "segment_width", "separator", "review_working_days"]


@admin.register(CatalogItem)
class CatalogItemAdmin(ScopedAdmin):
    list_display = ["code", "name", "domain", "organisation", "stage", "mode", "status"]
    list_filter = ["status", "stage", "mode", "domain"]
    search_fields = ["code", "name"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # edits go through 目录维护 so versions, reviews and audit stay intact

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class StepInline(admin.TabularInline):
    model = GuideStep
    extra = 0


class MaterialInline(admin.TabularInline):
    model = GuideMaterial
    extra = 0


class GuideAdmin(ScopedAdmin):
    inlines = [StepInline, MaterialInline]
    search_fields = ["code", "name"]


@admin.register(PowerItem)
class PowerItemAdmin(GuideAdmin):
    list_display = ["code", "name", "category", "organisation"]
    list_filter = ["category"]


@admin.register(ServiceItem)
class ServiceItemAdmin(GuideAdmin):
    list_display = ["code", "name", "organisation"]
