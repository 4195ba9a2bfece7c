"""The citizen journey through the pages, and the handler's pages (isolation, actions)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from gongkai.foi.models import Application, Status
from gongkai.testing import finance_org, planning_org


def apply_payload(**extra):  # type: ignore[no-untyped-def]
    data = {
        "organisation": planning_org().pk,
        "applicant_kind": "person",
        "name": "王小明",
        "id_number": "320682199001011223",
        "phone": "13912345678",
        "email": "wang@example.com",
        "description": "如皋市2025年城市总体规划修改批复",
        "delivery": "email",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_citizen_applies_tracks_corrects_and_handler_replies(
    client, planning_editor, planning_reviewer
) -> None:
    bad = client.post(reverse("foi:apply"), apply_payload(id_number="123", phone="888", email=""))
    html = bad.content.decode()
    assert "身份证号码应为18位（最后一位可以是X），或旧版15位数字" in html
    assert "请输入11位中国大陆手机号码" in html
    assert "如皋市2025年城市总体规划修改批复" in html  # nothing typed is lost
    response = client.post(reverse("foi:apply"), apply_payload())
    html = response.content.decode()
    receipt_no = re.search(r"受理编号：<strong>(YSQ\d+)</strong>", html).group(1)
    code = re.search(r"查询码：<strong>([A-Z0-9]{8})</strong>", html).group(1)
    app = Application.objects.get(receipt_no=receipt_no)
    assert app.received_on == timezone.localdate() and app.status == Status.PROCESSING
    assert app.id_type == "居民身份证"

    other = client.__class__()
    assert (
        "受理编号或查询码不正确"
        in other.post(
            reverse("foi:track"), {"receipt_no": receipt_no, "code": "AAAAAAAA"}
        ).content.decode()
    )
    other.post(reverse("foi:track"), {"receipt_no": receipt_no, "code": code})
    status = other.get(reverse("foi:status")).content.decode()
    assert "王**" in status and "139****5678" in status and "320682199001011223" not in status

    handler = client_for(planning_editor)
    assert receipt_no in handler.get(reverse("manage:foi_apps")).content.decode()
    deadline = (timezone.localdate() + timezone.timedelta(days=15)).isoformat()
    handler.post(
        reverse("manage:foi_step", args=[app.pk, "correction"]),
        {"items": "请写明批复文号", "deadline": deadline},
    )
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION
    other.post(reverse("foi:status"), {"text": "皋政复〔2025〕3号"})
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and "皋政复〔2025〕3号" in app.description

    handler.post(
        reverse("manage:foi_step", args=[app.pk, "decide"]),
        {"outcome": "1", "reply_text": "予以公开，见附件"},
    )
    app.refresh_from_db()
    assert app.status == Status.PROCESSING  # no 保密审查 yet: refused
    client_for(planning_reviewer).post(reverse("manage:foi_step", args=[app.pk, "secrecy"]), {})
    handler.post(
        reverse("manage:foi_step", args=[app.pk, "decide"]),
        {"outcome": "1", "reply_text": "予以公开，见附件"},
    )
    app.refresh_from_db()
    assert (app.status, app.outcome) == (Status.REPLIED, "1")
    status = other.get(reverse("foi:status")).content.decode()
    assert "予以公开" in status and "60日内申请行政复议" in status


@pytest.mark.django_db
def test_other_departments_cannot_see_applications(client, planning_editor, finance_editor) -> None:
    client.post(reverse("foi:apply"), apply_payload())
    app = Application.objects.latest("id")
    other = client_for(finance_editor)
    assert app.receipt_no not in other.get(reverse("manage:foi_apps")).content.decode()
    assert other.get(reverse("manage:foi_app", args=[app.pk])).status_code == 404
    assert other.post(reverse("manage:foi_step", args=[app.pk, "secrecy"]), {}).status_code == 404


@pytest.mark.django_db
def test_offline_letter_waits_for_confirmation(planning_editor) -> None:
    handler = client_for(planning_editor)
    today = timezone.localdate().isoformat()
    response = handler.post(
        reverse("manage:foi_register"),
        apply_payload(channel="post_plain", submitted_on=today, oral="on", assistance="代为填写"),
    )
    assert response.status_code == 302
    app = Application.objects.latest("id")
    assert app.status == Status.AWAITING_CONFIRMATION and app.oral
    handler.post(reverse("manage:foi_step", args=[app.pk, "confirm"]), {"on": today})
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and app.reply_due


@pytest.mark.django_db
def test_withdrawal(client) -> None:
    client.post(reverse("foi:apply"), apply_payload())
    client.post(reverse("foi:status"), {"action": "withdraw"})
    assert Application.objects.latest("id").status == Status.WITHDRAWN


@pytest.mark.django_db
def test_transfer_and_assignment(client, planning_editor, finance_editor) -> None:
    client.post(reverse("foi:apply"), apply_payload())
    app = Application.objects.latest("id")
    handler = client_for(planning_editor)
    handler.post(
        reverse("manage:foi_step", args=[app.pk, "assign"]),
        {"handler": planning_editor.pk},
    )
    app.refresh_from_db()
    assert app.handler == planning_editor
    finance = finance_org()
    handler.post(
        reverse("manage:foi_step", args=[app.pk, "transfer"]),
        {"to": finance.pk, "reason": ""},
    )
    app.refresh_from_db()
    assert app.organisation == planning_editor.organisation  # a reason is required
    handler.post(
        reverse("manage:foi_step", args=[app.pk, "transfer"]),
        {"to": finance.pk, "reason": "所需信息由财政局制作和保存"},
    )
    app.refresh_from_db()
    assert app.organisation == finance and app.handler is None
    assert (
        client_for(finance_editor).get(reverse("manage:foi_app", args=[app.pk])).status_code == 200
    )
    assert handler.get(reverse("manage:foi_app", args=[app.pk])).status_code == 404


@pytest.mark.django_db
def test_attachments_qr_receipt_and_my_applications(client, citizen) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    bad = client.post(
        reverse("foi:apply"), apply_payload(files=[SimpleUploadedFile("证明.pdf", b"MZ\x90exe")])
    )
    assert "内容与扩展名不符" in bad.content.decode()
    assert not Application.objects.filter(user=citizen).exists()
    response = client.post(
        reverse("foi:apply"), apply_payload(files=[SimpleUploadedFile("证明.pdf", b"%PDF-1.4 x")])
    )
    html = response.content.decode()
    assert "<svg" in html and "受理编号二维码" in html
    app = Application.objects.get(user=citizen)
    assert app.files.get().kind == "pdf"
    listing = client.get(reverse("foi:mine")).content.decode()
    assert app.receipt_no in listing
    assert client.get(reverse("foi:mine") + f"?open={app.pk}")["Location"] == reverse("foi:status")
    assert client.get("/media/" + app.files.get().file.name).status_code == 404


@pytest.mark.django_db
def test_the_bare_foi_address_leads_to_the_form(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/foi/")
    assert response.status_code == 302 and response["Location"] == "/foi/apply/"
