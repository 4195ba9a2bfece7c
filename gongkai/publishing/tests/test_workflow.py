"""Publishing workflow: 先审后发, levels, 三同步, revisions, withdrawal, schedule, deadlines."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.core.models import AuditEvent, Deadline
from gongkai.publishing.choices import PubStatus
from gongkai.publishing.models import Publication, PublishingSettings
from gongkai.publishing.services import (
    publication_create,
    publication_exempt_interpretation,
    publication_review,
    publication_revise,
    publication_submit,
    publication_withdraw,
    publications_publish_due,
)
from gongkai.testing import planning_org

D = dt.date.fromisoformat


def draft(editor: User, **extra) -> Publication:  # type: ignore[no-untyped-def]
    data = {
        "organisation": editor.organisation,
        "title": "关于开展城乡规划专项检查的通知",
        "formed_on": D("2026-01-28"),
        "genre": "notice",
        "stage": "execution",
        "body": "<p>各有关单位：</p><script>alert(1)</script><p onclick='x()'>请按要求执行。</p>",
        "doc_number": "皋规发〔2026〕8号",
        **extra,
    }
    return publication_create(actor=editor, data=data)


@pytest.mark.django_db
def test_draft_review_publish(planning_editor, planning_reviewer) -> None:
    pub = draft(planning_editor)
    assert pub.status == PubStatus.DRAFT
    assert "<script>" not in pub.body and "onclick" not in pub.body and "请按要求执行" in pub.body
    assert pub.issuer == planning_org().name and pub.doc_number == "皋规发〔2026〕8号"
    # 条例 第二十六条: 20 working days from 形成日期 2026-01-28 → 2026-03-03 (cn-rules §5.2)
    assert pub.due_date == D("2026-03-03")
    deadline = Deadline.objects.get(kind="publishing.proactive", object_id=str(pub.pk))
    assert deadline.due_date == D("2026-03-03")
    with pytest.raises(ValidationError):  # not submitted yet
        publication_review(actor=planning_reviewer, pub=pub, approve=True)
    publication_submit(actor=planning_editor, pub=pub)
    with pytest.raises(PermissionDenied):  # an editor is not a reviewer
        publication_review(actor=planning_editor, pub=pub, approve=True)
    pub = publication_review(actor=planning_reviewer, pub=pub, approve=True)
    assert pub.status == PubStatus.PUBLISHED and pub.published_at
    assert re.fullmatch(rf"{pub.organisation.code}/\d{{4}}-\d{{5}}", pub.index_no)
    deadline.refresh_from_db()
    assert deadline.status in ("met", "late")


@pytest.mark.django_db
def test_return_needs_comment_and_resubmission(planning_editor, planning_reviewer) -> None:
    pub = draft(planning_editor)
    publication_submit(actor=planning_editor, pub=pub)
    with pytest.raises(ValidationError):
        publication_review(actor=planning_reviewer, pub=pub, approve=False, comment="")
    pub = publication_review(actor=planning_reviewer, pub=pub, approve=False, comment="文号有误")
    assert pub.status == PubStatus.RETURNED
    publication_submit(actor=planning_editor, pub=pub)
    assert (
        publication_review(actor=planning_reviewer, pub=pub, approve=True).status
        == PubStatus.PUBLISHED
    )


@pytest.mark.django_db
def test_three_review_levels_need_three_people(planning_editor, planning_reviewer, office) -> None:
    PublishingSettings.objects.create(organisation=planning_editor.organisation, review_levels=2)
    pub = draft(planning_editor)
    publication_submit(actor=planning_editor, pub=pub)
    pub = publication_review(actor=planning_reviewer, pub=pub, approve=True)
    assert pub.status == PubStatus.PENDING and pub.review_level == 1
    with pytest.raises(ValidationError, match="同一审核人"):
        publication_review(actor=planning_reviewer, pub=pub, approve=True)
    pub = publication_review(actor=office, pub=pub, approve=True)
    assert pub.status == PubStatus.PUBLISHED
    assert list(pub.reviews.values_list("level", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_catalog_item_time_limit_sets_the_deadline(planning_editor, world) -> None:  # type: ignore[no-untyped-def]
    item = world.permit_item  # 7 working days
    pub = draft(planning_editor, catalog_items=[item], formed_on=D("2026-04-30"))
    assert pub.due_date == D("2026-05-13")


@pytest.mark.django_db
def test_three_synchronisations(planning_editor, planning_reviewer) -> None:
    policy = draft(
        planning_editor,
        title="如皋市城乡规划管理办法",
        is_normative=True,
        needs_interpretation=True,
        genre="measures",
    )
    publication_submit(actor=planning_editor, pub=policy)
    policy = publication_review(actor=planning_reviewer, pub=policy, approve=True)
    assert policy.status == PubStatus.APPROVED  # held: no approved interpretation yet
    reading = publication_create(
        actor=planning_editor,
        data={
            "organisation": planning_editor.organisation,
            "title": "《如皋市城乡规划管理办法》政策解读",
            "formed_on": D("2026-01-28"),
            "genre": "interpretation",
            "interprets": policy,
            "interpretation_kind": "qa",
            "body": "<p>问：何时施行？答：自印发之日起。</p>",
        },
    )
    publication_submit(actor=planning_editor, pub=reading)
    publication_review(actor=planning_reviewer, pub=reading, approve=True)
    policy.refresh_from_db()
    reading.refresh_from_db()
    assert policy.status == reading.status == PubStatus.PUBLISHED
    assert policy.published_at == reading.published_at
    assert list(policy.interpretations.all()) == [reading]


@pytest.mark.django_db
def test_interpretation_exemption_releases_the_policy(planning_editor, planning_reviewer) -> None:
    policy = draft(planning_editor, needs_interpretation=True)
    publication_submit(actor=planning_editor, pub=policy)
    publication_review(actor=planning_reviewer, pub=policy, approve=True)
    with pytest.raises(PermissionDenied):
        publication_exempt_interpretation(actor=planning_editor, pub=policy, reason="x")
    policy = publication_exempt_interpretation(
        actor=planning_reviewer, pub=policy, reason="转发上级文件，上级已解读"
    )
    assert policy.status == PubStatus.PUBLISHED


@pytest.mark.django_db
def test_revision_keeps_history_and_withdrawal_keeps_record(
    planning_editor, planning_reviewer, client, django_capture_on_commit_callbacks
) -> None:
    pub = draft(planning_editor)
    publication_submit(actor=planning_editor, pub=pub)
    pub = publication_review(actor=planning_reviewer, pub=pub, approve=True)
    with pytest.raises(PermissionDenied):
        publication_revise(actor=planning_editor, pub=pub, data={"title": "x"}, note="x")
    pub = publication_revise(
        actor=planning_reviewer,
        pub=pub,
        data={"title": "关于开展城乡规划专项检查的通知（修订）"},
        note="更正标题",
    )
    assert (
        pub.revision == 1
        and pub.revisions.get().snapshot["title"] == "关于开展城乡规划专项检查的通知"
    )
    html = client.get(pub.get_absolute_url()).content.decode()
    assert "修订说明" in html and "更正标题" in html
    with django_capture_on_commit_callbacks(execute=True):  # invalidates the page cache
        publication_withdraw(actor=planning_reviewer, pub=pub, reason="内容已过时")
    response = client.get(pub.get_absolute_url())
    assert response.status_code == 410 and "内容已过时" in response.content.decode()
    assert Publication.objects.filter(pk=pub.pk).exists()
    actions = set(
        AuditEvent.objects.filter(
            object_type="publishing.publication", object_id=str(pub.pk)
        ).values_list("action", flat=True)
    )
    assert {
        "publication.create",
        "publication.publish",
        "publication.revise",
        "publication.withdraw",
    } <= actions


@pytest.mark.django_db
def test_scheduled_publication(planning_editor, planning_reviewer) -> None:
    later = timezone.now() + dt.timedelta(hours=2)
    pub = draft(planning_editor, scheduled_at=later)
    publication_submit(actor=planning_editor, pub=pub)
    pub = publication_review(actor=planning_reviewer, pub=pub, approve=True)
    assert pub.status == PubStatus.SCHEDULED and not pub.index_no
    assert publications_publish_due() == 0
    assert publications_publish_due(now=later + dt.timedelta(minutes=1)) == 1
    pub.refresh_from_db()
    assert pub.status == PubStatus.PUBLISHED and pub.index_no


@pytest.mark.django_db
def test_cross_department_editing_is_refused(
    planning_editor, finance_editor, planning_reviewer
) -> None:
    with pytest.raises(PermissionDenied):
        draft(finance_editor, organisation=planning_editor.organisation)
    pub = draft(planning_editor)
    with pytest.raises(PermissionDenied):
        publication_submit(actor=finance_editor, pub=pub)
    finance_reviewer = User.objects.get(username="t_finance_reviewer")
    publication_submit(actor=planning_editor, pub=pub)
    with pytest.raises(PermissionDenied):
        publication_review(actor=finance_reviewer, pub=pub, approve=True)


@pytest.mark.django_db
def test_attachments_are_checked_by_content(planning_editor) -> None:
    pdf = SimpleUploadedFile("规划图.pdf", b"%PDF-1.4\n%test\n")
    pub = publication_create(
        actor=planning_editor,
        data={
            "organisation": planning_editor.organisation,
            "title": "附件测试",
            "formed_on": D("2026-01-28"),
        },
        files=[pdf],
    )
    assert pub.attachments.get().kind == "pdf"
    fake = SimpleUploadedFile("规划图.pdf", b"MZ\x90\x00 this is an exe")
    with pytest.raises(ValidationError, match="内容与扩展名不符"):
        publication_create(
            actor=planning_editor,
            data={
                "organisation": planning_editor.organisation,
                "title": "附件测试2",
                "formed_on": D("2026-01-28"),
            },
            files=[fake],
        )
    assert not Publication.objects.filter(title="附件测试2").exists()


@pytest.mark.django_db
def test_non_disclosed_needs_reason_and_is_never_published(planning_editor) -> None:
    with pytest.raises(ValidationError) as exc:
        draft(planning_editor, attribute="not_disclosed")
    assert exc.value.message_dict["attribute_reason"] == ["依申请公开或不予公开的信息必须说明理由"]
    pub = draft(
        planning_editor, attribute="not_disclosed", attribute_reason="涉及国家秘密（条例第十四条）"
    )
    with pytest.raises(ValidationError, match="不予公开的信息不能发布"):
        publication_submit(actor=planning_editor, pub=pub)
