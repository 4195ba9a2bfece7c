from django.contrib import admin

from gongkai.interaction.models import KindRule, RoutingRule


@admin.register(KindRule)
class KindRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "unit", "days")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "domain", "organisation")
    list_filter = ("kind",)
