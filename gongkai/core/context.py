"""Per-request context (client IP) for the audit log, without threading it through every call."""

from __future__ import annotations

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
