"""What 政民互动 tells the rest of the platform (docs/interaction.md).

``message_submitted`` is sent after commit when a message is stored (web, phone, walk-in or
letter). Supervision connects it in its ``apps.py`` to register disclosure complaints.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# kwargs: instance (the Message)
message_submitted = Signal()


def announce_submitted(instance: object) -> None:
    transaction.on_commit(lambda: message_submitted.send(sender=type(instance), instance=instance))
