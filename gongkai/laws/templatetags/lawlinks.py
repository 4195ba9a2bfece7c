"""``{{ text|law_links }}``: legal citations become links into the 法律法规库."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from gongkai.laws.linking import link_citations

register = template.Library()


@register.filter
def law_links(text: str, short_title: str = "") -> SafeString:
    """``{{ basis|law_links }}``; ``{{ basis|law_links:"中华人民共和国政府信息公开条例" }}`` also
    links a bare 条例第…条 to that law."""
    return link_citations(str(text or ""), short_title=short_title)
