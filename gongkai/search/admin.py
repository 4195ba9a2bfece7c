from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.core.admin_scoping import OfficeAdmin
from gongkai.search.dictionary import bump_dictionary
from gongkai.search.models import SearchTerm


@admin.register(SearchTerm)
class SearchTermAdmin(OfficeAdmin):
    """Terms and synonyms. Query-side changes apply at once; the index side after search_rebuild."""

    list_display = ["word", "synonyms", "is_active"]
    search_fields = ["word", "synonyms"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        bump_dictionary()
