"""The law-library tests read the tests' corpus (58 real texts) that conftest.py loads, and
search it with the search tests' ``engine`` fixture (an index of everything seeded)."""

from __future__ import annotations

from pathlib import Path

from gongkai.search.tests.conftest import engine  # noqa: F401  the shared module-scoped index

CORPUS = Path(__file__).parent / "corpus"
