"""What supervision does when another app says something happened (connected in apps.py)."""

from __future__ import annotations

from typing import Any


def on_publication_changed(sender: Any, instance: Any, change: str, **kwargs: Any) -> None:
    """A record went public: it may fulfil its item's period, and if it came late its 告警
    goes out now rather than with the next morning's run."""
    if change != "publish":
        return
    from gongkai.core.deadlines import deadlines_for
    from gongkai.supervision.alerts import alerts_raise_for
    from gongkai.supervision.obligations import obligations_fulfil

    item_ids = list(instance.catalog_items.values_list("pk", flat=True))
    if item_ids:
        obligations_fulfil(item_ids=item_ids)
    alerts_raise_for(deadlines_for(instance))


def on_message_submitted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A 政民互动 投诉 about a publication, catalog item or FOI application is a disclosure
    complaint, handled here on its own clock as well."""
    from gongkai.supervision.complaints import complaint_from_message

    complaint_from_message(message=instance)
