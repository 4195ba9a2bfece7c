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


@register.filter
def mask_personal(text: str) -> str:
    """``{{ text|mask_personal }}``: ID numbers, phone numbers and e-mail addresses a writer
    typed into a text that is shown publicly are masked (core/privacy.py)."""
    from gongkai.core.privacy import mask_personal_data

    return mask_personal_data(text or "")
