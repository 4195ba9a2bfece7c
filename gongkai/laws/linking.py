"""Legal bases link to the article in the 法律法规库 (docs/laws.md).

``link_citations`` turns ``《中华人民共和国政府信息公开条例》第二十条、第二十一条`` into links to
``/laws/<id>/#第二十条`` and ``#第二十一条`` when that law is in the library; titles the library
does not hold, and everything else, stay plain (escaped) text.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.laws.selectors import law_for_title

ARTICLE = r"第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?"
CITATION_RE = re.compile(r"《([^《》\n]{2,80})》((?:\s*(?:、|，|和|及|以及)?\s*" + ARTICLE + r")*)")
ARTICLE_RE = re.compile(ARTICLE)
# "条例第三十六条" in the FOI outcome rows: the 条例 is named once, by the caller
SHORT_RE = re.compile(r"(?<![》\w])条例((?:\s*(?:、|，|和|及)?\s*" + ARTICLE + r")+)")


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def _articles(base: str, articles: str) -> str:
    out, pos = [], 0
    for art in ARTICLE_RE.finditer(articles):
        out.append(escape(articles[pos : art.start()]))
        out.append(_link(f"{base}#{art[0]}", art[0]))
        pos = art.end()
    out.append(escape(articles[pos:]))
    return "".join(out)


def link_citations(text: str, *, short_title: str = "") -> SafeString:
    """Link every 《title》 the library holds, and the articles cited right after it; with
    ``short_title``, a bare ``条例第…条`` cites that law."""
    if not text:
        return mark_safe("")
    spans: list[tuple[int, int, str]] = []
    for match in CITATION_RE.finditer(text):
        pk = law_for_title(match[1])
        if pk is not None:
            base = reverse("laws:detail", args=[pk])
            html = _link(base, f"《{match[1]}》") + _articles(base, match[2])
            spans.append((match.start(), match.end(), html))
    short_pk = law_for_title(short_title) if short_title else None
    if short_pk is not None:
        base = reverse("laws:detail", args=[short_pk])
        for match in SHORT_RE.finditer(text):
            if not any(a <= match.start() < b for a, b, _h in spans):
                html = _link(base, "条例") + _articles(base, match[1])
                spans.append((match.start(), match.end(), html))
    out, pos = [], 0
    for start, end, html in sorted(spans):
        out.append(escape(text[pos:start]))
        out.append(html)
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
