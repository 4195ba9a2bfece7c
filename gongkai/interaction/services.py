"""Writes of 政民互动 (docs/interaction.md): one service per action, keyword-only, each asking
the model's table of allowed actions before it changes anything."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.permissions import can_review_org, can_view_org, is_staff_user
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import (
    deadline_sync,
    deadlines_close_for,
    deadlines_move_organisation,
)
from gongkai.core.errors import Conflict
from gongkai.core.querycode import query_code_find, query_code_new
from gongkai.core.workdays import working_days_between
from gongkai.interaction.choices import (
    OPEN_STATUSES,
    REFUSALS,
    Action,
    Channel,
    EventKind,
    Kind,
    Rating,
    Status,
)
from gongkai.interaction.models import KindRule, Message, MessageEvent, MessageFile, RoutingRule
from gongkai.interaction.notify import handlers_notify, writer_notify
from gongkai.interaction.signals import announce_submitted

REPLY = "interaction.reply"  # the kind's reply clock (KindRule)
# 《信访工作条例》: 第二十二条 告知是否受理 within 15 日; 第三十四条 办结 within 60 日
# (extendable by 30 日). A referred message is tracked until the 信访 office acknowledges it.
PETITION_NOTICE = "interaction.petition_notice"
PETITION_DONE = "interaction.petition_done"
PETITION_NOTICE_DAYS, PETITION_DONE_DAYS = 15, 60
MAX_FILES, MAX_FILE_BYTES = 5, 10 * 1024 * 1024


def _today() -> dt.date:
    return timezone.localdate()


def _guard(msg: Message, action: str) -> None:
    if not msg.can(action):
        raise Conflict(REFUSALS[action])


def _staff(actor: Any, msg: Message) -> None:
    if not (is_staff_user(actor) and can_view_org(actor, msg.organisation_id)):
        raise PermissionDenied("无权办理该留言")


def _lock(msg: Message) -> Message:
    return Message.objects.select_for_update().get(pk=msg.pk)


def _event(msg: Message, kind: str, note: str = "", actor: Any = None) -> None:
    MessageEvent.objects.create(message=msg, kind=kind, note=note, actor=_user(actor))


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def message_route(*, kind: str, domain: Any) -> Organisation:
    """分办: the most specific routing rule (kind and 领域, then 领域, then kind), else the
    government itself (its 政务公开办 dispatches by hand)."""
    rules = RoutingRule.objects.select_related("organisation").order_by("id")
    tries = [(kind, domain), ("", domain)] if domain is not None else []
    tries += [(kind, None), ("", None)]
    for rule_kind, rule_domain in tries:
        rule = rules.filter(kind=rule_kind, domain=rule_domain).first()
        if rule is not None:
            return rule.organisation
    government = Organisation.objects.filter(kind=OrgKind.GOVERNMENT, is_active=True).first()
    if government is None:
        raise ValidationError("尚未设置承办机构，请联系网站管理员")
    return government


def _reply_clock(msg: Message, start: dt.date) -> None:
    deadline_sync(
        subject=msg,
        kind=REPLY,
        organisation=msg.organisation,
        start=start,
        rule=KindRule.rule_for(msg.kind),
        label=f"留言答复：{msg.number}",
    )


def message_submit(
    *,
    data: dict[str, Any],
    channel: str = Channel.WEB,
    actor: Any = None,
    user: Any = None,
    files: list[Any] | tuple[Any, ...] = (),
    received_on: dt.date | None = None,
) -> tuple[Message, str]:
    """A new message; returns it and the plain 查询码 (shown once, stored hashed).

    Validation, file checks and hashing happen before the write transaction opens; the message
    is stored before anything is sent, so nothing a citizen wrote depends on a notification
    service (the handlers' notice goes through the outbox).
    """
    checked = _check_files(files)
    received_on = _received_on(received_on, channel)
    if channel != Channel.WEB and not is_staff_user(actor):
        raise PermissionDenied("电话、来访和来信须由工作人员登记")
    data = dict(data)
    organisation = data.pop("organisation", None) or message_route(
        kind=data.get("kind", ""), domain=data.get("domain")
    )
    if channel != Channel.WEB and not can_view_org(actor, organisation.pk):
        raise PermissionDenied("只能登记本机构受理的留言")
    if not (data.get("phone") or data.get("email")) and channel == Channel.WEB:
        raise ValidationError({"phone": "请填写手机号码或电子邮箱，以便接收答复"})
    code, code_hash = query_code_new()
    msg = Message(
        organisation=organisation,
        channel=channel,
        received_on=received_on,
        query_code_hash=code_hash,
        user=_user(user),
        number="pending",
        **data,
    )
    msg.full_clean(exclude=["number", "query_code_hash"])
    with transaction.atomic():
        for _attempt in range(5):
            msg.number = f"HD{msg.received_on:%Y%m%d}{secrets.randbelow(10**5):05d}"
            try:
                with transaction.atomic():
                    msg.save()
                break
            except IntegrityError:
                continue
        _event(msg, EventKind.SUBMITTED, f"{Channel(channel).label}：{Kind(msg.kind).label}", actor)
        _reply_clock(msg, msg.received_on)
        for f, kind in checked:
            MessageFile.objects.create(
                message=msg, file=f, name=f.name[:200], kind=kind, size=f.size
            )
        if channel == Channel.WEB:
            msg.refresh_from_db(fields=["reply_due"])
            handlers_notify(msg, "新收到，请及时受理")
        audit_record(
            actor=_user(actor),
            action="interaction.submit",
            obj=msg,
            organisation=organisation,
            new={"kind": msg.kind, "channel": channel},
        )
        announce_submitted(msg)
    return msg, code


BACKFILL_DAYS = 90


def _received_on(given: dt.date | None, channel: str) -> dt.date:
    """补录: a call, visit or letter may be recorded after the day it came in (its clock runs
    from that day); a web message is received when it is submitted."""
    today = _today()
    if given is None or given == today:
        return today
    if channel == Channel.WEB:
        raise ValidationError({"received_on": "网上留言以提交之日为收到日期"})
    if not today - dt.timedelta(days=BACKFILL_DAYS) <= given <= today:
        raise ValidationError({"received_on": f"收到日期应在近{BACKFILL_DAYS}日内，且不晚于今天"})
    return given


def _check_files(files: list[Any] | tuple[Any, ...]) -> list[tuple[Any, str]]:
    """Each upload with its kind, checked by content (core/files.py) like FOI attachments."""
    from gongkai.core.files import inspect_uploads

    return inspect_uploads(files, max_bytes=MAX_FILE_BYTES, max_count=MAX_FILES, field="files")


@transaction.atomic
def message_accept(*, actor: Any, msg: Message) -> Message:
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.ACCEPT)
    msg.status = Status.HANDLING
    msg.save(update_fields=["status", "updated_at"])
    _event(msg, EventKind.ACCEPTED, actor=actor)
    return msg


@transaction.atomic
def message_reject(*, actor: Any, msg: Message, reason: str) -> Message:
    """不予受理, with the reason the writer sees; the reply is the notice of it."""
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.REJECT)
    if not reason.strip():
        raise ValidationError({"reason": "请填写不予受理的理由"})
    msg.status, msg.reject_reason = Status.REJECTED, reason.strip()[:300]
    msg.save(update_fields=["status", "reject_reason", "updated_at"])
    deadlines_close_for(msg)
    _event(msg, EventKind.REJECTED, msg.reject_reason, actor)
    writer_notify(msg, "不予受理，理由已告知")
    return msg


@transaction.atomic
def message_transfer(
    *, actor: Any, msg: Message, organisation: Organisation, reason: str
) -> Message:
    """转办 to another organisation; its clock keeps running from the day it was received."""
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.TRANSFER)
    if organisation.pk == msg.organisation_id:
        raise ValidationError({"organisation": "请选择其他机构"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写转办理由"})
    before = msg.organisation
    msg.organisation = organisation
    msg.save(update_fields=["organisation", "updated_at"])
    deadlines_move_organisation(msg, organisation)
    _event(msg, EventKind.TRANSFERRED, f"由{before}转{organisation}：{reason.strip()}", actor)
    return msg


@transaction.atomic
def message_answer(*, actor: Any, msg: Message, text: str) -> Message:
    """拟写答复: it shows only once a reviewer approves it."""
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.ANSWER)
    if not text.strip():
        raise ValidationError({"text": "请填写答复内容"})
    msg.answer_draft = text.strip()[:5000]
    msg.save(update_fields=["answer_draft", "updated_at"])
    _event(msg, EventKind.ANSWER_DRAFTED, actor=actor)
    return msg


@transaction.atomic
def message_answer_review(*, actor: Any, msg: Message, approve: bool, comment: str = "") -> Message:
    """The reviewer approves the answer (it is published to the writer, and publicly if they
    agreed) or returns it with a comment."""
    msg = _lock(msg)
    _guard(msg, Action.APPROVE if approve else Action.RETURN)
    if not can_review_org(actor, msg.organisation_id):
        raise PermissionDenied("只有本机构的审核人可以审核答复")
    if not approve:
        if not comment.strip():
            raise ValidationError({"comment": "请填写退回意见"})
        _event(msg, EventKind.ANSWER_RETURNED, comment.strip(), actor)
        return msg
    msg.answer, msg.answer_draft = msg.answer_draft, ""
    return _answered(msg, actor)


@transaction.atomic
def message_answer_on_spot(*, actor: Any, msg: Message, text: str) -> Message:
    """当场答复 (phone or walk-in): the answer was given there and then; it is recorded."""
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.ON_SPOT)  # web messages are answered through review (the model's table)
    if not text.strip():
        raise ValidationError({"text": "请填写答复内容"})
    msg.answer, msg.answer_on_spot = text.strip()[:5000], True
    return _answered(msg, actor, "当场答复")


def _answered(msg: Message, actor: Any, note: str = "") -> Message:
    """The answer is given: 已答复, and the reply clock closes as met or late. The duplicates
    merged into it are answered with the same text (each writer hears of it)."""
    msg.status, msg.answered_by, msg.answered_at = Status.ANSWERED, actor, timezone.now()
    msg.answer_working_days = max(
        working_days_between(msg.received_on, timezone.localdate(msg.answered_at)), 0
    )
    msg.save()
    deadlines_close_for(msg, kinds=[REPLY])
    _event(msg, EventKind.ANSWERED, note, actor)
    writer_notify(msg, "已答复")
    for dup in msg.duplicates.select_for_update().filter(status__in=OPEN_STATUSES):
        dup.answer, dup.answer_on_spot = msg.answer, False
        _answered(dup, actor, f"与留言{msg.number}合并答复")
    return msg


@transaction.atomic
def message_rate(*, msg: Message, rating: str, comment: str = "") -> Message:
    """The writer rates the answer; the message is then 已办结."""
    msg = _lock(msg)
    _guard(msg, Action.RATE)
    if rating not in Rating.values:
        raise ValidationError({"rating": "请选择满意、基本满意或不满意"})
    msg.rating, msg.rating_comment, msg.status = rating, comment.strip()[:300], Status.CLOSED
    msg.save(update_fields=["rating", "rating_comment", "status", "updated_at"])
    _event(msg, EventKind.RATED, Rating(rating).label)
    return msg


@transaction.atomic
def message_reopen(*, msg: Message, reason: str) -> Message:
    """The writer asks, once, for it to be handled again; a new reply clock starts today."""
    msg = _lock(msg)
    _guard(msg, Action.REOPEN)
    if not reason.strip():
        raise ValidationError({"reason": "请说明需要重新办理的原因"})
    msg.status, msg.reopen_count = Status.HANDLING, msg.reopen_count + 1
    # handled on its own again: a reopened duplicate leaves the message it was merged into
    msg.rating, msg.solved, msg.merged_into = "", None, None
    msg.follow_up_sent_on = msg.reminded_on = None  # a new round: asked and reminded afresh
    msg.save(
        update_fields=[
            "status",
            "reopen_count",
            "rating",
            "solved",
            "merged_into",
            "follow_up_sent_on",
            "reminded_on",
            "updated_at",
        ]
    )
    _event(msg, EventKind.REOPENED, reason.strip()[:300])
    _reply_clock(msg, _today())
    msg.refresh_from_db(fields=["reply_due"])
    handlers_notify(msg, "留言人申请重新办理")
    return msg


@transaction.atomic
def message_refer_petition(*, actor: Any, msg: Message, note: str) -> Message:
    """转信访: a 信访事项 goes to the 信访 channel; its statutory clocks are shown to the
    writer and tracked until the referral is acknowledged."""
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.REFER_PETITION)
    if not note.strip():
        raise ValidationError({"note": "请说明转信访的理由和接收机关"})
    today = _today()
    msg.status = Status.PETITION
    msg.save(update_fields=["status", "updated_at"])
    deadlines_close_for(msg, kinds=[REPLY])
    for kind, days, label in (
        (PETITION_NOTICE, PETITION_NOTICE_DAYS, "信访受理告知"),
        (PETITION_DONE, PETITION_DONE_DAYS, "信访事项办结"),
    ):
        deadline_sync(
            subject=msg,
            kind=kind,
            organisation=msg.organisation,
            start=today,
            rule=ClockRule.calendar_days(days),
            label=f"{label}：{msg.number}",
        )
    _event(msg, EventKind.PETITION, note.strip()[:500], actor)
    writer_notify(msg, "属于信访事项，已转信访渠道办理")
    return msg


@transaction.atomic
def message_petition_ack(*, actor: Any, msg: Message, on: dt.date | None = None) -> Message:
    msg = _lock(msg)
    _staff(actor, msg)
    _guard(msg, Action.PETITION_ACK)
    on = on or _today()
    if on > _today() or on < msg.received_on:
        raise ValidationError({"on": "告知日期应在收到留言之后、今天或以前"})
    msg.petition_ack_on = on
    msg.save(update_fields=["petition_ack_on", "updated_at"])
    deadlines_close_for(msg, on=on, kinds=[PETITION_NOTICE])
    _event(msg, EventKind.PETITION_ACK, f"{on:%Y年%m月%d日}", actor)
    return msg


def message_for_tracking(*, number: str, code: str) -> Message | None:
    """No login: number + 查询码. The same answer (and work) for an unknown number."""
    return query_code_find(Message.objects.all(), number_field="number", number=number, code=code)


@transaction.atomic
def message_solved(*, msg: Message, solved: bool) -> Message:
    """The writer answers the follow-up: was the problem solved? (FixMyStreet's question)."""
    msg = _lock(msg)
    _guard(msg, Action.SOLVED)
    msg.solved = solved
    msg.save(update_fields=["solved", "updated_at"])
    _event(msg, EventKind.SOLVED, "问题已解决" if solved else "问题未解决")
    return msg
