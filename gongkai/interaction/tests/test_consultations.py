"""意见征集: the 30 日 rule with its reason, comment → moderate → close → adoption report,
the link from the final policy, and the public pages (no personal data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.core.errors import Conflict
from gongkai.interaction import consultations as svc
from gongkai.interaction.consult_rules import (
    CommentStatus,
    ConsultStatus,
    DecisionKind,
    Disposition,
    HideReason,
)
from gongkai.interaction.models import Comment, Consultation
from gongkai.testing.sms import RecordingSms

DRAFT = "第一条 为了规范停车管理，制定本办法。\n\n第二条 本办法适用于本县城区。\n第三条 收费标准另行公布。"


def draft_data(start: dt.date, days: int, **extra):  # type: ignore[no-untyped-def]
    return {
        "title": "示例县城区停车管理办法（征求意见稿）",
        "decision_kind": DecisionKind.MAJOR,
        "deciding_body": "示例县人民政府",
        "draft": DRAFT,
        "explanation": "为解决城区停车难，起草本办法。",
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=days),
        **extra,
    }


@pytest.mark.django_db
def test_a_28_day_consultation_without_a_reason_is_refused(planning_editor) -> None:
    # 2026-03-02 + 30 日 = 4/1, a Wednesday: the earliest end without a reason
    start = dt.date(2026, 3, 2)
    with pytest.raises(ValidationError) as refused:
        svc.consultation_save(actor=planning_editor, data=draft_data(start, 28))
    text = " ".join(refused.value.message_dict["short_reason"])
    assert "《重大行政决策程序暂行条例》第十五条" in text and "2026年04月01日" in text
    assert not Consultation.objects.exists()
    # 规章 drafts: 《规章制定程序条例》第十五条
    with pytest.raises(ValidationError) as rule:
        svc.consultation_save(
            actor=planning_editor, data=draft_data(start, 29, decision_kind=DecisionKind.RULE)
        )
    assert "《规章制定程序条例》第十五条" in " ".join(rule.value.messages)
    # with the reason stated (and published) the shorter period is allowed
    c = svc.consultation_save(
        actor=planning_editor, data=draft_data(start, 28, short_reason="汛期临近，情况紧急")
    )
    assert c.short_reason and [p.number for p in c.paragraphs.all()] == [1, 2, 3]
    # 30 full days is enough; a normative document has no statutory minimum
    assert svc.consultation_save(actor=planning_editor, data=draft_data(start, 30)).pk
    normative = draft_data(start, 10, decision_kind=DecisionKind.NORMATIVE)
    assert svc.consultation_save(actor=planning_editor, data=normative).pk


@pytest.mark.django_db
def test_the_30_days_end_on_a_working_day_article_203(planning_editor) -> None:
    # published 2026-09-01: 30 日 end 10/1 (国庆 10/1–10/7 off), so the end may not be
    # earlier than Thursday 10/8 without a reason
    start = dt.date(2026, 9, 1)
    with pytest.raises(ValidationError) as refused:
        svc.consultation_save(actor=planning_editor, data=draft_data(start, 33))  # 10/4
    assert "2026年10月08日" in " ".join(refused.value.messages)
    assert svc.consultation_save(actor=planning_editor, data=draft_data(start, 37)).pk


def _open(planning_editor, planning_reviewer) -> Consultation:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    c = svc.consultation_save(actor=planning_editor, data=draft_data(today, 40))
    with pytest.raises(PermissionDenied):  # 先审后发
        svc.consultation_publish(actor=planning_editor, consultation=c)
    return svc.consultation_publish(actor=planning_reviewer, consultation=c)


@pytest.mark.django_db
def test_comment_moderate_close_and_publish_the_adoption_report(
    planning_editor, planning_reviewer, finance_editor, world
) -> None:
    from gongkai.publishing.models import Publication

    c = _open(planning_editor, planning_reviewer)
    second = c.paragraphs.get(number=2)
    good = svc.comment_submit(consultation=c, data={"content": "建议夜间免费停车。"})
    on_para = svc.comment_submit(
        consultation=c, data={"content": "适用范围应包括开发区。", "paragraph": second}
    )
    advert = svc.comment_submit(consultation=c, data={"content": "优惠停车位出租，电话……"})
    personal = svc.comment_submit(consultation=c, data={"content": "邻居张某某乱停车。"})
    with pytest.raises(ValidationError):
        svc.comment_submit(consultation=c, data={"content": "  "})
    with pytest.raises(PermissionDenied):  # another department
        svc.comment_moderate(actor=finance_editor, comment=good, show=True)
    with pytest.raises(ValidationError):  # hiding needs one of the four reasons
        svc.comment_moderate(actor=planning_editor, comment=advert, show=False, reason="x")
    svc.comment_moderate(actor=planning_editor, comment=good, show=True)
    svc.comment_moderate(actor=planning_editor, comment=on_para, show=True)
    svc.comment_moderate(
        actor=planning_editor, comment=advert, show=False, reason=HideReason.ADVERT
    )
    svc.comment_moderate(
        actor=planning_editor, comment=personal, show=False, reason=HideReason.PERSONAL
    )
    with pytest.raises(Conflict):  # not before the period closes
        svc.comment_dispose(actor=planning_editor, comment=good, disposition=Disposition.ADOPTED)
    with pytest.raises(Conflict):  # the end date has not passed
        svc.consultation_close(actor=planning_editor, consultation=c)
    Consultation.objects.filter(pk=c.pk).update(ends_on=timezone.localdate() - dt.timedelta(1))
    assert svc.consultations_close_due() == 1
    c.refresh_from_db()
    assert c.status == ConsultStatus.CLOSED and not c.is_open
    with pytest.raises(Conflict):  # closed: no more comments
        svc.comment_submit(consultation=c, data={"content": "迟到的意见"})
    with pytest.raises(Conflict):  # an advert is not an opinion
        svc.comment_dispose(actor=planning_editor, comment=advert, disposition="adopted")
    with pytest.raises(ValidationError):  # 未采纳 needs a reason
        svc.comment_dispose(actor=planning_editor, comment=on_para, disposition="not_adopted")
    svc.comment_dispose(actor=planning_editor, comment=good, disposition=Disposition.ADOPTED)
    with pytest.raises(Conflict) as missing:  # one opinion still undecided
        svc.consultation_report(actor=planning_reviewer, consultation=c, summary="总体采纳")
    assert "2条意见未填写采纳情况" in str(missing.value)
    svc.comment_dispose(
        actor=planning_editor,
        comment=on_para,
        disposition=Disposition.NOT_ADOPTED,
        reason="开发区另有管理规定",
    )
    svc.comment_dispose(
        actor=planning_editor, comment=personal, disposition=Disposition.PARTLY, reason="已转交"
    )
    c = svc.consultation_report(
        actor=planning_reviewer, consultation=c, summary="共收到意见4条，采纳1条。"
    )
    assert c.status == ConsultStatus.REPORTED and c.reported_at
    assert svc.consultation_counts(c) == {
        "received": 4,
        "opinions": 3,
        "adopted": 1,
        "partly": 1,
        "not_adopted": 1,
        "pending": 0,
        "undecided": 0,
        "not_shown": 1,
    }
    client = Client()
    report = client.get(f"/hudong/zhengji/{c.pk}/report/").content.decode()
    assert "采纳1条，部分采纳1条，未采纳1条" in report and "开发区另有管理规定" in report
    assert "邻居张某某" not in report and "含个人信息，内容不予显示" in report
    assert "优惠停车位出租" not in report
    # the final policy links back to the report (决策 stage of 五公开)
    pub = Publication.objects.published().first()
    svc.consultation_link_final(actor=planning_editor, consultation=c, publication=pub)
    article = client.get(pub.get_absolute_url()).content.decode()
    assert f"/hudong/zhengji/{c.pk}/report/" in article and "意见采纳情况" in article


@pytest.mark.django_db
@override_settings(SMS_BACKEND="gongkai.testing.sms.RecordingSms")
def test_a_citizen_comments_on_a_paragraph_through_the_page(
    planning_editor, planning_reviewer
) -> None:
    c = _open(planning_editor, planning_reviewer)
    client = Client()
    page = client.get(f"/hudong/zhengji/{c.pk}/").content.decode()
    assert "第二条 本办法适用于本县城区" in page and "获取验证码" in page
    para = c.paragraphs.get(number=2)
    body = {"paragraph": para.pk, "content": "建议扩大适用范围。", "phone": "13912340000"}
    url = f"/hudong/zhengji/{c.pk}/comment/"
    assert (
        "验证码已发送" in client.post(url, {**body, "send_code": "1"}, follow=True).content.decode()
    )
    code = RecordingSms.last_code("13912340000")
    done = client.post(url, {**body, "code": code}, follow=True).content.decode()
    assert "意见已提交，审核后显示" in done
    comment = Comment.objects.get()
    assert comment.paragraph == para and comment.status == CommentStatus.PENDING
    assert "建议扩大适用范围" not in client.get(f"/hudong/zhengji/{c.pk}/").content.decode()
    svc.comment_moderate(actor=planning_editor, comment=comment, show=True)
    shown = client.get(f"/hudong/zhengji/{c.pk}/").content.decode()
    assert "建议扩大适用范围" in shown and "13912340000" not in shown
    assert Client().get("/hudong/zhengji/99999/").status_code == 404


@pytest.mark.django_db
def test_staff_pages_walk_the_consultation(planning_editor, planning_reviewer) -> None:
    editor, reviewer = Client(), Client()
    editor.force_login(planning_editor)
    reviewer.force_login(planning_reviewer)
    today = timezone.localdate()
    body = {
        **draft_data(today, 20),
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=20)).isoformat(),
    }
    refused = editor.post("/manage/consultations/new/", body).content.decode()
    assert "一般不少于30日" in refused
    ok = editor.post("/manage/consultations/new/", {**body, "short_reason": "情况紧急"})
    c = Consultation.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/manage/consultations/{c.pk}/"
    detail = reviewer.get(f"/manage/consultations/{c.pk}/").content.decode()
    assert "发布征集" in detail
    reviewer.post(f"/manage/consultations/{c.pk}/publish/")
    c.refresh_from_db()
    assert c.status == ConsultStatus.PUBLISHED
    assert "情况紧急" in Client().get(f"/hudong/zhengji/{c.pk}/").content.decode()
