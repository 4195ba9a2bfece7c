"""What publishing tells the rest of the platform (docs/publishing.md).

``publication_changed`` is sent after commit whenever public content changes: a record is
published, revised or withdrawn, or the portal structure (columns, pages) is edited in the
admin. The portal connects it to its page cache; later subscribers (push, open data) connect
the same way, in their own ``apps.py``.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# kwargs: instance, change ("publish" | "revise" | "withdraw" | "portal" | "linked"); "linked":
# the record itself is unchanged but its page shows a new link (e.g. 意见采纳情况) — only its
# own page needs rendering again
publication_changed = Signal()


def announce(instance: object, change: str) -> None:
    """Send ``publication_changed`` once the surrounding transaction commits."""
    transaction.on_commit(
        lambda: publication_changed.send(sender=type(instance), instance=instance, change=change)
    )
