"""政民互动 over REST (validated against docs/openapi.yaml by the test client) and Open311
GeoReport v2 (checked against the fields the spec documents)."""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.interaction import consultations as consult_svc
from gongkai.interaction import services as s
from gongkai.interaction.choices import Status
from gongkai.interaction.models import Message, RoutingRule
from gongkai.interaction.open311 import open311_client_create
from gongkai.testing.sms import RecordingSms

# GeoReport v2 (wiki.open311.org/GeoReport_v2): the fields each response carries
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords"}
SERVICE_FIELDS |= {"group"}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def routed(world):  # type: ignore[no-untyped-def]
    cache.clear()
    RoutingRule.objects.create(kind="", domain=None, organisation=world.planning)
    return world


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.testing.sms.RecordingSms")
def test_submit_track_rate_and_read_over_the_api(
    client, routed, planning_editor, planning_reviewer
) -> None:
    body = {
        "kind": "complaint",
        "subject": "路灯不亮",
        "content": "某某路路灯不亮。",
        "name": "王某某",
        "phone": "13912345678",
        "allow_public": True,
    }
    no_code = client.post("/api/v1/messages/submit", body, content_type="application/json")
    assert no_code.status_code == 403 and "验证码" in no_code.json()["message"]
    sent = client.post(
        "/api/v1/messages/contact-code", {"contact": "13912345678"}, content_type="application/json"
    )
    assert sent.status_code == 204
    again = client.post(
        "/api/v1/messages/contact-code", {"contact": "13912345678"}, content_type="application/json"
    )
    assert again.status_code == 429 and "1分钟" in again.json()["message"]
    code = RecordingSms.last_code("13912345678")
    receipt = client.post(
        "/api/v1/messages/submit", {**body, "code": code}, content_type="application/json"
    )
    assert receipt.status_code == 201
    number, query_code = receipt.json()["number"], receipt.json()["query_code"]
    msg = Message.objects.get(number=number)
    s.message_accept(actor=planning_editor, msg=msg)
    s.message_answer(actor=planning_editor, msg=msg, text="已修复。")
    s.message_answer_review(actor=planning_reviewer, msg=msg, approve=True)
    wrong = client.post(
        "/api/v1/messages/track",
        {"number": number, "query_code": "WRONG123"},
        content_type="application/json",
    )
    assert wrong.status_code == 404
    track = client.post(
        "/api/v1/messages/track",
        {"number": number, "query_code": query_code},
        content_type="application/json",
    ).json()
    assert track["status"] == Status.ANSWERED and track["answer"] == "已修复。"
    rated = client.post(
        "/api/v1/messages/rate",
        {"number": number, "query_code": query_code, "rating": "satisfied"},
        content_type="application/json",
    )
    assert rated.status_code == 200 and rated.json()["status"] == Status.CLOSED
    twice = client.post(
        "/api/v1/messages/rate",
        {"number": number, "query_code": query_code, "rating": "satisfied"},
        content_type="application/json",
    )
    assert twice.status_code == 409
    listed = client.get("/api/v1/messages/").json()
    assert [m["number"] for m in listed["results"]] == [number]
    assert "王某某" not in json.dumps(listed, ensure_ascii=False)
    assert "13912345678" not in json.dumps(listed)
    assert client.get(f"/api/v1/messages/{number}/").json()["answer"] == "已修复。"
    assert client.get("/api/v1/messages/HD000/").status_code == 404
    figures = client.get("/api/v1/interaction/figures").json()
    assert figures["rows"][0]["received"] == 1 and figures["rows"][0]["satisfied_rate"] == 100.0
    by_kind = client.get("/api/v1/interaction/figures?by=kind").json()["rows"]
    assert by_kind[0]["label"] == "投诉"
    assert client.get("/api/v1/interaction/figures?by=year").status_code == 400
    wrong_period = client.get("/api/v1/interaction/figures?start=2026-05-01&end=2026-04-01").json()
    assert "统计期间不正确" in wrong_period["note"]


@pytest.mark.django_db
def test_consultation_over_the_api(client, planning_editor, planning_reviewer, citizen) -> None:
    today = timezone.localdate()
    c = consult_svc.consultation_save(
        actor=planning_editor,
        data={
            "title": "停车管理办法（征求意见稿）",
            "deciding_body": "示例县人民政府",
            "draft": "第一条 目的。\n第二条 范围。",
            "explanation": "说明",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=40),
        },
    )
    assert client.get(f"/api/v1/consultations/{c.pk}/").status_code == 404  # a draft
    consult_svc.consultation_publish(actor=planning_reviewer, consultation=c)
    assert client.get("/api/v1/consultations/").json()["count"] == 1
    anonymous = client.post(
        f"/api/v1/consultations/{c.pk}/comments",
        {"content": "建议", "paragraph": 2},
        content_type="application/json",
    )
    assert anonymous.status_code == 403
    client.force_login(citizen)
    wrong = client.post(
        f"/api/v1/consultations/{c.pk}/comments",
        {"content": "建议", "paragraph": 9},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    made = client.post(
        f"/api/v1/consultations/{c.pk}/comments",
        {"content": "建议扩大范围", "paragraph": 2},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["status"] == "pending"
    detail = client.get(f"/api/v1/consultations/{c.pk}/").json()
    assert [p["number"] for p in detail["paragraphs"]] == [1, 2] and detail["comments"] == []
    assert client.get(f"/api/v1/consultations/{c.pk}/report").status_code == 404


@pytest.mark.django_db
def test_open311_services_and_requests_follow_the_spec(routed) -> None:
    client = Client()
    app, key = open311_client_create(name="市民通")
    services = client.get("/open311/v2/services.json").json()
    assert {svc["service_code"] for svc in services} == {"suggestion", "complaint"}
    assert all(set(svc) == SERVICE_FIELDS and svc["metadata"] is False for svc in services)
    xml = ET.fromstring(client.get("/open311/v2/services.xml").content)
    assert xml.tag == "services" and len(xml.findall("service/service_code")) == 2
    assert client.get("/open311/v2/services.json?jurisdiction_id=other.gov.cn").status_code == 404
    # POST requests: api_key, service_code, a location and a description are required
    body = {
        "jurisdiction_id": "",
        "service_code": "complaint",
        "lat": "32.390000",
        "long": "120.560000",
        "description": "某某路口井盖缺失，很危险。",
        "phone": "13912340000",
        "first_name": "明",
        "last_name": "王",
    }
    denied = client.post("/open311/v2/requests.json", body)
    assert denied.status_code == 403 and set(denied.json()[0]) == {"code", "description"}
    body["api_key"] = key
    no_place = client.post("/open311/v2/requests.json", {**body, "lat": "", "long": ""}).json()
    assert "缺少位置" in no_place[0]["description"]
    bad_code = client.post("/open311/v2/requests.json", {**body, "service_code": "x"})
    assert bad_code.status_code == 400
    made = client.post("/open311/v2/requests.json", body)
    assert made.status_code == 201
    created = made.json()[0]
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    msg = Message.objects.get(number=created["service_request_id"])
    assert msg.open311_client == app and msg.name == "王明" and float(msg.lat) == 32.39
    # its filer sees it at once, open; the public does not (not answered, not agreed)
    own = client.get(f"/open311/v2/requests/{msg.number}.json?api_key={key}").json()[0]
    assert set(own) == REQUEST_FIELDS and own["status"] == "open"
    assert own["description"] == "某某路口井盖缺失，很危险。" and own["long"] == 120.56
    assert client.get(f"/open311/v2/requests/{msg.number}.json").status_code == 404
    assert "13912340000" not in json.dumps(own) and "王明" not in json.dumps(own)
    # the list: ids, status, dates; XML too
    listed = client.get(f"/open311/v2/requests.json?api_key={key}&status=open").json()
    assert [r["service_request_id"] for r in listed] == [msg.number]
    assert client.get(f"/open311/v2/requests.json?api_key={key}&status=closed").json() == []
    assert client.get("/open311/v2/requests.json?status=bogus").status_code == 400
    assert client.get("/open311/v2/requests.json?start_date=yesterday").status_code == 400
    xml = ET.fromstring(
        client.get(
            f"/open311/v2/requests.xml?api_key={key}&service_request_id={msg.number}"
        ).content
    )
    assert xml.tag == "service_requests"
    assert xml.find("request/service_request_id").text == msg.number
    assert xml.find("request/status").text == "open"


@pytest.mark.django_db
def test_open311_posts_share_the_web_flood_limits(routed) -> None:
    client = Client()
    _app, key = open311_client_create(name="市民通")
    body = {
        "api_key": key,
        "service_code": "suggestion",
        "address_string": "某某路1号",
        "description": "建议增设公交站。",
        "email": "a@example.cn",
    }
    codes = [client.post("/open311/v2/requests.json", body).status_code for _ in range(6)]
    assert codes == [201] * 5 + [429]
    assert "明日再试" in client.post("/open311/v2/requests.json", body).json()[0]["description"]
