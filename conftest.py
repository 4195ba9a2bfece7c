"""Shared test fixtures: one demo county seeded once per test session (docs/testing.md).

Every test runs inside a transaction that is rolled back, so tests never see each other's
changes. Personas are the demo logins (see gongkai/demo/county.py).
"""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.accounts.models import User


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from pathlib import Path

    from gongkai.demo.seed import seed_demo
    from gongkai.search.registry import indexing_paused

    # the tests' 法律法规库 is a fixed set of 58 texts (gongkai/laws/tests/corpus), not the
    # whole corpus: fast, and the same on every machine
    laws = Path(__file__).parent / "gongkai" / "laws" / "tests" / "corpus"
    with django_db_blocker.unblock(), indexing_paused():
        seed_demo(laws_dir=laws)


def _user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def office(db) -> User:  # type: ignore[no-untyped-def]
    """政务公开办 of 如皋市人民政府."""
    return _user("gkb")


@pytest.fixture
def sysadmin(db) -> User:  # type: ignore[no-untyped-def]
    return _user("admin")


@pytest.fixture
def planning_editor(db) -> User:  # type: ignore[no-untyped-def]
    """公开专员 of 规划局."""
    return _user("ghj_editor")


@pytest.fixture
def finance_editor(db) -> User:  # type: ignore[no-untyped-def]
    """公开专员 of 财政局 — the outsider for 规划局's data."""
    return _user("czj_editor")


@pytest.fixture
def planning_reviewer(db) -> User:  # type: ignore[no-untyped-def]
    return _user("ghj_reviewer")


@pytest.fixture
def citizen(db) -> User:  # type: ignore[no-untyped-def]
    return _user("u13800000000")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Page cache and rate-limit counters must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
