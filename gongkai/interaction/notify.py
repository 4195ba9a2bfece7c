"""Who hears about a message, through the notice outbox (core/notices.py, docs/interaction.md).

Every notice is stored in the caller's transaction and sent by the worker afterwards, so an SMS
gateway or mail server that is down delays it and loses nothing. Texts name the message by its
number only: the 查询码 is never sent again, and the writer's details never go to anyone else.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.accounts.models import Role, User, UserKind
from gongkai.core.notices import notice_queue
from gongkai.interaction.models import Message

SUBJECT = "【政民互动】留言办理通知"


def _track_url() -> str:
    return f"{settings.SITE_URL}/hudong/track/"


def writer_notify(msg: Message, what: str) -> None:
    """To the writer, at the contact they gave (phone first, and e-mail when given)."""
    if not (msg.phone or msg.email):
        return  # a caller who left no contact was answered on the phone
    text = (
        f"【政务公开】您的留言（编号{msg.number}）{what}。"
        f"请凭留言编号和查询码在 {_track_url()} 查看。"
    )
    notice_queue(
        purpose=f"interaction.{msg.number}",
        text=text,
        phone=msg.phone,
        email=msg.email,
        subject=SUBJECT,
    )


def handlers_notify(msg: Message, what: str) -> None:
    """To the handlers (公开专员) of the message's organisation who have an e-mail address."""
    emails = (
        User.objects.filter(
            kind=UserKind.STAFF,
            is_active=True,
            organisation_id=msg.organisation_id,
            roles__role=Role.EDITOR,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    url = f"{settings.SITE_URL}/manage/messages/{msg.pk}/"
    text = (
        f"留言 {msg.number}（{msg.get_kind_display()}：{msg.subject}）{what}。"
        f"答复期限 {msg.reply_due:%Y年%m月%d日}。办理：{url}"
        if msg.reply_due
        else f"留言 {msg.number}（{msg.get_kind_display()}：{msg.subject}）{what}。办理：{url}"
    )
    for email in emails[:20]:
        notice_queue(
            purpose=f"interaction.staff.{msg.number}", text=text, email=email, subject=SUBJECT
        )
