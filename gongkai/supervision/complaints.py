"""公开投诉 services (docs/supervision.md#complaints): register (phone, on site, letter, or a
政民互动 投诉 about a publication, catalog item or FOI application), dispatch, answer, close or
reject — each a step in the complaint's record and the audit log, on the complaint's own clock
in the deadline registry (``supervision.complaint``, working days from the 在线监督规则)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, is_office, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import (
    deadline_sync,
    deadlines_close_for,
    deadlines_move_organisation,
)
from gongkai.core.notices import notice_queue
from gongkai.supervision import complaint_rules as C
from gongkai.supervision.models import Complaint, ComplaintEvent
from gongkai.supervision.obligations import monitor_rule_in_force

BACKFILL_DAYS = 90  # a call or letter may be recorded up to this long after it came in


def complaint_days_in_force(day: dt.date) -> int:
    rule = monitor_rule_in_force(day)
    return rule.complaint_days if rule else C.DEFAULT_COMPLAINT_DAYS


def complaint_clock(complaint: Complaint) -> tuple[dt.date | None, ClockRule | None]:
    """(start, rule) of the handling clock — the one owner of ``due_date``: running from the
    day it came in until it is answered or rejected, N working days of the rule in force then."""
    if complaint.status not in (C.ComplaintStatus.RECEIVED, C.ComplaintStatus.HANDLING):
        return None, None
    return complaint.received_on, ClockRule.working_days(
        complaint_days_in_force(complaint.received_on)
    )


def _office(actor: Any) -> None:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("公开投诉由政务公开办登记、分办和办结")


def _event(complaint: Complaint, label: str, note: str = "", actor: Any = None) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    ComplaintEvent.objects.create(complaint=complaint, label=label, note=note[:2000], actor=user)


def _sync_clock(complaint: Complaint) -> None:
    start, rule = complaint_clock(complaint)
    deadline_sync(
        subject=complaint,
        kind=C.COMPLAINT_DEADLINE,
        organisation=complaint.handler,
        start=start,
        rule=rule,
        label=f"公开投诉办理：{complaint.number}",
    )


def _save_numbered(complaint: Complaint) -> None:
    for _attempt in range(5):
        complaint.number = f"TS{complaint.received_on:%Y%m%d}{secrets.randbelow(10**5):05d}"
        try:
            with transaction.atomic():
                complaint.save()
            return
        except IntegrityError:
            continue
    raise ValidationError("投诉编号生成失败，请重试")


def _validate(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key, label, limit in (("subject", "投诉事项", 100), ("content", "投诉内容", 5000)):
        text = (data.get(key) or "").strip()
        if not text:
            errors[key] = f"请填写{label}"
        elif len(text) > limit:
            errors[key] = f"{label}不超过{limit}字"
    return errors


@transaction.atomic
def complaint_register(
    *,
    actor: Any,
    organisation: Organisation,
    channel: str,
    subject: str,
    content: str,
    received_on: dt.date | None = None,
    name: str = "",
    phone: str = "",
    email: str = "",
    about: str = "",
) -> Complaint:
    """A complaint taken by the 政务公开办 by phone, on site or by letter (补录 within 90 days;
    the clock runs from the day it came in). The complained-about organisation handles it
    until the office dispatches it elsewhere."""
    _office(actor)
    today = timezone.localdate()
    received_on = received_on or today
    errors = _validate({"subject": subject, "content": content})
    if channel not in C.ComplaintChannel.values or channel == C.ComplaintChannel.ONLINE:
        errors["channel"] = "请选择电话、现场或来信（网上投诉来自政民互动留言）"
    if not today - dt.timedelta(days=BACKFILL_DAYS) <= received_on <= today:
        errors["received_on"] = f"收到日期应在近{BACKFILL_DAYS}日内，且不晚于今天"
    if errors:
        raise ValidationError(errors)
    complaint = Complaint(
        channel=channel,
        organisation=organisation,
        handler=organisation,
        subject=subject.strip(),
        content=content.strip(),
        about=about.strip()[:100],
        received_on=received_on,
        name=name.strip()[:50],
        phone=phone.strip()[:20],
        email=email.strip()[:254],
        created_by=actor,
    )
    complaint.full_clean(exclude=["number"])
    _save_numbered(complaint)
    _event(complaint, "登记", f"{C.ComplaintChannel(channel).label}投诉", actor)
    _sync_clock(complaint)
    audit_record(
        actor=actor,
        action="complaint.register",
        obj=complaint,
        organisation=organisation,
        new={"channel": channel},
    )
    return complaint


def complaint_from_message(*, message: Any) -> Complaint | None:
    """A 政民互动 投诉 about a publication, catalog item or FOI application is a disclosure
    complaint: it is registered here too (once), with the message's day and clock start; the
    writer's contact stays in the message."""
    from gongkai.interaction.choices import Kind

    if message.kind != Kind.COMPLAINT:
        return None
    refs = [
        ("about_publication", "信息"),
        ("about_item", "事项"),
        ("about_application", "依申请公开"),
    ]
    about = ""
    for field, word in refs:
        target = getattr(message, field, None)
        if target is not None:
            about = f"{word}：{target}"[:100]
            break
    if not about:
        return None
    with transaction.atomic():
        existing = Complaint.objects.filter(message=message).first()
        if existing is not None:
            return existing
        complaint = Complaint(
            channel=C.ComplaintChannel.ONLINE,
            message=message,
            organisation=message.organisation,
            handler=message.organisation,
            subject=message.subject[:100],
            content=message.content[:5000],
            about=about,
            received_on=message.received_on,
        )
        _save_numbered(complaint)
        _event(complaint, "登记", f"来自政民互动留言 {message.number}")
        _sync_clock(complaint)
        audit_record(
            actor=None,
            action="complaint.register",
            obj=complaint,
            organisation=message.organisation,
            new={"channel": C.ComplaintChannel.ONLINE, "message": message.number},
        )
    return complaint


def _guard(complaint: Complaint, action: str) -> None:
    if not complaint.can(action):
        raise ValidationError(
            f"当前状态（{complaint.get_status_display()}）不能{C.ComplaintAction(action).label}"
        )


def _lock(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_dispatch(
    *, actor: Any, complaint: Complaint, organisation: Organisation, note: str = ""
) -> Complaint:
    """分办 to the organisation that must answer (itself, or one above or beside it); the clock
    keeps running from the day the complaint came in."""
    _office(actor)
    complaint = _lock(complaint)
    _guard(complaint, C.ComplaintAction.DISPATCH)
    complaint.handler = organisation
    complaint.status = C.ComplaintStatus.HANDLING
    complaint.save(update_fields=["handler", "status"])
    deadlines_move_organisation(complaint, organisation)
    _sync_clock(complaint)
    _event(
        complaint,
        "分办",
        f"交{organisation.name}办理" + (f"：{note.strip()}" if note else ""),
        actor,
    )
    audit_record(
        actor=actor, action="complaint.dispatch", obj=complaint, new={"to": organisation.name}
    )
    return complaint


@transaction.atomic
def complaint_answer(*, actor: Any, complaint: Complaint, text: str, finding: str) -> Complaint:
    """The handling organisation answers with its finding; the clock closes on that day and
    the complainant is told at the contact they gave."""
    complaint = _lock(complaint)
    if not (can_edit_org(actor, complaint.handler_id) or is_office(actor)):
        raise PermissionDenied("只有承办机构或政务公开办可以答复")
    _guard(complaint, C.ComplaintAction.ANSWER)
    errors = {}
    if not text.strip():
        errors["text"] = "请填写答复内容"
    elif len(text) > 5000:
        errors["text"] = "答复内容不超过5000字"
    if finding not in C.Finding.values:
        errors["finding"] = "请选择调查结论"
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    complaint.answer, complaint.finding = text.strip(), finding
    complaint.status, complaint.answered_on = C.ComplaintStatus.ANSWERED, today
    complaint.save(update_fields=["answer", "finding", "status", "answered_on"])
    deadlines_close_for(complaint, on=today)
    _event(complaint, "答复", C.Finding(finding).label, actor)
    audit_record(actor=actor, action="complaint.answer", obj=complaint, new={"finding": finding})
    if complaint.phone or complaint.email:
        notice_queue(
            purpose=f"supervision.{complaint.number}",
            text=f"【政务公开】您的投诉（编号{complaint.number}）已答复：{text.strip()[:300]}",
            phone=complaint.phone,
            email=complaint.email,
            subject="【政务公开】投诉答复",
        )
    return complaint


@transaction.atomic
def complaint_close(
    *, actor: Any, complaint: Complaint, feedback: str = "", note: str = ""
) -> Complaint:
    """办结, with the complainant's view of the answer when they gave one (回访)."""
    _office(actor)
    complaint = _lock(complaint)
    _guard(complaint, C.ComplaintAction.CLOSE)
    if feedback and feedback not in C.Feedback.values:
        raise ValidationError({"feedback": "请选择投诉人评价"})
    complaint.status, complaint.feedback = C.ComplaintStatus.CLOSED, feedback
    complaint.closed_on = timezone.localdate()
    complaint.save(update_fields=["status", "feedback", "closed_on"])
    label = C.Feedback(feedback).label if feedback else "未评价"
    _event(complaint, "办结", f"投诉人评价：{label}" + (f"；{note.strip()}" if note else ""), actor)
    audit_record(actor=actor, action="complaint.close", obj=complaint, new={"feedback": feedback})
    return complaint


@transaction.atomic
def complaint_reject(*, actor: Any, complaint: Complaint, reason: str) -> Complaint:
    """不予受理 (not about 政府信息公开工作, or already handled): a decision, so it meets the
    clock like an answer does."""
    _office(actor)
    complaint = _lock(complaint)
    _guard(complaint, C.ComplaintAction.REJECT)
    if not reason.strip():
        raise ValidationError({"reason": "请填写不予受理的理由"})
    complaint.status, complaint.reject_reason = C.ComplaintStatus.REJECTED, reason.strip()[:300]
    complaint.closed_on = timezone.localdate()
    complaint.save(update_fields=["status", "reject_reason", "closed_on"])
    deadlines_close_for(complaint, on=complaint.closed_on)
    _event(complaint, "不予受理", complaint.reject_reason, actor)
    audit_record(actor=actor, action="complaint.reject", obj=complaint)
    return complaint
