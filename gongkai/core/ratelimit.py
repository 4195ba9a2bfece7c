"""Rate limits backed by the cache: a fixed window per client IP for public forms, and
failure counters (login, codes) that only failed attempts fill."""

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


def _failure_key(scope: str, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return f"fail:{scope}:{digest}"


def failures(scope: str, ident: str) -> int:
    """Failed attempts recorded for ``ident`` (an account, an address) in the current period."""
    return int(cache.get(_failure_key(scope, ident), 0))


def failure_record(scope: str, ident: str, *, window_seconds: int) -> int:
    """Count one failure; the period starts with the first failure and lasts ``window_seconds``."""
    key = _failure_key(scope, ident)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def failures_clear(scope: str, ident: str) -> None:
    cache.delete(_failure_key(scope, ident))
