"""The Redis cache, degrading to "nothing cached" while Redis is down (docs/deployment.md).

The cache only ever holds what can be recomputed: rendered public pages, rate-limit
counters, search facets. Django's RedisCache raises on every call when Redis is away, which
turned each request into a 500 for as long as Redis was down (bench/fault_bench.py: 3,365
failed requests in 18 s). Here a call that cannot reach Redis behaves as a miss — reads
return their default, writes are dropped, counters start again from one — and is logged
once a minute. Rate limits therefore open up while Redis is down: a limit that stops the
site answering would be worse than a flood the other limits (per applicant, per login) and
the web server's workers still bound.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
_last_warning = [0.0]


def _warn(exc: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        log.warning("Redis unreachable, serving without the cache: %s", exc)


class ResilientRedisCache(RedisCache):
    def _safely(self, name: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as exc:
            _warn(exc)
            return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._safely("get", default, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        return self._safely("get_many", {}, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._safely("has_key", False, key, version)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._safely("set", None, *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._safely("set_many", [], *args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._safely("add", True, *args, **kwargs)  # as if this were the first

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._safely("incr", delta, key, delta, version)

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._safely("touch", False, *args, **kwargs)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._safely("delete", False, key, version)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._safely("delete_many", None, keys, version)

    def clear(self) -> None:
        self._safely("clear", None)
