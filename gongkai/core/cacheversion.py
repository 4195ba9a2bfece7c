"""Version counters in the cache: readers put the version in their cache keys, writers bump it,
so every process sees new data without deleting keys one by one (page cache, search
dictionary, the law library's title map)."""

from __future__ import annotations

from django.core.cache import cache


def cache_version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key) or 1
    return int(version)


def cache_version_bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (evicted or never read): start above the default 1
        cache.set(key, 2, timeout=None)
