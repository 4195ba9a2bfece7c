"""Writing the append-only audit log 审计日志 (docs/audit-and-jobs.md)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models

from gongkai.core.context import client_ip
from gongkai.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def changed_values(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict, dict]:
    """Only the keys whose value differs, as (old, new)."""
    keys = [k for k in new if old.get(k) != new.get(k)] + [k for k in old if k not in new]
    return ({k: _jsonable(old.get(k)) for k in keys}, {k: _jsonable(new.get(k)) for k in keys})


def audit_record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    organisation: Any | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    user = actor if getattr(actor, "is_authenticated", False) else None
    if organisation is None and user is not None:
        organisation = getattr(user, "organisation", None)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=(user.get_full_name() or user.get_username()) if user else "系统",
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        old_values=_jsonable(old or {}),
        new_values=_jsonable(new or {}),
        ip=client_ip.get(),
        note=note,
    )
