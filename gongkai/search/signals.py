"""Saving or deleting an indexed object enqueues an index job after commit (docs/search.md).

Kept apart from the registry so that the registry never imports the jobs that use it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from gongkai.core.jobs import enqueue_on_commit
from gongkai.search.registry import (
    PROVIDERS,
    indexing_is_paused,
    load_providers,
    provider_for_model,
)
from gongkai.search.tasks import index_objects


def _on_change(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or indexing_is_paused():
        return
    if not provider_for_model(sender):
        return
    enqueue_on_commit(index_objects, model=sender._meta.label_lower, pks=[str(instance.pk)])


def connect_signals() -> None:
    load_providers()
    for model in {p.model for p in PROVIDERS.values()}:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"search-del-{model._meta.label}"
        )
