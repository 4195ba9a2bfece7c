"""The whole FOI workflow over REST, validated against the committed OpenAPI document."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from conftest import client_for
from gongkai.api.testing import assert_matches_schema
from gongkai.testing import finance_org, planning_org


@pytest.mark.django_db
def test_submit_track_and_handle_over_the_api(client, planning_editor, planning_reviewer) -> None:
    cache.clear()
    org = planning_org()
    bad = client.post(
        "/api/v1/foi/applications",
        {
            "organisation": org.pk,
            "applicant_kind": "person",
            "name": "赵六",
            "phone": "123",
            "description": "x",
            "delivery": "email",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"]["phone"] == ["请输入11位手机号码"]
    response = client.post(
        "/api/v1/foi/applications",
        {
            "organisation": org.pk,
            "applicant_kind": "person",
            "name": "赵六",
            "id_number": "320682199001011231",
            "phone": "13912345678",
            "email": "zhao@example.com",
            "description": "2025年规划许可批前公示",
            "delivery": "email",
        },
        content_type="application/json",
    )
    assert_matches_schema(response)
    receipt = response.json()
    tracked = client.post(
        "/api/v1/foi/applications/track",
        {"receipt_no": receipt["receipt_no"], "query_code": receipt["query_code"]},
        content_type="application/json",
    )
    assert_matches_schema(tracked)
    assert tracked.json()["status"] == "processing"
    assert (
        client.post(
            "/api/v1/foi/applications/track",
            {"receipt_no": receipt["receipt_no"], "query_code": "XXXXXXXX"},
            content_type="application/json",
        ).status_code
        == 404
    )

    staff = client_for(planning_editor)
    listing = staff.get("/api/v1/manage/foi/applications")
    assert_matches_schema(listing)
    app_id = next(a["id"] for a in listing.json() if a["receipt_no"] == receipt["receipt_no"])
    assert (
        client_for(planning_reviewer)
        .post(
            f"/api/v1/manage/foi/applications/{app_id}/secrecy", {}, content_type="application/json"
        )
        .status_code
        == 200
    )
    decided = staff.post(
        f"/api/v1/manage/foi/applications/{app_id}/decide",
        {"outcome": "1", "reply_text": "予以公开"},
        content_type="application/json",
    )
    assert_matches_schema(decided)
    assert decided.json()["status"] == "replied"
    other = client_for(
        __import__("gongkai.accounts.models", fromlist=["User"]).User.objects.get(
            username="t_finance_editor"
        )
    )
    assert (
        other.post(
            f"/api/v1/manage/foi/applications/{app_id}/secrecy", {}, content_type="application/json"
        ).status_code
        == 404
    )
    refused = staff.post(
        f"/api/v1/manage/foi/applications/{app_id}/extend",
        {"days": 30, "reason": ""},
        content_type="application/json",
    )
    assert refused.status_code == 400


@pytest.mark.django_db
def test_applicant_and_handler_remaining_actions_over_the_api(client, planning_editor) -> None:
    import datetime as dt

    from gongkai.foi.services import application_submit, correction_request
    from gongkai.foi.tests.test_law import PERSON

    cache.clear()
    org = planning_org()
    app, code = application_submit(data=PERSON, organisation=org, submitted_on=dt.date(2026, 3, 2))
    correction_request(
        actor=planning_editor,
        app=app,
        items="请写明文号",
        deadline=dt.date(2026, 3, 20),
        on=dt.date(2026, 3, 3),
    )
    corrected = client.post(
        "/api/v1/foi/applications/correction",
        {"receipt_no": app.receipt_no, "query_code": code, "text": "皋政复〔2025〕3号"},
        content_type="application/json",
    )
    assert_matches_schema(corrected)
    assert corrected.json()["status"] == "processing"
    staff = client_for(planning_editor)
    base = f"/api/v1/manage/foi/applications/{app.pk}"
    assigned = staff.post(
        f"{base}/assign", {"handler": planning_editor.pk}, content_type="application/json"
    )
    assert_matches_schema(assigned)
    doc = staff.post(
        f"{base}/document",
        {"kind": "third_party", "extra": {"第三方": "某公司"}},
        content_type="application/json",
    )
    assert_matches_schema(doc)
    finance = finance_org()
    moved = staff.post(
        f"{base}/transfer",
        {"to": finance.pk, "reason": "财政局制作"},
        content_type="application/json",
    )
    assert_matches_schema(moved)
    assert (
        staff.post(
            f"{base}/assign", {"handler": planning_editor.pk}, content_type="application/json"
        ).status_code
        == 404
    )  # no longer ours
    withdrawn = client.post(
        "/api/v1/foi/applications/withdraw",
        {"receipt_no": app.receipt_no, "query_code": code},
        content_type="application/json",
    )
    assert withdrawn.json()["status"] == "withdrawn"
