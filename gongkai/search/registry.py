"""The content-type registry every app joins (docs/search.md).

An app registers a ``SearchProvider`` in its ``search_providers.py`` (imported here): the model,
which objects are public, and how one becomes a ``SearchDoc``. Saving or deleting a registered
model enqueues an index job after commit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models

from gongkai.search.docs import SearchDoc

__all__ = ["SearchDoc", "SearchProvider", "facet_labels", "facet_order", "register", "vocabulary"]


@dataclass
class SearchProvider:
    ctype: str  # short code used in keys and filters
    label: str  # 中文 name shown as a facet
    model: type[models.Model]
    public: Callable[[], models.QuerySet]  # every object that belongs in the index
    to_doc: Callable[[Any], SearchDoc]
    order: int = 100

    def key(self, pk: Any) -> str:
        return f"{self.ctype}:{pk}"

    def docs(self, objects: Iterable[Any]) -> list[SearchDoc]:
        return [self.to_doc(o) for o in objects]


PROVIDERS: dict[str, SearchProvider] = {}
# What the apps tell search about their vocabulary, so search imports none of them:
_FACET_LABELS: dict[str, list[Callable[[], dict[str, str]]]] = {}  # facet → {value: 中文 label}
_FACET_ORDER: dict[str, list[str]] = {}  # facet → values in display order
_VOCABULARY: list[Callable[[], Iterable[str]]] = []  # words for 您是不是要找


def register_facet_labels(
    facet: str, labels: Callable[[], dict[str, str]], *, order: list[str] | None = None
) -> None:
    """Several apps may label values of one facet (publications and laws both have 有效性)."""
    if labels not in _FACET_LABELS.setdefault(facet, []):
        _FACET_LABELS[facet].append(labels)
    if order is not None:
        _FACET_ORDER[facet] = order


def register_vocabulary(words: Callable[[], Iterable[str]]) -> None:
    _VOCABULARY.append(words)


def facet_labels(facet: str) -> dict[str, str]:
    load_providers()
    merged: dict[str, str] = {}
    for source in _FACET_LABELS.get(facet, []):
        for value, label in source().items():
            merged.setdefault(value, label)
    return merged


def facet_order(facet: str) -> list[str]:
    load_providers()
    return _FACET_ORDER.get(facet, [])


def vocabulary() -> set[str]:
    load_providers()
    words: set[str] = set()
    for source in _VOCABULARY:
        words.update(source())
    return words


def register(provider: SearchProvider) -> SearchProvider:
    PROVIDERS[provider.ctype] = provider
    return provider


def providers() -> list[SearchProvider]:
    load_providers()
    return sorted(PROVIDERS.values(), key=lambda p: p.order)


def provider_for_model(model: type[models.Model]) -> list[SearchProvider]:
    load_providers()
    return [p for p in PROVIDERS.values() if p.model is model]


_loaded = False


def load_providers() -> None:
    global _loaded
    if not _loaded:
        from importlib import import_module

        from django.apps import apps
        from django.utils.module_loading import module_has_submodule

        for config in apps.get_app_configs():
            if config.name.startswith("gongkai.") and module_has_submodule(
                config.module, "search_providers"
            ):
                import_module(f"{config.name}.search_providers")
        _loaded = True


_paused = threading.local()


def indexing_is_paused() -> bool:
    return bool(getattr(_paused, "on", False))


@contextmanager
def indexing_paused() -> Iterator[None]:
    """Bulk loads (demo data, imports followed by a rebuild) skip per-object index jobs."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False
