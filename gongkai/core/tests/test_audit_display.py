"""The audit log reads in Chinese: action names, field names and values; CSV in local time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import client_for
from gongkai.core.audit import audit_record


@pytest.mark.django_db
def test_audit_page_and_csv_show_chinese_labels_and_local_time(
    office, planning_editor, world
) -> None:  # type: ignore[no-untyped-def]
    app = world.application
    event = audit_record(
        actor=planning_editor,
        action="foi.extend",
        obj=app,
        organisation=app.organisation,
        old={"reply_due": "2026-11-30", "due_is_estimate": True},
        new={"reply_due": "2026-12-04", "due_is_estimate": False, "days": 3},
        note="需调取档案",
    )
    changes = {c.field: (c.old, c.new) for c in event.changes}
    assert changes["答复期限"] == ("2026-11-30", "2026-12-04")
    assert changes["天数"] == ("—", "3") and event.action_label == "依申请公开：延期答复"
    assert event.object_type_label == "政府信息公开申请"
    page = client_for(office).get("/manage/audit/?action=foi.extend").content.decode()
    assert "依申请公开：延期答复" in page and "答复期限" in page and "{'" not in page
    csv = b"".join(client_for(office).get("/manage/audit/export.csv?action=foi.extend")).decode()
    assert "时间（北京时间）" in csv and "答复期限：2026-11-30 → 2026-12-04" in csv
    # Shanghai is UTC+8 all year: the exported hour is the local one, not the stored UTC one
    local = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M")
    utc = event.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    assert local in csv and utc not in csv
