"""惠民资金 end to end: a department uploads its list, previews it, confirms; the 审核人 puts it
on 公示; the public sees names and ID numbers masked; a citizen finds their payments only with
ID number and name together, within the rate limit, each lookup audited; a citizen with a
verified phone keeps their identity; staff see only their own departments."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from conftest import client_for
from gongkai.core.models import AuditEvent
from gongkai.ledgers import services as svc
from gongkai.ledgers.choices import BatchStatus
from gongkai.ledgers.models import Payment, PaymentBatch, Programme, SavedIdentity
from gongkai.ledgers.tests.helpers import id_no, row, sheet

pytestmark = pytest.mark.django_db

MINE = id_no(7, "19420305")


@pytest.fixture(autouse=True)
def _fresh_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme(world) -> Programme:  # type: ignore[no-untyped-def]
    return svc.programme_create(
        actor=world.finance_editor,
        organisation=world.finance,
        code="gaoling",
        name="高龄津贴",
        basis="《中华人民共和国老年人权益保障法》第三十三条",
        standard="80—89周岁每人每月50元",
    )


def _api(client: Client, body: dict):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/huimin/lookup", data=json.dumps(body), content_type="application/json"
    )


def _upload(client: Client, programme: Programme, content: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/manage/huimin/{programme.pk}/",
        {"file": SimpleUploadedFile("名单.xlsx", content)},
    )


def _published(world, programme) -> PaymentBatch:  # type: ignore[no-untyped-def]
    imp = svc.payments_import_plan(
        actor=world.finance_editor,
        programme=programme,
        file_name="x.xlsx",
        content=sheet(
            [
                row("王建国", 1, 50),
                row("李秀英", 2, 150),
                row("张三", 7, 50, id_number=MINE),
                row("张三", 7, 50, id_number=MINE, period="2026年10月"),
            ]
        ),
    )
    batches = svc.payments_import_apply(actor=world.finance_editor, imp=imp)
    for b in batches:
        svc.batch_act(actor=world.finance_reviewer, batch=b, action="approve")
    return next(b for b in batches if b.period == "2026年9月")


def test_upload_preview_confirm_review_publish(world, programme) -> None:  # type: ignore[no-untyped-def]
    staff = client_for(world.finance_editor)
    bad = _upload(staff, programme, sheet([row("王建国", 1, 0), row("李秀英", 2, 150)]))
    assert bad.status_code == 302
    page = staff.get(bad["Location"])
    assert "第2行：金额应大于0" in page.content.decode() and "确认导入" not in page.content.decode()
    imp_id = int(bad["Location"].rstrip("/").split("/")[-1])
    refused = staff.post(f"/manage/huimin/imports/{imp_id}/apply/", follow=True)
    assert "1处错误" in refused.content.decode() and not PaymentBatch.objects.exists()

    good = _upload(staff, programme, sheet([row("王建国", 1, 50), row("李秀英", 2, 150)]))
    preview = staff.get(good["Location"]).content.decode()
    assert "可导入 2 行，合计 200.00 元" in preview and "确认导入" in preview
    imp_id = int(good["Location"].rstrip("/").split("/")[-1])
    staff.post(f"/manage/huimin/imports/{imp_id}/apply/")
    batch = PaymentBatch.objects.get()
    assert batch.status == BatchStatus.PENDING and batch.rows == 2 and str(batch.total) == "200.00"
    again = staff.post(f"/manage/huimin/imports/{imp_id}/apply/", follow=True)
    assert "已经导入" in again.content.decode() and PaymentBatch.objects.count() == 1
    # nothing of a batch waiting for review is public
    public = Client()
    assert public.get(f"/huimin/p/gaoling/b/{batch.pk}/").status_code == 404
    # the editor cannot approve their own list; the reviewer can
    staff.post(f"/manage/huimin/batches/{batch.pk}/review/", {"action": "approve"})
    assert PaymentBatch.objects.get().status == BatchStatus.PENDING
    reviewer = client_for(world.finance_reviewer)
    reviewer.post(f"/manage/huimin/batches/{batch.pk}/review/", {"action": "withdraw", "note": "x"})
    assert PaymentBatch.objects.get().status == BatchStatus.PENDING  # not allowed from 待审核
    reviewer.post(f"/manage/huimin/batches/{batch.pk}/review/", {"action": "approve"})
    assert PaymentBatch.objects.get().status == BatchStatus.PUBLISHED
    html = public.get(f"/huimin/p/gaoling/b/{batch.pk}/").content.decode()
    assert "王*" in html and "李**" in html and "王建国" not in html
    assert id_no(1) not in html and id_no(1)[:4] + "**********" + id_no(1)[-4:] in html
    assert "《中华人民共和国老年人权益保障法》" in public.get("/huimin/p/gaoling/").content.decode()
    # withdrawing needs a reason, and takes the list off the site
    reviewer.post(f"/manage/huimin/batches/{batch.pk}/review/", {"action": "withdraw"})
    assert PaymentBatch.objects.get().status == BatchStatus.PUBLISHED
    reviewer.post(
        f"/manage/huimin/batches/{batch.pk}/review/", {"action": "withdraw", "note": "名单有误"}
    )
    assert public.get(f"/huimin/p/gaoling/b/{batch.pk}/").status_code == 404
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"ledgers.import_plan", "ledgers.import_apply", "ledgers.batch_approve"} <= actions
    assert "ledgers.batch_withdraw" in actions


def test_lookup_needs_id_number_and_name_together(world, programme) -> None:  # type: ignore[no-untyped-def]
    _published(world, programme)
    c = Client()
    found = c.post("/huimin/", {"id_number": MINE.lower(), "name": "张三"}).content.decode()
    assert "共查到 <strong>2</strong> 笔" in found and "合计 <strong>100.00</strong> 元" in found
    assert "财政局" in found
    wrong_name = c.post("/huimin/", {"id_number": MINE, "name": "张四"}).content.decode()
    assert "没有查到与该身份证号和姓名同时相符" in wrong_name
    other = c.post("/huimin/", {"id_number": id_no(1), "name": "张三"}).content.decode()
    assert "没有查到" in other
    bad = c.post("/huimin/", {"id_number": "320682", "name": "张三"}).content.decode()
    assert "身份证号" in bad and "没有查到" not in bad
    events = AuditEvent.objects.filter(action="ledgers.lookup")
    assert events.count() == 3  # the malformed one never reached a lookup
    mine = events.get(object_repr=MINE[:4] + "**********" + MINE[-4:], note__endswith="查到2笔")
    assert mine.note == "公众（未登录）查到2笔"
    assert not any(MINE in e.note + e.object_repr for e in AuditEvent.objects.all())


def test_lookup_is_rate_limited(world, programme) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    for _ in range(svc.LOOKUP_LIMIT):
        assert c.post("/huimin/", {"id_number": MINE, "name": "张三"}).status_code == 200
    blocked = c.post("/huimin/", {"id_number": MINE, "name": "张三"})
    assert blocked.status_code == 429 and "查询过于频繁" in blocked.content.decode()
    assert _api(Client(), {"id_number": MINE, "name": "张三"}).status_code == 429


def test_saved_identity_needs_a_verified_phone(world, programme) -> None:  # type: ignore[no-untyped-def]
    _published(world, programme)
    citizen = world.citizen
    with pytest.raises(PermissionDenied):
        svc.identity_save(user=citizen, id_number=MINE, name="张三")
    c = client_for(citizen)
    page = c.post(
        "/huimin/", {"id_number": MINE, "name": "张三", "remember": "on"}
    ).content.decode()
    assert "请先验证手机号" in page and not SavedIdentity.objects.exists()
    assert "验证手机号码" in c.get("/huimin/my/").content.decode()

    citizen.phone_verified_at = timezone.now()
    citizen.save()
    c.post("/huimin/", {"id_number": MINE, "name": "张三", "remember": "on"})
    saved = SavedIdentity.objects.get(user=citizen)
    assert saved.id_digest and MINE not in saved.id_masked and saved.name_masked == "张*"
    mine = c.get("/huimin/my/").content.decode()
    assert "共查到 <strong>2</strong> 笔" in mine and MINE not in mine
    c.post("/huimin/my/", {"forget": "1"})
    assert not SavedIdentity.objects.exists()
    with pytest.raises(ValidationError):
        svc.identity_save(user=citizen, id_number="123", name="张三")


def test_api_lookup_and_programmes(world, programme) -> None:  # type: ignore[no-untyped-def]
    _published(world, programme)
    client = Client()
    listed = client.get("/api/v1/huimin/programmes/").json()
    assert listed[0]["code"] == "gaoling" and listed[0]["payments"] == 4
    assert listed[0]["amount"] == "300.00"
    got = _api(client, {"id_number": MINE, "name": "张三"}).json()
    assert got["count"] == 2 and got["total"] == "100.00"
    assert {p["period"] for p in got["payments"]} == {"2026年9月", "2026年10月"}
    assert "name" not in got["payments"][0] and "id_number" not in got["payments"][0]
    bad = _api(client, {"id_number": "x", "name": ""})
    assert bad.status_code == 400 and "身份证号" in str(bad.json()["errors"])


def test_departments_are_isolated(world, programme) -> None:  # type: ignore[no-untyped-def]
    batch = _published(world, programme)
    outsider = client_for(world.planning_editor)
    assert outsider.get(f"/manage/huimin/{programme.pk}/").status_code == 404
    assert outsider.get(f"/manage/huimin/batches/{batch.pk}/").status_code == 404
    assert "高龄津贴" not in outsider.get("/manage/huimin/").content.decode()
    with pytest.raises(PermissionDenied):
        svc.payments_import_plan(
            actor=world.planning_editor, programme=programme, file_name="x", content=b""
        )
    with pytest.raises(PermissionDenied):
        svc.batch_act(actor=world.planning_reviewer, batch=batch, action="withdraw", note="x")
    office = client_for(world.office)
    assert office.get(f"/manage/huimin/batches/{batch.pk}/").status_code == 200
    assert Payment.objects.filter(batch=batch).count() == 3
