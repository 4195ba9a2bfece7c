from django.contrib import admin

from gongkai.supervision.models import AnnualFigure, AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "status", "report_due", "published_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["tables", "published_at", "published_by", "created_by"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # through the staff pages and their services (checks, audit)


@admin.register(AnnualFigure)
class AnnualFigureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "licences", "penalties", "enforcements", "fees_wan"]
    list_filter = ["year"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
