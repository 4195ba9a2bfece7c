"""数据纠错, 应用成果 and 有条件开放 with their clocks: a correction is public with its answer
(personal data masked, the contact never shown); a reuse shows once approved; an application
is answered within the rule's working days, approval lets only its applicant take a key, and
the key opens that dataset (download, rows, datastore_search) for the approved period only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from conftest import client_for
from gongkai.core.models import Deadline
from gongkai.core.workdays import add_working_days
from gongkai.opendata import participation as svc
from gongkai.opendata.models import AccessApplication
from gongkai.opendata.quality import quality
from gongkai.testing import factories as f

CSV = "镇街,户数\n如城街道,120\n白蒲镇,80\n"


@pytest.fixture
def open_ds(world, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    return f.dataset_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        name="ghj-open",
        title="规划许可统计",
        csv_text=CSV,
    )


@pytest.fixture
def cond_ds(world, planning_editor, planning_reviewer):  # type: ignore[no-untyped-def]
    return f.dataset_make(
        editor=planning_editor,
        reviewer=planning_reviewer,
        name="ghj-cond",
        title="不动产登记明细",
        csv_text=CSV,
        access="conditional",
        access_reason="含个人信息，须申请使用",
    )


@pytest.mark.django_db
def test_a_correction_round_trip_is_public(
    open_ds, planning_editor, finance_editor, office
) -> None:
    svc.opendata_rule_create(
        actor=office, effective_from=dt.date(2020, 1, 1), access_days=5, correction_days=3
    )
    public = Client()
    sent = public.post(
        "/data/ghj-open/correct/",
        {
            "location": "第2行“户数”",
            "description": "白蒲镇户数应为85，联系13912345678",
            "name": "陈某",
            "contact": "13912345678",
        },
    )
    assert sent.status_code == 302
    c = open_ds.corrections.get()
    today = timezone.localdate()
    assert c.due_date == add_working_days(today, 3).due  # the rule's 3 working days
    page = public.get("/data/ghj-open/").content.decode()
    assert (
        c.number in page
        and "139****5678" in page
        and "13912345678" not in page
        and "陈某" not in page
    )
    with pytest.raises(PermissionDenied):
        svc.correction_answer(actor=finance_editor, correction=c, status="corrected", answer="x")
    svc.correction_answer(
        actor=planning_editor,
        correction=c,
        status="corrected",
        answer="已核实并上传更正后的第2版。",
    )
    assert Deadline.objects.get(kind="opendata.correction", object_id=str(c.pk)).status == "met"
    page = public.get("/data/ghj-open/").content.decode()
    assert "已更正" in page and "已核实并上传更正后的第2版。" in page
    with pytest.raises(ValidationError):
        svc.correction_answer(
            actor=planning_editor, correction=c, status="explained", answer="again"
        )
    assert public.post("/data/ghj-open/correct/", {"description": ""}).status_code == 200


@pytest.mark.django_db
def test_a_reuse_shows_once_approved(open_ds, planning_editor) -> None:
    public = Client()
    public.post(
        "/data/ghj-open/reuse/",
        {
            "title": "规划许可地图",
            "description": "把许可落到地图上",
            "author": "某大学",
            "url": "https://example.org/map",
        },
    )
    reuse = open_ds.reuses.get()
    assert "规划许可地图" not in public.get("/data/ghj-open/").content.decode()
    client_for(planning_editor).post(
        f"/manage/data/{open_ds.pk}/reuses/{reuse.pk}/", {"approve": "1"}
    )
    assert "规划许可地图" in public.get("/data/ghj-open/").content.decode()


@pytest.mark.django_db
def test_an_application_gives_a_key_for_that_dataset_and_period(
    cond_ds, open_ds, world, planning_editor, planning_reviewer, citizen
) -> None:
    res = cond_ds.resources.get()
    anonymous = Client()
    assert anonymous.get(f"/data/ghj-cond/r/{res.pk}/download/").status_code == 403
    assert anonymous.get("/data/ghj-cond/apply/").status_code == 302  # log in first
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        svc.access_apply(
            user=citizen,
            dataset=open_ds,
            applicant="x",
            purpose="y",
            scope="z",
            start=today,
            end=today,
        )
    with pytest.raises(ValidationError):  # longer than a year
        svc.access_apply(
            user=citizen,
            dataset=cond_ds,
            applicant="赵",
            purpose="研究",
            scope="全部",
            start=today,
            end=today + dt.timedelta(days=800),
        )
    me = client_for(citizen)
    made = me.post(
        "/data/ghj-cond/apply/",
        {
            "applicant": "赵测试",
            "company": "某研究院",
            "purpose": "住房研究",
            "scope": "2025年全部",
            "start": today.isoformat(),
            "end": (today + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert made.status_code == 302
    app = AccessApplication.objects.get(dataset=cond_ds)
    assert app.due_date == add_working_days(today, 10).due  # the default 10 working days
    assert "待审核" in me.get("/data/my/").content.decode()
    with pytest.raises(ValidationError):
        svc.access_key_issue(user=citizen, application=app)  # not approved yet
    with pytest.raises(PermissionDenied):
        svc.access_decide(actor=planning_editor, application=app, approve=True, reason="")
    svc.access_decide(
        actor=planning_reviewer, application=app, approve=True, reason="同意，仅限研究使用"
    )
    assert Deadline.objects.get(kind="opendata.access", object_id=str(app.pk)).status == "met"
    with pytest.raises(PermissionDenied):
        svc.access_key_issue(user=world.planning_editor, application=app)
    page = me.post(f"/data/my/{app.number}/key/").content.decode()
    key = (
        page.split('<div class="notice" role="status" id="new-key">')[1]
        .split("<code>")[1]
        .split("</code>")[0]
    )
    assert key.startswith("gkd_")

    download = anonymous.get(f"/data/ghj-cond/r/{res.pk}/download/", {"key": key})
    assert download.status_code == 200 and b"".join(download.streaming_content).decode() == CSV
    rows = anonymous.get(f"/data/ghj-cond/r/{res.pk}/", {"key": key}).content.decode()
    assert "如城街道" in rows and f"key={key}" in rows  # paging and exports keep the key
    api = anonymous.post(
        "/api/3/action/datastore_search",
        json.dumps({"resource_id": str(res.pk)}),
        content_type="application/json",
        HTTP_X_CKAN_API_KEY=key,
    )
    assert api.json()["result"]["total"] == 2
    no_key = anonymous.post(
        "/api/3/action/datastore_search",
        json.dumps({"resource_id": str(res.pk)}),
        content_type="application/json",
    )
    assert no_key.status_code == 403 and no_key.json()["error"]["__type"] == "Authorization Error"
    other = open_ds.resources.get()
    assert svc.key_allows(key, open_ds) is False
    assert (
        anonymous.get(f"/data/ghj-cond/r/{res.pk}/download/", {"key": key[:-2] + "xx"}).status_code
        == 403
    )
    # a new key replaces the old; after the period the key stops working
    newer = svc.access_key_issue(user=citizen, application=app)
    assert not svc.key_allows(key, cond_ds) and svc.key_allows(newer, cond_ds)
    AccessApplication.objects.filter(pk=app.pk).update(end=today - dt.timedelta(days=1))
    assert not svc.key_allows(newer, cond_ds)
    assert other is not None

    refused = svc.access_apply(
        user=citizen,
        dataset=cond_ds,
        applicant="赵",
        purpose="商用",
        scope="全部",
        start=today,
        end=today,
    )
    with pytest.raises(ValidationError):
        svc.access_decide(actor=planning_reviewer, application=refused, approve=False, reason="")
    svc.access_decide(
        actor=planning_reviewer, application=refused, approve=False, reason="用途不在开放范围内"
    )
    assert "用途不在开放范围内" in me.get("/data/my/").content.decode()


@pytest.mark.django_db
def test_quality_names_what_is_missing(open_ds) -> None:
    q = quality(open_ds)
    checks = {c.key: c for c in q["checks"]}
    assert not checks["metadata"].passed and "领域" in checks["metadata"].reason
    assert checks["open_format"].passed and checks["schema"].passed and checks["timely"].passed
    assert q["score"] == 80
    assert quality(open_ds, open_corrections_overdue=2)["score"] == 60
    page = Client().get("/data/ghj-open/").content.decode()
    assert "数据质量：80分" in page and "缺少：" in page


@pytest.mark.django_db
def test_only_the_office_sets_the_rule(office, planning_editor) -> None:
    ok = client_for(office).post(
        "/manage/data/rules/",
        {"effective_from": "2026-01-01", "access_days": "5", "correction_days": "7"},
    )
    assert ok.status_code == 302 and svc.rule_in_force(dt.date(2026, 6, 1)).access_days == 5
    again = client_for(office).post(
        "/manage/data/rules/",
        {"effective_from": "2026-01-01", "access_days": "6", "correction_days": "7"},
        follow=True,
    )
    assert "该日期已有数据开放规则" in again.content.decode()
    assert (
        client_for(planning_editor)
        .post(
            "/manage/data/rules/",
            {"effective_from": "2026-02-01", "access_days": "5", "correction_days": "7"},
        )
        .status_code
        == 403
    )
