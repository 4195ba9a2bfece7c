"""The law-library tests read the tests' corpus (58 real texts) that conftest.py loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.search.services import search_rebuild
from gongkai.search.tests.conftest import ENGINES, make_engine

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module", params=ENGINES)
def law_engine(request, django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """An index of everything seeded (demo county + the tests' law library), built once."""
    with django_db_blocker.unblock():
        instance = make_engine(request.param, tmp_path_factory)
        search_rebuild(engine=instance)
    yield instance
    if request.param == "postgres":
        with django_db_blocker.unblock():
            instance.clear()
