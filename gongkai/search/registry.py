"""The content-type registry every app joins (docs/search.md).

An app registers a ``SearchProvider`` in its ``search_providers.py`` (imported here): the model,
which objects are public, and how one becomes a ``SearchDoc``. Saving or deleting a registered
model enqueues an index job after commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save


@dataclass
class SearchDoc:
    key: str  # "<ctype>:<pk>"
    ctype: str
    title: str
    text: str
    url: str
    date: dt.date | None = None
    stage: str = ""
    domains: list[str] = field(default_factory=list)
    organisation: str = ""
    validity: str = ""
    doc_number: str = ""
    index_no: str = ""
    keywords: str = ""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def version(self) -> str:
        """Fingerprint of everything indexed: the consistency check compares these."""
        payload = json.dumps(
            [
                self.ctype,
                self.title,
                self.text,
                self.url,
                str(self.date),
                self.stage,
                self.domains,
                self.organisation,
                self.validity,
                self.doc_number,
                self.index_no,
                self.keywords,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode()).hexdigest()


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


def register(provider: SearchProvider) -> SearchProvider:
    PROVIDERS[provider.ctype] = provider
    return provider


def providers() -> list[SearchProvider]:
    _load()
    return sorted(PROVIDERS.values(), key=lambda p: p.order)


def provider_for_model(model: type[models.Model]) -> list[SearchProvider]:
    _load()
    return [p for p in PROVIDERS.values() if p.model is model]


_loaded = False


def _load() -> None:
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


@contextmanager
def indexing_paused() -> Iterator[None]:
    """Bulk loads (demo data, imports followed by a rebuild) skip per-object index jobs."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def _on_change(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or getattr(_paused, "on", False):
        return
    if not provider_for_model(sender):
        return
    from gongkai.core.jobs import enqueue_on_commit
    from gongkai.search.tasks import index_objects

    enqueue_on_commit(index_objects, model=sender._meta.label_lower, pks=[str(instance.pk)])


def connect_signals() -> None:
    _load()
    for model in {p.model for p in PROVIDERS.values()}:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"search-del-{model._meta.label}"
        )
