from __future__ import annotations

from django.contrib import admin

from gongkai.core.admin_scoping import OfficeAdmin
from gongkai.foi.models import ReplyTemplate, TypicalCase


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(OfficeAdmin):
    """告知书 templates; placeholders such as {申请人} {受理编号} {答复内容} (docs/foi.md)."""

    list_display = ["kind", "updated_at"]


@admin.register(TypicalCase)
class TypicalCaseAdmin(OfficeAdmin):
    """典型案例: personal data is masked on save; publish when anonymised."""

    list_display = ["title", "outcome", "organisation", "published", "published_on"]
