"""Settings parsing fails loudly on invalid values (config/env.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_str


def test_parsers(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("X_BOOL", "yes")
    assert env_bool("X_BOOL", False) is True
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("X_INT", 5, minimum=1)
    monkeypatch.setenv("X_INT", "abc")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("X_INT", 5)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("X_CHOICE", "other")
    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        env_choice("X_CHOICE", "a", {"a", "b"})
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_str("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_str("X_SECRET")


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_start_up_refuses_bad_settings() -> None:
    result = _start({"DEBUG": "false"})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
    result = _start({"DEBUG": "perhaps"})
    assert result.returncode != 0 and "DEBUG='perhaps' is not a boolean" in result.stderr
    result = _start({"DEBUG": "true", "DATABASE_URL": "nosuchdb://x"})
    assert result.returncode != 0 and "DATABASE_URL is invalid" in result.stderr


def test_redis_url_gives_a_working_shared_cache() -> None:
    """REDIS_URL switches the cache to Redis (config/settings.py); the client library is a
    dependency, and counters work across processes as the rate limits need."""
    import uuid

    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    key = f"gk-test-{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=30)
    assert cache.incr(key) == 2 and cache.get(key) == 2
    cache.delete(key)


def test_a_redis_that_is_down_is_a_cache_miss_not_an_error() -> None:
    from gongkai.core.cache import ResilientRedisCache

    down = ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )  # nothing listens on port 1
    assert down.get("k", "default") == "default" and down.get_many(["a"]) == {}
    down.set("k", 1)
    assert down.add("k", 1) is True and down.incr("k") == 1  # counters start again
    assert down.has_key("k") is False and down.delete("k") is False
    down.clear()
