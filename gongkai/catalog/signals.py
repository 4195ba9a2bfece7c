"""What the catalog tells the rest of the platform (docs/catalog.md).

``catalog_items_changed`` is sent after commit when what the public sees of catalog items
changes: a version becomes effective (new, adjusted or revoked item). Subscribers connect in
their own ``apps.py`` (the static site does).
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# kwargs: codes (list of 事项编码)
catalog_items_changed = Signal()


def announce_items(codes: list[str]) -> None:
    """Send ``catalog_items_changed`` once the surrounding transaction commits."""
    from gongkai.catalog.models import CatalogItem

    transaction.on_commit(lambda: catalog_items_changed.send(sender=CatalogItem, codes=codes))
