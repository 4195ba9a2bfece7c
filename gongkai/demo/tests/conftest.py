"""The demo county's own tests run in a session of their own on a database holding the demo
(and nothing else): they check what an office sees when it evaluates the product. The rest
of the suite runs on the tests' small world (conftest.py at the root), so the demo can change
without breaking them (docs/testing.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.search.tests.conftest import engine  # noqa: F401  the shared module-scoped index

LAWS = Path(__file__).parents[2] / "laws" / "tests" / "corpus"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from gongkai.demo.seed import seed_demo
    from gongkai.search.registry import indexing_paused

    with django_db_blocker.unblock(), indexing_paused():
        seed_demo(laws_dir=LAWS)  # the tests' 58 legal texts, as in the main session
