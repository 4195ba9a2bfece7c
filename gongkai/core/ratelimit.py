"""Rate limits backed by the cache: a fixed window per client IP for public forms, and
counters per account or applicant that the caller fills with what it counts — failed logins,
code requests, submissions."""

from __future__ import annotations

import hashlib
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


def _counter_key(scope: str, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return f"count:{scope}:{digest}"


def counter_value(scope: str, ident: str) -> int:
    """What was counted for ``ident`` (an account, an address) in the current period."""
    return int(cache.get(_counter_key(scope, ident), 0))


def counter_add(scope: str, ident: str, *, window_seconds: int) -> int:
    """Count one; the period starts with the first count and lasts ``window_seconds``."""
    key = _counter_key(scope, ident)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def counter_clear(scope: str, ident: str) -> None:
    cache.delete(_counter_key(scope, ident))
