"""Exceptions services raise, shared by web views and the API (docs/api.md#errors)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The object's current state does not allow this step (API: 409 Conflict).

    A ValidationError subclass so web views that show a ValidationError's message keep working.
    """
