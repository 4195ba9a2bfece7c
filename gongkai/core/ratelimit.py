"""Simple fixed-window rate limit for public forms (per client IP), backed by the cache."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

from gongkai.core.middleware import request_ip


def rate_limited(request: HttpRequest, *, key: str, limit: int, window_seconds: int) -> bool:
    """True when this client has used up ``limit`` attempts in the current window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"rl:{key}:{request_ip(request)}:{bucket}"
    added = cache.add(cache_key, 1, timeout=window_seconds)
    if added:
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        return False
    return count > limit
