"""The whole FOI workflow over REST, validated against the committed OpenAPI document."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from conftest import client_for
from gongkai.accounts.models import Organisation
from gongkai.api.testing import assert_matches_schema


@pytest.mark.django_db
def test_submit_track_and_handle_over_the_api(client, planning_editor, planning_reviewer) -> None:
    cache.clear()
    org = Organisation.objects.get(short_name="规划局")
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
    assert bad.status_code == 400 and bad.json()["phone"] == ["请输入11位手机号码"]
    response = client.post(
        "/api/v1/foi/applications",
        {
            "organisation": org.pk,
            "applicant_kind": "person",
            "name": "赵六",
            "id_number": "320682199001011234",
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
            username="czj_editor"
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
