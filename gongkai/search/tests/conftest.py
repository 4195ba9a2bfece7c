"""Both engines run the same suite: tantivy always, PostgreSQL when the database is PostgreSQL."""

from __future__ import annotations

import pytest
from django.conf import settings

from gongkai.search.services import search_rebuild

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def make_engine(name: str, tmp_path_factory):  # type: ignore[no-untyped-def]
    if name == "postgres":
        from gongkai.search.engines.postgres_engine import PostgresEngine

        return PostgresEngine()
    from gongkai.search.engines.tantivy_engine import TantivyEngine

    return TantivyEngine(tmp_path_factory.mktemp("index"))


ENGINES = [
    pytest.param("tantivy"),
    pytest.param("postgres", marks=pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")),
]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """An index built once per module from the seeded demo data (read-only tests)."""
    with django_db_blocker.unblock():
        instance = make_engine(request.param, tmp_path_factory)
        search_rebuild(engine=instance)
    yield instance
    if request.param == "postgres":
        with django_db_blocker.unblock():
            instance.clear()


@pytest.fixture(params=ENGINES)
def fresh_engine(request, db, tmp_path_factory, monkeypatch):  # type: ignore[no-untyped-def]
    """A private index for tests that change data; services use it as *the* engine."""
    from gongkai.search import services

    instance = make_engine(request.param, tmp_path_factory)
    search_rebuild(engine=instance)
    monkeypatch.setattr(services, "get_engine", lambda: instance)
    return instance
