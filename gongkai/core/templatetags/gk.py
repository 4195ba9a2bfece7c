from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``{{ dict|get_item:key }}`` for facet lists keyed by name."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
