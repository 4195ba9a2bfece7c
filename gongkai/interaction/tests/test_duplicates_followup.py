"""Attachments, what a message is about, duplicates and merging, the writers' and handlers'
notices through the outbox, the "was it solved?" follow-up, 个人中心 and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.core.errors import Conflict
from gongkai.core.models import Notice, NoticeChannel
from gongkai.core.workdays import add_working_days
from gongkai.interaction.choices import Kind, Status
from gongkai.interaction.duplicates import message_merge, messages_similar, similarity
from gongkai.interaction.followup import messages_follow_up, messages_remind
from gongkai.interaction.models import Message, RoutingRule
from gongkai.interaction.selectors import about_resolve
from gongkai.interaction.services import (
    message_accept,
    message_answer,
    message_answer_review,
    message_reopen,
    message_solved,
    message_submit,
)
from gongkai.publishing.models import Publication

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def data(**extra):  # type: ignore[no-untyped-def]
    return {
        "kind": Kind.COMPLAINT,
        "subject": "某某路路灯不亮",
        "content": "某某路与某某街交叉口的路灯连续一周不亮，夜间出行不便，请尽快修复。",
        "name": "王某某",
        "phone": "13912345678",
        "allow_public": True,
        **extra,
    }


@pytest.fixture
def routed(world):  # type: ignore[no-untyped-def]
    RoutingRule.objects.create(kind=Kind.COMPLAINT, organisation=world.planning)
    return world


def _answer(msg, editor, reviewer):  # type: ignore[no-untyped-def]
    msg = message_accept(actor=editor, msg=msg)
    msg = message_answer(actor=editor, msg=msg, text="已安排维修，路灯已恢复。")
    return message_answer_review(actor=reviewer, msg=msg, approve=True)


@pytest.mark.django_db
def test_attachments_are_checked_by_content_and_only_handlers_download_them(
    client, routed, planning_editor, finance_editor
) -> None:
    fake = SimpleUploadedFile("照片.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        message_submit(data=data(), files=[fake])
    assert "内容与扩展名不符" in str(refused.value) and not Message.objects.exists()
    too_many = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
    with pytest.raises(ValidationError):
        message_submit(data=data(), files=too_many)
    msg, _ = message_submit(data=data(), files=[SimpleUploadedFile("现场.pdf", PDF)])
    stored = msg.files.get()
    assert stored.kind == "pdf" and stored.name == "现场.pdf"
    assert client.get(f"/media/{stored.file.name}").status_code == 404  # never public
    client.force_login(finance_editor)
    assert client.get(f"/manage/messages/{msg.pk}/files/{stored.pk}/").status_code == 404
    client.force_login(planning_editor)
    got = client.get(f"/manage/messages/{msg.pk}/files/{stored.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF


@pytest.mark.django_db
def test_the_one_reference_finds_a_record_an_application_or_stays_a_case_number(
    world,
) -> None:
    pub = Publication.objects.published().exclude(index_no=None).first()
    assert about_resolve(pub.index_no) == {"about_publication": pub}
    assert about_resolve("BJ2026-0001") == {"about_case_no": "BJ2026-0001"}
    assert about_resolve("  ") == {}
    msg, _ = message_submit(data={**data(), **about_resolve(pub.index_no)})
    assert msg.about_publication == pub


@pytest.mark.django_db
def test_similar_messages_are_suggested_and_a_merged_one_is_answered_with_the_other(
    routed, planning_editor, planning_reviewer, finance_editor
) -> None:
    first, _ = message_submit(data=data())
    second, _ = message_submit(
        data=data(
            subject="某某路路灯坏了",
            content="某某路与某某街交叉口路灯一周不亮，晚上很黑，请修复。",
            phone="13800001111",
        )
    )
    unrelated, _ = message_submit(
        data=data(subject="公园厕所无人打扫", content="人民公园东门厕所长期无人打扫。")
    )
    assert similarity("路灯不亮", "路灯不亮") == 1.0 and similarity("", "路灯") == 0.0
    found = [m for m, _score in messages_similar(msg=second, user=planning_editor)]
    assert first in found and unrelated not in found
    assert messages_similar(msg=second, user=finance_editor) == []  # other department's
    merged = message_merge(actor=planning_editor, msg=second, into=first)
    assert merged.merged_into == first and merged.staff_actions() == []
    with pytest.raises(Conflict):
        message_merge(actor=planning_editor, msg=unrelated, into=second)  # already merged
    Notice.objects.all().delete()
    _answer(first, planning_editor, planning_reviewer)
    second.refresh_from_db()
    assert second.status == Status.ANSWERED and second.answer == "已安排维修，路灯已恢复。"
    texts = {n.to: n.text for n in Notice.objects.filter(channel=NoticeChannel.SMS)}
    assert set(texts) == {"13912345678", "13800001111"}  # both writers hear of it
    assert second.number in texts["13800001111"] and "13912345678" not in texts["13800001111"]
    reopened = message_reopen(msg=second, reason="我这边的路灯仍不亮")
    assert reopened.merged_into is None and reopened.status == Status.HANDLING


@pytest.mark.django_db
def test_handlers_hear_of_new_and_due_soon_messages_once(routed, planning_editor) -> None:
    msg, _ = message_submit(data=data())
    new = Notice.objects.filter(channel=NoticeChannel.EMAIL, to=planning_editor.email)
    assert new.count() == 1 and msg.number in new.get().text and "王某某" not in new.get().text
    assert "13912345678" not in new.get().text
    assert messages_remind(today=msg.received_on) == 0  # 15 working days ahead
    near = add_working_days(msg.reply_due, 0).due - dt.timedelta(days=1)
    assert messages_remind(today=near) == 1
    assert messages_remind(today=near) == 0  # once
    assert new.count() == 2 and "即将到期" in new.last().text


@pytest.mark.django_db
def test_the_follow_up_asks_once_and_the_writer_answers_once(
    client, routed, planning_editor, planning_reviewer
) -> None:
    msg, code = message_submit(data=data())
    msg = _answer(msg, planning_editor, planning_reviewer)
    answered = timezone.localdate(msg.answered_at)
    assert messages_follow_up(today=answered + dt.timedelta(days=1)) == 0  # too soon
    later = add_working_days(answered, 3).due
    Notice.objects.all().delete()
    assert messages_follow_up(today=later) == 1
    assert messages_follow_up(today=later) == 0
    asked = Notice.objects.get(to="13912345678")
    assert "解决了吗" in asked.text and code not in asked.text
    client.post("/hudong/track/", {"number": msg.number, "code": code})
    page = client.get(f"/hudong/status/{msg.number}/").content.decode()
    assert "问题解决了吗" in page
    client.post(f"/hudong/status/{msg.number}/solved/", {"solved": "0"})
    msg.refresh_from_db()
    assert msg.solved is False
    with pytest.raises(Conflict):
        message_solved(msg=msg, solved=True)
    staff = client.__class__()
    staff.force_login(planning_editor)
    assert "问题未解决" in staff.get(f"/manage/messages/{msg.pk}/").content.decode()


@pytest.mark.django_db
def test_a_citizens_messages_are_in_the_personal_centre(client, routed, citizen) -> None:
    mine, _ = message_submit(data=data(), user=citizen)
    other, _ = message_submit(data=data(subject="别人的留言", phone="13800002222"))
    client.force_login(citizen)
    page = client.get("/me/").content.decode()
    assert mine.number in page and other.number not in page
    assert client.get(f"/hudong/status/{mine.number}/").status_code == 200
    assert client.get(f"/hudong/status/{other.number}/").status_code == 404


@pytest.mark.django_db
def test_public_messages_go_to_the_main_search_without_the_writer(
    routed, planning_editor, planning_reviewer
) -> None:
    from gongkai.search.registry import PROVIDERS, load_providers

    load_providers()
    provider = PROVIDERS["hd"]
    msg, _ = message_submit(data=data())
    private, _ = message_submit(data=data(allow_public=False, phone="13800003333"))
    assert not provider.public().filter(pk=msg.pk).exists()  # not answered yet
    _answer(msg, planning_editor, planning_reviewer)
    _answer(private, planning_editor, planning_reviewer)
    public = list(provider.public())
    assert msg in public and private not in public
    doc = provider.to_doc(provider.public().get(pk=msg.pk))
    assert "路灯" in doc.title and "王某某" not in doc.text and "13912345678" not in doc.text


@pytest.mark.django_db
def test_a_call_may_be_recorded_later_with_the_day_it_came_in(routed, planning_editor) -> None:
    from gongkai.interaction.choices import Channel

    today = timezone.localdate()
    week_ago = today - dt.timedelta(days=7)
    taken, _ = message_submit(
        data=data(organisation=routed.planning),
        channel=Channel.PHONE,
        actor=planning_editor,
        received_on=week_ago,
    )
    assert taken.received_on == week_ago
    assert taken.reply_due == add_working_days(week_ago, 15).due  # the clock runs from then
    with pytest.raises(ValidationError):  # a web message is received when it is sent
        message_submit(data=data(), received_on=week_ago)
    with pytest.raises(ValidationError):
        message_submit(
            data=data(organisation=routed.planning),
            channel=Channel.LETTER,
            actor=planning_editor,
            received_on=today + dt.timedelta(days=1),
        )
