"""The audit log is append-only in code and in the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.audit import audit_record
from gongkai.core.context import client_ip
from gongkai.core.models import AuditEvent


@pytest.mark.django_db
def test_no_code_path_updates_or_deletes(office) -> None:
    event = audit_record(
        actor=office,
        action="test.action",
        object_type="x",
        object_id="1",
        object_repr="x",
        old={"a": 1},
        new={"a": 2},
    )
    assert event.actor_label == office.display_name == "政务公开办 测试主任"
    assert event.organisation == office.organisation
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_database_refuses_raw_changes(office, sql: str) -> None:
    event = audit_record(
        actor=office, action="test.action", object_type="x", object_id="1", object_repr="x"
    )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action"


@pytest.mark.django_db
def test_client_ip_is_recorded_from_request_context(office) -> None:
    token = client_ip.set("10.1.2.3")
    try:
        event = audit_record(
            actor=office, action="t", object_type="x", object_id="1", object_repr="x"
        )
    finally:
        client_ip.reset(token)
    assert event.ip == "10.1.2.3"
