"""The engine interface both backends implement (docs/search.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from gongkai.search.docs import SearchDoc

FACETS = ("ctype", "stage", "domains", "organisation", "year", "validity")
FILTERS = ("ctype", "stage", "domain", "organisation", "year", "validity")


@dataclass
class EngineQuery:
    groups: list[list[str]]  # one list per query token: the token and its synonyms
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"  # relevance | date
    offset: int = 0
    limit: int = 10
    facets: bool = True


@dataclass
class EngineHit:
    key: str
    score: float
    ctype: str
    title: str
    text: str
    url: str
    date: dt.date | None
    stage: str
    organisation: str
    doc_number: str
    index_no: str
    validity: str


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    def upsert(self, docs: list[SearchDoc]) -> None: ...

    def add(self, docs: list[SearchDoc]) -> None: ...

    def delete(self, keys: list[str]) -> None: ...

    def clear(self) -> None: ...

    def search(self, query: EngineQuery) -> EngineResult: ...

    def exact(self, *, doc_number: str = "", index_no: str = "") -> list[EngineHit]: ...

    def versions(self) -> dict[str, str]: ...

    def doc_freq(self, token: str) -> int: ...
