"""信息发布 pages: draft with attachments, review levels, deadlines flags, isolation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from gongkai.publishing.models import Publication
from gongkai.testing import planning_org


def payload(**extra):  # type: ignore[no-untyped-def]

    data = {
        "title": "关于做好2027年春节期间安全生产工作的通知",
        "organisation": planning_org().pk,
        "doc_number": "皋规发〔2026〕30号",
        "formed_on": timezone.localdate().isoformat(),
        "genre": "notice",
        "stage": "execution",
        "attribute": "proactive",
        "validity": "valid",
        "body": "<p>各单位：请做好安全生产工作。</p>",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_draft_submit_review_through_pages(planning_editor, planning_reviewer, client) -> None:
    editor = client_for(planning_editor)
    response = editor.post(
        reverse("manage:publication_create"),
        payload(
            files=[
                SimpleUploadedFile("通知.pdf", b"%PDF-1.7 demo"),
                SimpleUploadedFile("表.docx", b"PK\x03\x04x"),
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pub = Publication.objects.get(title="关于做好2027年春节期间安全生产工作的通知")
    assert sorted(a.kind for a in pub.attachments.all()) == ["ooxml", "pdf"]
    editor.post(reverse("manage:publication", args=[pub.pk]), {"action": "submit"})
    reviewer = client_for(planning_reviewer)
    page = reviewer.get(reverse("manage:publication", args=[pub.pk])).content.decode()
    assert "提交第1级审核意见" in page
    reviewer.post(
        reverse("manage:publication", args=[pub.pk]), {"action": "review", "decision": "approve"}
    )
    pub.refresh_from_db()
    assert pub.status == "published"
    html = client.get(pub.get_absolute_url()).content.decode()
    assert "通知.pdf" in html and pub.index_no in html


@pytest.mark.django_db
def test_bad_input_is_explained_and_kept(planning_editor) -> None:
    editor = client_for(planning_editor)
    response = editor.post(
        reverse("manage:publication_create"),
        payload(
            formed_on="2026-02-30",
            attribute="on_request",
            files=[SimpleUploadedFile("病毒.pdf", b"MZ\x90binary")],
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效日期，格式为 YYYY-MM-DD" in html
    assert "关于做好2027年春节期间安全生产工作的通知" in html
    response = editor.post(
        reverse("manage:publication_create"),
        payload(attribute="on_request", files=[SimpleUploadedFile("病毒.pdf", b"MZ\x90binary")]),
    )
    html = response.content.decode()
    assert "依申请公开或不予公开的信息必须说明理由" in html
    response = editor.post(
        reverse("manage:publication_create"),
        payload(files=[SimpleUploadedFile("病毒.pdf", b"MZ\x90binary")]),
    )
    assert "内容与扩展名不符" in response.content.decode()
    assert not Publication.objects.filter(title__startswith="关于做好2027年春节").exists()


@pytest.mark.django_db
def test_staff_list_flags_due_soon_and_overdue(planning_editor) -> None:
    from gongkai.publishing.services import publication_create

    org = planning_editor.organisation
    today = timezone.localdate()
    publication_create(
        actor=planning_editor,
        data={
            "organisation": org,
            "title": "早已形成的信息",
            "formed_on": today - dt.timedelta(days=60),
        },
    )
    publication_create(
        actor=planning_editor,
        data={"organisation": org, "title": "刚形成的信息", "formed_on": today},
    )
    html = (
        client_for(planning_editor).get(reverse("manage:publications") + "?open=1").content.decode()
    )
    assert "已超期" in html
    first, second = html.index("早已形成的信息"), html.index("刚形成的信息")
    assert first < second  # sorted by due date


@pytest.mark.django_db
def test_other_department_cannot_see_or_edit(planning_editor, finance_editor) -> None:
    from gongkai.publishing.services import publication_create

    pub = publication_create(
        actor=planning_editor,
        data={
            "organisation": planning_editor.organisation,
            "title": "规划局内部草稿",
            "formed_on": timezone.localdate(),
        },
    )
    other = client_for(finance_editor)
    assert other.get(reverse("manage:publication", args=[pub.pk])).status_code == 404
    assert (
        other.post(reverse("manage:publication_edit", args=[pub.pk]), payload()).status_code == 404
    )
    assert (
        other.post(reverse("manage:publication", args=[pub.pk]), {"action": "submit"}).status_code
        == 404
    )
    assert "规划局内部草稿" not in other.get(reverse("manage:publications")).content.decode()
    pub.refresh_from_db()
    assert pub.status == "draft"
