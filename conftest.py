"""Shared test fixtures: the tests' own small county (gongkai/testing/world.py), built once per
session with factories (docs/testing.md).

Every test runs inside a transaction that is rolled back, so tests never see each other's
changes. The demo county is not loaded here: its own tests (gongkai/demo/tests) run in a
session of their own that seeds it, so the demo can change without breaking other tests.
"""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.accounts.models import User

DEMO_TESTS = "gongkai/demo/tests/"
# the live portal and Chromium, one of each per session for every module that asks
pytest_plugins = ["gongkai.portal.tests.browser"]


@pytest.hookimpl(trylast=True)  # after -m / -k have deselected what they will
def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    """The demo's tests need a database holding the demo, the others one holding the world;
    one session has one database, so a run that collected both keeps the others and says how
    to run the demo's (scripts/test runs both sessions)."""
    demo = [i for i in items if i.nodeid.startswith(DEMO_TESTS)]
    config._gongkai_demo_session = bool(demo) and len(demo) == len(items)
    if demo and len(demo) < len(items):
        config.hook.pytest_deselected(items=demo)
        items[:] = [i for i in items if i not in demo]
        config._gongkai_demo_skipped = len(demo)  # reported in the terminal summary


def pytest_terminal_summary(terminalreporter, config) -> None:  # type: ignore[no-untyped-def]
    skipped = getattr(config, "_gongkai_demo_skipped", 0)
    if skipped:
        terminalreporter.write_line(
            f"演示县测试 {skipped} 项未在本次运行：它们需要演示数据库，"
            f"请单独运行 pytest {DEMO_TESTS}（scripts/test 两者都运行）"
        )


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from pathlib import Path

    if getattr(request.config, "_gongkai_demo_session", False):
        return  # the demo's session seeds the demo instead (gongkai/demo/tests/conftest.py)

    from gongkai.laws.services import laws_import
    from gongkai.search.registry import indexing_paused
    from gongkai.testing.world import make_world

    # the tests' 法律法规库 is a fixed set of 58 texts (gongkai/laws/tests/corpus), not the
    # whole corpus: fast, and the same on every machine
    laws = Path(__file__).parent / "gongkai" / "laws" / "tests" / "corpus"
    with django_db_blocker.unblock(), indexing_paused():
        _WORLD.append(make_world())
        laws_import(root=laws)


_WORLD: list = []  # the session's World (names → primary keys of the cast)


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """The cast: ``world.permit_item``, ``world.planning``… fetched fresh for each test."""
    return _WORLD[0]


@pytest.fixture
def office(world) -> User:  # type: ignore[no-untyped-def]
    """政务公开办 of the 示例县人民政府."""
    return world.office


@pytest.fixture
def sysadmin(world) -> User:  # type: ignore[no-untyped-def]
    return world.sysadmin


@pytest.fixture
def planning_editor(world) -> User:  # type: ignore[no-untyped-def]
    """公开专员 of the planning department (自然资源和规划局)."""
    return world.planning_editor


@pytest.fixture
def finance_editor(world) -> User:  # type: ignore[no-untyped-def]
    """公开专员 of 财政局 — the outsider for the planning department's data."""
    return world.finance_editor


@pytest.fixture
def planning_reviewer(world) -> User:  # type: ignore[no-untyped-def]
    return world.planning_reviewer


@pytest.fixture
def citizen(world) -> User:  # type: ignore[no-untyped-def]
    return world.citizen


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _api_contract():  # type: ignore[no-untyped-def]
    """Every /api/v1/ response a test gets is checked against docs/openapi.yaml."""
    from gongkai.api.testing import validating_client

    with validating_client():
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Page cache and rate-limit counters must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
