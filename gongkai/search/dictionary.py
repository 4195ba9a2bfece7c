"""The admin-maintained dictionary: terms for segmentation and synonym groups."""

from __future__ import annotations

from django.core.cache import cache

from gongkai.core.cacheversion import cache_version, cache_version_bump

VERSION_KEY = "search-dictionary-version"
BUILTIN_TERMS = [
    "依申请公开",
    "主动公开",
    "五公开",
    "放管服",
    "不见面审批",
    "政务公开",
    "信息公开",
    "政策解读",
    "最低生活保障",
    "低保",
    "公共服务清单",
    "权责清单",
    "办事指南",
    "统一社会信用代码",
    "高龄补贴",
    "优待证",
    "信息处理费",
    "行政复议",
    "行政诉讼",
    "政府公报",
    "规范性文件",
]


def dictionary_version() -> int:
    return cache_version(VERSION_KEY)


def bump_dictionary() -> None:
    cache_version_bump(VERSION_KEY)


def load_terms() -> list[str]:
    from gongkai.search.models import SearchTerm

    words = set(BUILTIN_TERMS)
    for term in SearchTerm.objects.filter(is_active=True):
        words.add(term.word)
        words.update(term.synonym_list())
    return sorted(words)


def synonym_groups() -> dict[str, set[str]]:
    """word → every word of its group (including itself), for query expansion."""
    from gongkai.search.models import SearchTerm

    key = f"search-synonyms:{dictionary_version()}"
    groups = cache.get(key)
    if groups is None:
        groups = {}
        for term in SearchTerm.objects.filter(is_active=True).exclude(synonyms=""):
            group = {term.word, *term.synonym_list()}
            for word in group:
                groups.setdefault(word, set()).update(group)
        cache.set(key, groups, 300)
    return groups
