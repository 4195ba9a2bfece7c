"""Staff FOI API: register an offline application, read it whole, one endpoint per step,
release information to the applicant (every response checked against docs/openapi.yaml)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import client_for
from gongkai.foi import actions
from gongkai.foi.models import STAFF_ACTIONS, Action
from gongkai.testing import planning_org

JSON = "application/json"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _register(staff: Client, org_pk: int, drop: tuple[str, ...] = (), **extra: object):  # type: ignore[no-untyped-def]
    body = {
        "organisation": org_pk,
        "applicant_kind": "person",
        "name": "钱七",
        "id_number": "320682199001011231",
        "phone": "13912345678",
        "description": "2026年老旧小区改造计划",
        "delivery": "paper",
        "address": "示例县人民路1号",
        "channel": "post_signed",
        "submitted_on": "2026-11-02",
        "confirmed_on": "2026-11-04",
        **extra,
    }
    body = {k: v for k, v in body.items() if k not in drop}
    return staff.post("/api/v1/manage/foi/applications/register", body, content_type=JSON)


def test_every_staff_step_has_its_own_input_class_and_endpoint() -> None:
    assert set(actions.STEPS) == {a.value for a in STAFF_ACTIONS}
    from gongkai.foi.api_manage import STEP_APIS

    assert {view.step.name for view in STEP_APIS} == set(actions.STEPS)
    assert len({view.__name__ for view in STEP_APIS}) == len(STEP_APIS)


@pytest.mark.django_db
def test_register_offline_then_read_every_date_and_record(planning_editor) -> None:
    staff = client_for(planning_editor)
    org = planning_org()
    registered = _register(staff, org.pk)
    assert registered.status_code == 201, registered.content
    body = registered.json()
    # 条例 第三十一条第二项: a posted application is received on the day it is signed for
    assert body["received_on"] == "2026-11-04"
    detail = staff.get(f"/api/v1/manage/foi/applications/{body['id']}").json()
    assert detail["channel"] == "post_signed" and detail["submitted_on"] == "2026-11-02"
    assert detail["id_number"] == "320***********1231"
    assert detail["due_is_estimate"] is False and detail["reply_due"]
    assert [e["kind"] for e in detail["events"]][:2] == ["submitted", "received"]
    assert detail["fee_amount"] == 0 and detail["consultations"] == []
    # a posted application needs its signed-for date (the service's rule, in Chinese)
    missing = _register(staff, org.pk, confirmed_on=None)
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"confirmed_on": ["邮寄申请请填写签收日期"]}
    # handed in at the counter: received that day, no confirmation date needed
    counter = _register(staff, org.pk, channel="in_person", drop=("confirmed_on",))
    assert counter.status_code == 201 and counter.json()["received_on"] == "2026-11-02"
    # a year the law clock cannot count is refused by the input, not by a 500
    far = _register(staff, org.pk, submitted_on="0001-01-01")
    assert far.status_code == 400 and "submitted_on" in far.json()["errors"]


@pytest.mark.django_db
def test_steps_outside_the_state_are_409_and_other_departments_404(
    planning_editor, finance_editor
) -> None:
    staff = client_for(planning_editor)
    app_id = _register(staff, planning_org().pk).json()["id"]
    base = f"/api/v1/manage/foi/applications/{app_id}"
    paid = staff.post(f"{base}/paid", {}, content_type=JSON)
    assert paid.status_code == 409 and paid.json()["code"] == "conflict"
    assert client_for(finance_editor).get(base).status_code == 404
    assert staff.get("/api/v1/manage/foi/applications/999999").status_code == 404
    anonymous = Client().get(base)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_release_information_to_the_applicant(planning_editor, planning_reviewer) -> None:
    staff = client_for(planning_editor)
    registered = _register(staff, planning_org().pk).json()
    base = f"/api/v1/manage/foi/applications/{registered['id']}"
    upload = {"file": SimpleUploadedFile("改造计划.pdf", PDF, "application/pdf")}
    early = staff.post(f"{base}/release", upload)
    assert early.status_code == 409  # nothing decided yet
    reviewed = client_for(planning_reviewer).post(f"{base}/secrecy", {}, content_type=JSON)
    assert reviewed.status_code == 200
    decided = staff.post(
        f"{base}/decide", {"outcome": "1", "reply_text": "予以公开，见附件。"}, content_type=JSON
    )
    assert Action.RELEASE in decided.json()["actions"]
    released = staff.post(
        f"{base}/release", {"file": SimpleUploadedFile("改造计划.pdf", PDF, "application/pdf")}
    )
    assert released.status_code == 200, released.content
    files = released.json()["files"]
    assert [(f["name"], f["released"]) for f in files] == [("改造计划.pdf", True)]
    assert released.json()["events"][-1]["kind"] == "released"
    # the applicant opens the application with the query code and downloads it
    citizen = Client()
    citizen.post(
        reverse("foi:track"),
        {"receipt_no": registered["receipt_no"], "code": registered["query_code"]},
    )
    page = citizen.get(reverse("foi:status")).content.decode()
    assert "提供的政府信息" in page and "改造计划.pdf" in page
    download = citizen.get(reverse("foi:released_file", args=[files[0]["id"]]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert Client().get(reverse("foi:released_file", args=[files[0]["id"]])).status_code == 404


@pytest.mark.django_db
def test_back_office_steps_post_to_their_own_url_and_show_chinese_errors(planning_editor) -> None:
    staff = client_for(planning_editor)
    app_id = _register(staff, planning_org().pk).json()["id"]
    page = staff.get(reverse("manage:foi_app", args=[app_id])).content.decode()
    assert reverse("manage:foi_step", args=[app_id, "fee"]) in page
    response = staff.post(
        reverse("manage:foi_step", args=[app_id, "fee"]),
        {"basis": "item", "quantity": "100000000"},
        follow=True,
    )
    text = response.content.decode()
    assert "件数/页数：" in text and "100000" in text
    assert staff.post(reverse("manage:foi_step", args=[app_id, "nosuch"])).status_code == 404
    assert staff.get(reverse("manage:foi_step", args=[app_id, "fee"])).status_code == 405
