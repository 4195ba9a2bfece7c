"""Links one app adds to another app's page, without the page's app importing it
(docs/architecture.md#subject-links).

An app that relates its objects to a subject (a record, a catalog item, an FOI application)
registers a provider for the subject's model in its ``apps.py``; the subject's views ask
``subject_links`` and show what comes back. Public providers must return only public things;
staff providers receive the user and must respect department isolation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

PUBLIC, STAFF = "public", "staff"


@dataclass(frozen=True)
class SubjectLink:
    label: str  # what the link says, e.g. "意见采纳情况"
    title: str  # the linked thing's title
    url: str
    note: str = ""  # status or date shown beside it


Provider = Callable[[models.Model, Any], Iterable[SubjectLink]]
_PROVIDERS: dict[tuple[str, str], list[Provider]] = {}


def subject_links_register(model_label: str, audience: str, provider: Provider) -> None:
    """``model_label`` as "publishing.Publication"; ``audience`` PUBLIC or STAFF."""
    providers = _PROVIDERS.setdefault((model_label.lower(), audience), [])
    if provider not in providers:
        providers.append(provider)


def subject_links(obj: models.Model, *, audience: str, user: Any = None) -> list[SubjectLink]:
    key = (obj._meta.label_lower, audience)
    return [link for provider in _PROVIDERS.get(key, []) for link in provider(obj, user)]
