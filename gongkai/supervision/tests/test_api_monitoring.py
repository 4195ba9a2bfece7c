"""在线监督 over REST with a token client: the scan of the caller's organisations, their own
alerts and acknowledging them (never someone else's), and the staff and public timelines;
every response checked against docs/openapi.yaml by the test client."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.accounts.tokens import api_token_create
from gongkai.publishing.models import Publication
from gongkai.supervision import receivers
from gongkai.supervision.models import Alert
from gongkai.testing import factories as f

API = "/api/v1"


def bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.mark.django_db
def test_scan_alerts_and_timeline_through_the_api(
    world, planning_editor, planning_reviewer, finance_editor
) -> None:
    pub = f.publication_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        title="通过接口查看的迟发信息",
        formed_on=timezone.localdate() - dt.timedelta(days=60),
    )
    receivers.on_publication_changed(sender=Publication, instance=pub, change="publish")
    _t, read = api_token_create(
        actor=planning_editor, user=planning_editor, name="监督对接", scopes=["jiandu:read"]
    )
    _t, write = api_token_create(
        actor=planning_editor,
        user=planning_editor,
        name="监督对接",
        scopes=["jiandu:read", "jiandu:write"],
    )
    _t, other = api_token_create(
        actor=finance_editor, user=finance_editor, name="财政局", scopes=["jiandu:read"]
    )

    scan = bearer(read).get(f"{API}/manage/supervision/scan").json()
    assert [o["organisation_id"] for o in scan["organisations"]] == [world.planning.pk]
    assert scan["totals"]["late_done"] >= 1
    assert {c["key"] for c in scan["checks"]} >= {"doc_number", "foi_overdue"}

    mine = bearer(read).get(f"{API}/manage/alerts").json()
    late = [a for a in mine if "通过接口查看的迟发信息" in a["label"]]
    assert late and late[0]["level"] == "overdue" and late[0]["deadline_status"] == "超期完成"
    assert bearer(other).get(f"{API}/manage/alerts").json() == []

    denied = bearer(read).post(
        f"{API}/manage/alerts/ack", json.dumps({}), content_type="application/json"
    )
    assert denied.status_code == 403
    office_alert = Alert.objects.filter(user=world.office).first()
    done = bearer(write).post(
        f"{API}/manage/alerts/ack",
        json.dumps({"ids": [late[0]["id"], office_alert.pk]}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json() == {"acknowledged": 1}
    bad = bearer(write).post(
        f"{API}/manage/alerts/ack", json.dumps({"ids": ["x"]}), content_type="application/json"
    )
    assert bad.status_code == 400

    steps = bearer(read).get(f"{API}/manage/timeline/publication/{pub.pk}").json()
    assert "超期完成" in [s["label"] for s in steps]
    assert bearer(other).get(f"{API}/manage/timeline/publication/{pub.pk}").status_code == 404
    assert bearer(read).get(f"{API}/manage/timeline/nothing/{pub.pk}").status_code == 404
    public = Client().get(f"{API}/publications/{pub.pk}/timeline").json()
    assert len(public) == len(steps)
    assert all(planning_editor.get_full_name() not in s["actor"] for s in public)
    assert Client().get(f"{API}/publications/99999999/timeline").status_code == 404


@pytest.mark.django_db
def test_complaints_list_through_the_api(world, office, planning_editor, finance_editor) -> None:
    from gongkai.supervision.complaints import complaint_register

    c = complaint_register(
        actor=office,
        organisation=world.planning,
        channel="phone",
        subject="接口可见的投诉",
        content="内容",
        phone="13812345678",
    )
    _t, mine = api_token_create(
        actor=planning_editor, user=planning_editor, name="监督", scopes=["jiandu:read"]
    )
    _t, other = api_token_create(
        actor=finance_editor, user=finance_editor, name="监督", scopes=["jiandu:read"]
    )
    rows = bearer(mine).get(f"{API}/manage/complaints").json()
    assert [r["number"] for r in rows] == [c.number] and rows[0]["status"] == "待分办"
    assert "13812345678" not in json.dumps(rows, ensure_ascii=False)
    assert bearer(other).get(f"{API}/manage/complaints").json() == []
