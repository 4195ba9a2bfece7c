"""Template helpers of the supervision pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``weights|get_item:"foi"``: a dict's value by a key held in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def get_field(form: Any, name: str) -> Any:
    """``form|get_field:name``: a bound field whose name is held in a variable."""
    return form[name]
