"""依申请公开 use cases: receipt, clock, 补正, extension, consultation, fees, decision.

Every action asks the model whether it is allowed (``Application.can``; the states and
transitions are declared in foi/models.py), every dated step is checked against the case's
history, and every date on the law clock is refreshed through ``core.deadlines.deadline_sync``
from the subject's own rule (``Application.reply_clock``). Docs: docs/foi.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_view_org, is_office, is_staff_user, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import (
    deadline_sync,
    deadlines_cancel_for,
    deadlines_close_for,
    deadlines_move_organisation,
)
from gongkai.core.errors import Conflict
from gongkai.core.querycode import query_code_find, query_code_new
from gongkai.core.workdays import ClockRangeError, check_clock_range, working_days_between
from gongkai.foi import law
from gongkai.foi.law import OUTCOME_BY_CODE, Channel
from gongkai.foi.models import (
    REFUSALS,
    Action,
    Application,
    Consultation,
    Event,
    EventKind,
    Status,
)

# deadline kinds this app registers (foi/apps.py)
REPLY = "foi.reply"  # 条例 第三十三条
CORRECTION_NOTICE = "foi.correction_notice"  # 条例 第三十条 (7 working days to ask)
FEE_PAYMENT = "foi.fee_payment"  # the applicant's 20 working days to pay
CONSULTATION = "foi.consultation"  # 条例 第三十二条、第三十四条 (15 working days to answer)


def _today() -> dt.date:
    return timezone.localdate()


def _guard(app: Application, action: str) -> None:
    """Refuse what the model says is not allowed now (foi.models.ALLOWED_FROM)."""
    if not app.can(action):
        raise Conflict(REFUSALS[action])


def _fmt(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}"


def _step_date(
    app: Application,
    on: dt.date | None,
    *,
    label: str,
    not_before: tuple[tuple[dt.date | None, str], ...] = (),
) -> dt.date:
    """The date of a step: given (paper post registered later) or today, never in the future,
    never before the case's last step or the dates named in ``not_before``."""
    today = _today()
    on = on or today
    try:
        check_clock_range(on)
    except ClockRangeError as exc:
        raise ValidationError({"on": f"{label}：{exc}"}) from exc
    if on > today:
        raise ValidationError({"on": f"{label}不能晚于今天（{_fmt(today)}）"})
    last = app.last_step_on() if app.pk else None
    if last and on < last:
        raise ValidationError({"on": f"{label}不能早于上一办理步骤的日期（{_fmt(last)}）"})
    for earliest, what in not_before:
        if earliest and on < earliest:
            raise ValidationError({"on": f"{label}不能早于{what}（{_fmt(earliest)}）"})
    return on


def _event(
    app: Application,
    kind: str,
    label: str,
    *,
    on: dt.date | None = None,
    actor: Any = None,
    public: bool = True,
    note: str = "",
) -> Event:
    return Event.objects.create(
        application=app,
        kind=kind,
        label=label,
        on=on or _today(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=public,
        note=note,
    )


def received_on_for(
    channel: str, submitted_on: dt.date, confirmed_on: dt.date | None
) -> dt.date | None:
    """收到申请之日 by channel (条例 第三十一条; 207号 for e-mail)."""
    if channel in (Channel.IN_PERSON, Channel.EMAIL):
        return submitted_on  # (一) 提交之日; 电子邮件系统接收之日
    if channel == Channel.ONLINE:
        return confirmed_on or submitted_on  # (三) 双方确认之日: the platform confirms at once
    return confirmed_on  # 邮寄签收之日, or the date of 双方确认 (平信, 传真, 其他)


def applicant_key(data: dict[str, Any]) -> str:
    """Who applies, for 按件 fees (办法 第四条) and submission limits: a one-way hash."""
    raw = data.get("uscc") or data.get("id_number") or f"{data.get('name')}|{data.get('phone')}"
    return hashlib.sha256(raw.strip().upper().encode()).hexdigest()


def _working_day_clock(
    subject: Any, kind: str, app: Application, start: dt.date, days: int, label: str
) -> None:
    """Open (or move) a clock of ``days`` working days from ``start`` on ``subject``."""
    deadline_sync(
        subject=subject,
        kind=kind,
        organisation=app.organisation,
        start=start,
        rule=ClockRule.working_days(days),
        label=label,
    )


def _sync_clock(app: Application) -> None:
    """Refresh reply_due (and its Deadline) from the application's own rule, then save."""
    start, rule = app.reply_clock()
    deadline_sync(
        subject=app,
        kind=REPLY,
        organisation=app.organisation,
        start=start,
        rule=rule,
        label=f"依申请公开答复：{app.receipt_no}",
    )
    app.save()


def _new_receipt_no(on: dt.date) -> str:
    return f"YSQ{on:%Y%m%d}{secrets.randbelow(10**5):05d}"


def application_submit(
    *,
    data: dict[str, Any],
    organisation: Organisation,
    channel: str = Channel.ONLINE,
    submitted_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    actor: Any = None,
    user: Any = None,
    files: list[Any] | None = None,
) -> tuple[Application, str]:
    """A new application; returns it and the plain 查询码 (shown once, stored hashed).

    Everything slow — validation, hashing the query code, checking uploads — happens before
    the write transaction opens: on SQLite that transaction holds the one write lock, and 50
    citizens submitting at once queue behind it (docs/foi.md, issue 10).
    """
    if channel != Channel.ONLINE and not (
        is_staff_user(actor) and can_view_org(actor, organisation.pk)
    ):
        raise PermissionDenied("线下申请须由受理机关工作人员登记")
    today = _today()
    submitted_on = submitted_on or today
    for value, label in ((submitted_on, "提交日期"), (confirmed_on, "确认/签收日期")):
        if value is None:
            continue
        try:
            check_clock_range(value)
        except ClockRangeError as exc:
            raise ValidationError(f"{label}：{exc}") from exc
        if value > today:
            raise ValidationError(f"{label}不能晚于今天（{_fmt(today)}）")
    if confirmed_on and confirmed_on < submitted_on:
        raise ValidationError({"confirmed_on": "确认/签收日期不能早于提交日期"})
    if data.get("id_number") and not data.get("id_type"):
        data = {**data, "id_type": "居民身份证"}  # the form and the API only take 身份证号码
    code, code_hash = query_code_new()
    app = Application(
        organisation=organisation,
        channel=channel,
        submitted_on=submitted_on,
        confirmed_on=confirmed_on,
        user=user,
        query_code_hash=code_hash,
        applicant_key=applicant_key(data),
        **data,
    )
    if channel == Channel.ONLINE:
        app.confirmed_on = submitted_on
    app.received_on = received_on_for(channel, submitted_on, app.confirmed_on)
    if channel == Channel.POST_SIGNED and not confirmed_on:
        raise ValidationError({"confirmed_on": "邮寄申请请填写签收日期"})
    app.status = Status.PROCESSING if app.received_on else Status.AWAITING_CONFIRMATION
    app.clock_start = app.received_on
    app.full_clean(exclude=["receipt_no", "query_code_hash", "applicant_key", "status"])
    checked = _check_files(files or [])
    with transaction.atomic():
        _store_submission(app, checked, channel=channel, actor=actor)
    return app, code


def _store_submission(
    app: Application, files: list[tuple[Any, str]], *, channel: str, actor: Any
) -> None:
    for _attempt in range(5):
        app.receipt_no = _new_receipt_no(app.submitted_on)
        try:
            with transaction.atomic():
                app.save()
            break
        except IntegrityError:
            continue
    _attach_files(app, files)
    _event(
        app,
        EventKind.SUBMITTED,
        f"提交申请（{Channel(channel).label}）",
        on=app.submitted_on,
        actor=actor,
    )
    if app.received_on:
        _on_received(app, actor=actor)
    audit_record(
        actor=actor,
        action="foi.submit",
        obj=app,
        organisation=app.organisation,
        new={"channel": channel, "received_on": app.received_on},
    )


MAX_APPLICATION_FILE = 10 * 1024 * 1024


def _check_files(files: list[Any]) -> list[tuple[Any, str]]:
    """Each upload with its kind, checked by content like publication attachments."""
    from gongkai.core.files import inspect_uploads

    return inspect_uploads(files, max_bytes=MAX_APPLICATION_FILE)


def _attach_files(app: Application, files: list[tuple[Any, str]]) -> None:
    """Stored privately (never under /media/)."""
    from gongkai.foi.models import ApplicationFile

    for f, kind in files:
        ApplicationFile.objects.create(
            application=app, file=f, name=f.name[:200], kind=kind, size=f.size
        )


def _on_received(app: Application, *, actor: Any) -> None:
    _event(app, EventKind.RECEIVED, "收到申请", on=app.received_on, actor=actor)
    _working_day_clock(
        app,
        CORRECTION_NOTICE,
        app,
        app.received_on,
        law.CORRECTION_NOTICE_WORKING_DAYS,
        f"补正告知期限：{app.receipt_no}",
    )
    _sync_clock(app)


def _require_handler(actor: Any, app: Application) -> None:
    if not (is_staff_user(actor) and can_view_org(actor, app.organisation_id)):
        raise PermissionDenied("您无权办理其他机关的申请")


def _lock(app: Application) -> Application:
    return Application.objects.select_for_update().get(pk=app.pk)


@transaction.atomic
def application_confirm(*, actor: Any, app: Application, on: dt.date | None = None) -> Application:
    """双方确认 for 平信, 传真 and other channels (条例 第三十一条)."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.CONFIRM)
    on = _step_date(app, on, label="确认日期", not_before=((app.submitted_on, "提交日期"),))
    app.confirmed_on = app.received_on = app.clock_start = on
    app.status = Status.PROCESSING
    _event(app, EventKind.CONFIRMED, "与申请人确认收到申请", on=on, actor=actor)
    _on_received(app, actor=actor)
    return app


@transaction.atomic
def correction_request(
    *, actor: Any, app: Application, items: str, deadline: dt.date, on: dt.date | None = None
) -> Application:
    """One consolidated 补正 notice; the reply clock stops and restarts on correction (第三十条)."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.REQUEST_CORRECTION)
    on = _step_date(app, on, label="告知补正日期", not_before=((app.received_on, "收到申请之日"),))
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项"})
    if deadline <= on:
        raise ValidationError({"deadline": "补正期限应晚于告知日期"})
    if (deadline - on).days > 366:
        raise ValidationError({"deadline": "补正期限应当合理（不超过一年）"})
    late = working_days_between(app.received_on, on) > law.CORRECTION_NOTICE_WORKING_DAYS
    app.status, app.correction_deadline, app.clock_start = (
        Status.AWAITING_CORRECTION,
        deadline,
        None,
    )
    deadlines_close_for(app, on=on, kinds=[CORRECTION_NOTICE])
    _event(
        app,
        EventKind.CORRECTION_REQUESTED,
        f"告知补正，补正期限 {deadline:%Y-%m-%d}",
        on=on,
        actor=actor,
        note=items + ("（超过7个工作日告知）" if late else ""),
    )
    _sync_clock(app)
    return app


@transaction.atomic
def correction_submit(
    *, app: Application, text: str, on: dt.date | None = None, actor: Any = None
) -> Application:
    """The corrected application arrives: a fresh 20 working days from that day (第三十条)."""
    app = _lock(app)
    if is_staff_user(actor):
        _require_handler(actor, app)
    _guard(app, Action.REGISTER_CORRECTION)
    notice_on = (
        app.events.filter(kind=EventKind.CORRECTION_REQUESTED).values_list("on", flat=True).first()
    )
    on = _step_date(app, on, label="收到补正日期", not_before=((notice_on, "告知补正日期"),))
    if not text.strip():
        raise ValidationError({"text": "请填写补正内容"})
    app.description = f"{app.description}\n【补正 {on:%Y-%m-%d}】{text.strip()}"
    app.status, app.clock_start = Status.PROCESSING, on
    app.extension_days = app.excessive_days = app.paused_days = 0
    _event(app, EventKind.CORRECTED, "收到补正后的申请，答复期限重新计算", on=on, actor=actor)
    _sync_clock(app)
    return app


@transaction.atomic
def extension_approve(
    *, actor: Any, app: Application, days: int, reason: str, on: dt.date | None = None
) -> Application:
    """One extension ≤ 20 working days, approved by the 政府信息公开工作机构负责人 (第三十三条)."""
    app = _lock(app)
    _require_handler(actor, app)
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("延期须经政府信息公开工作机构负责人同意")
    _guard(app, Action.EXTEND)
    on = _step_date(
        app, on, label="同意延期日期", not_before=((app.clock_start, "答复期限起算日"),)
    )
    if app.status == Status.PROCESSING and app.reply_due and on > app.reply_due:
        raise ValidationError({"on": f"延期应在答复期限（{_fmt(app.reply_due)}）届满前决定"})
    if not 1 <= days <= law.MAX_EXTENSION_WORKING_DAYS:
        raise ValidationError({"days": "延长的期限应为1至20个工作日"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由"})
    app.extension_days = days
    _sync_clock(app)
    _event(
        app,
        EventKind.EXTENDED,
        f"经负责人同意延期{days}个工作日，新的答复期限 {app.reply_due:%Y-%m-%d}",
        on=on,
        actor=actor,
        note=reason,
    )
    audit_record(
        actor=actor,
        action="foi.extend",
        obj=app,
        organisation=app.organisation,
        new={"days": days, "reply_due": app.reply_due},
        note=reason,
    )
    return app


@transaction.atomic
def consultation_start(
    *, actor: Any, app: Application, kind: str, party: str, sent_on: dt.date | None = None
) -> Consultation:
    """征求意见书 (第三十二条 third party / 第三十四条 agency): 15 working days to answer."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.CONSULT)
    sent_on = _step_date(
        app, sent_on, label="征求意见书送达日期", not_before=((app.clock_start, "答复期限起算日"),)
    )
    if kind not in (Consultation.THIRD_PARTY, Consultation.AGENCY):
        raise ValidationError({"kind": "请选择第三方或其他机关"})
    if not party.strip():
        raise ValidationError({"party": "请填写被征求意见方的名称"})
    consultation = Consultation.objects.create(
        application=app, kind=kind, party=party.strip()[:100], sent_on=sent_on, opinion_due=sent_on
    )
    _working_day_clock(
        consultation,
        CONSULTATION,
        app,
        sent_on,
        law.CONSULTATION_WORKING_DAYS,
        f"征求意见期限：{app.receipt_no} {consultation.party}",
    )
    consultation.save()
    app.status = Status.CONSULTING
    _sync_clock(app)
    _event(
        app,
        EventKind.CONSULTING,
        "征求第三方或有关机关意见（所需时间不计入答复期限）",
        on=sent_on,
        actor=actor,
        note=f"{consultation.party}，意见期限 {consultation.opinion_due:%Y-%m-%d}",
    )
    return consultation


@transaction.atomic
def consultation_answer(
    *,
    actor: Any,
    consultation: Consultation,
    answered_on: dt.date | None,
    agrees: bool | None,
    reasons: str = "",
) -> Application:
    """Record the answer (or its absence at the deadline); the waiting days leave the clock."""
    app = _lock(consultation.application)
    _require_handler(actor, app)
    _guard(app, Action.ANSWER_CONSULTATION)
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    consultation.refresh_from_db()  # the caller's instance shows the recorded answer
    if consultation.answered_on or consultation.agrees is not None:
        raise ValidationError("该征求意见已登记")
    if answered_on is not None:
        answered_on = _step_date(
            app, answered_on, label="收到意见日期", not_before=((consultation.sent_on, "送达日期"),)
        )
    elif consultation.opinion_due >= _today():
        due = _fmt(consultation.opinion_due)
        raise ValidationError({"answered_on": f"意见期限（{due}）尚未届满，请填写收到意见日期"})
    end = min(answered_on, consultation.opinion_due) if answered_on else consultation.opinion_due
    consultation.answered_on, consultation.agrees, consultation.reasons = (
        answered_on,
        agrees,
        reasons,
    )
    consultation.excluded_days = max(0, working_days_between(consultation.sent_on, end))
    consultation.save()
    deadlines_close_for(consultation, on=answered_on or consultation.opinion_due)
    app.paused_days += consultation.excluded_days
    if (
        not app.consultations.filter(answered_on__isnull=True, agrees__isnull=True)
        .exclude(pk=consultation.pk)
        .exists()
    ):
        app.status = Status.PROCESSING
    _sync_clock(app)
    _event(
        app,
        EventKind.CONSULTED,
        f"收到意见（不计入期限 {consultation.excluded_days} 个工作日）",
        on=answered_on or consultation.opinion_due,
        actor=actor,
        public=True,
    )
    return app


def month_items_before(app: Application) -> int:
    """办法 第四条: the applicant's applications earlier in the same natural month.

    "同一申请人一个自然月内累计申请" counts every application, whether or not it was charged;
    an earlier one split by 一事一申请 counts as its number of items. The month is that of the
    application's receipt (收到申请之日, 条例 第三十一条), or of its submission while unconfirmed.
    """
    day = app.received_on or app.submitted_on
    earlier = (
        Application.objects.filter(applicant_key=app.applicant_key)
        .exclude(pk=app.pk)
        .annotate(day=Coalesce("received_on", "submitted_on"))
        .filter(day__year=day.year, day__month=day.month)
        .filter(Q(day__lt=day) | Q(day=day, pk__lt=app.pk))
        .values_list("fee_basis", "fee_quantity")
    )
    return sum(max(1, quantity) if basis == "item" else 1 for basis, quantity in earlier)


@transaction.atomic
def fee_notice(
    *, actor: Any, app: Application, basis: str, quantity: int, on: dt.date | None = None
) -> Application:
    """收费通知: amount by the progressive bands; 20 working days to pay (cn-rules §1.5).

    按件 (办法 第四条): this application's items come after every earlier application of the
    applicant in the month. 按量 (第五条): the pages of this application alone (第三条).
    """
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.FEE_NOTICE)
    on = _step_date(
        app, on, label="收费通知日期", not_before=((app.clock_start, "答复期限起算日"),)
    )
    limit = law.MAX_FEE_ITEMS if basis == "item" else law.MAX_FEE_PAGES
    if basis not in ("item", "volume"):
        raise ValidationError({"basis": "请选择按件计收或按量计收"})
    if not 1 <= quantity <= limit:
        raise ValidationError(
            {"quantity": f"{'件数' if basis == 'item' else '页数'}应在1至{limit}之间"}
        )
    if basis == "item":
        already = month_items_before(app)
        amount = law.fee_per_item(already, quantity)
        why = f"本月此前已申请{already}件，本申请为第{already + 1}件起"
    else:
        amount, why = law.fee_per_volume(quantity), f"本申请共{quantity}页"
    if amount == 0:
        raise ValidationError(f"按规定无需收费（{why}）")
    app.fee_basis, app.fee_quantity, app.fee_amount = basis, quantity, amount
    app.fee_noticed_on = on
    app.status = Status.AWAITING_FEE
    _working_day_clock(
        app,
        FEE_PAYMENT,
        app,
        on,
        law.FEE_PAYMENT_WORKING_DAYS,
        f"缴纳信息处理费期限：{app.receipt_no}",
    )
    _sync_clock(app)
    _event(
        app,
        EventKind.FEE_NOTICE,
        f"发出收费通知：{amount}元，缴费期限 {app.fee_due:%Y-%m-%d}",
        on=on,
        actor=actor,
        note=why,
    )
    return app


@transaction.atomic
def fee_paid(*, actor: Any, app: Application, on: dt.date | None = None) -> Application:
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.FEE_PAID)
    on = _step_date(app, on, label="缴费日期", not_before=((app.fee_noticed_on, "收费通知日期"),))
    deadlines_close_for(app, on=on, kinds=[FEE_PAYMENT])
    app.fee_paid_on = on
    app.paused_days += max(0, working_days_between(app.fee_noticed_on, on))
    app.status = Status.PROCESSING
    _sync_clock(app)
    _event(app, EventKind.FEE_PAID, "已缴纳信息处理费", on=on, actor=actor)
    return app


@transaction.atomic
def secrecy_review(*, actor: Any, app: Application) -> Application:
    """保密审查 sign-off before anything is released (条例 第十七条)."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.SECRECY_REVIEW)
    if app.handler_id and app.handler_id == actor.pk:
        raise ValidationError("保密审查应由承办人以外的人员进行")
    app.secrecy_reviewed_by = actor
    app.save(update_fields=["secrecy_reviewed_by", "updated_at"])
    _event(app, EventKind.SECRECY_REVIEWED, "完成保密审查", actor=actor, public=False)
    return app


@transaction.atomic
def application_decide(
    *,
    actor: Any,
    app: Application,
    outcome: str,
    reply_text: str,
    on: dt.date | None = None,
    public_interest_reason: str = "",
) -> Application:
    """Reply with exactly one annual-report outcome (条例 第三十六条至第三十九条)."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.DECIDE)
    on = _step_date(app, on, label="答复日期", not_before=((app.clock_start, "答复期限起算日"),))
    row = OUTCOME_BY_CODE.get(outcome)
    if row is None or row.system_only:
        raise ValidationError({"outcome": "请选择办理结果"})
    if not reply_text.strip():
        raise ValidationError({"reply_text": "请填写答复内容"})
    if row.releases and not app.secrecy_reviewed_by_id:
        raise ValidationError("提供政府信息前须完成保密审查（条例第十七条）")
    objected = app.consultations.filter(kind=Consultation.THIRD_PARTY, agrees=False).exists()
    if row.releases and objected and not public_interest_reason.strip():
        raise ValidationError(
            "第三方不同意公开且有合理理由的，不予公开；确因公共利益需要公开的，请填写理由并书面告知第三方（条例第三十二条）"
        )
    app.outcome, app.reply_text, app.replied_on, app.status = (
        outcome,
        reply_text.strip(),
        on,
        Status.REPLIED,
    )
    # the reply meets the reply clock; a 补正 notice never sent is no longer due
    deadlines_close_for(app, on=on, kinds=[REPLY], cancel=[CORRECTION_NOTICE, FEE_PAYMENT])
    app.save()
    _event(app, EventKind.REPLIED, f"作出答复：{row.label.split('（')[0]}", on=on, actor=actor)
    if objected and row.releases:
        _event(
            app,
            EventKind.THIRD_PARTY_NOTICE,
            "书面告知第三方决定公开的内容和理由",
            on=on,
            actor=actor,
            public=False,
            note=public_interest_reason,
        )
    audit_record(
        actor=actor,
        action="foi.decide",
        obj=app,
        organisation=app.organisation,
        new={"outcome": outcome, "replied_on": on},
    )
    return app


@transaction.atomic
def application_close_abandoned(*, today: dt.date | None = None) -> int:
    """补正 or payment not made in time → 视为放弃 (第三十条; 办法), rows （六）1 and （六）2."""
    today = today or _today()
    closed = 0
    for app in Application.objects.select_for_update().filter(
        status=Status.AWAITING_CORRECTION, correction_deadline__lt=today
    ):
        _close(app, law.ABANDONED_NO_CORRECTION, "申请人逾期未补正，视为放弃申请", today)
        closed += 1
    for app in Application.objects.select_for_update().filter(
        status=Status.AWAITING_FEE, fee_due__lt=today
    ):
        _close(app, law.ABANDONED_NO_PAYMENT, "申请人逾期未缴纳信息处理费，视为放弃申请", today)
        closed += 1
    return closed


def _close(app: Application, outcome: str, label: str, on: dt.date) -> None:
    _guard(app, Action.ABANDON)
    app.outcome, app.status, app.replied_on = outcome, Status.CLOSED, on
    deadlines_cancel_for(app)
    app.save()
    _event(app, EventKind.ABANDONED, label, on=on)
    audit_record(
        actor=None,
        action="foi.abandoned",
        obj=app,
        organisation=app.organisation,
        new={"outcome": outcome},
    )


@transaction.atomic
def application_withdraw(*, app: Application, on: dt.date | None = None) -> Application:
    app = _lock(app)
    _guard(app, Action.WITHDRAW)
    on = _step_date(app, on, label="撤回日期")
    app.status, app.outcome, app.replied_on = Status.WITHDRAWN, law.OTHER_OUTCOME, on
    deadlines_cancel_for(app)
    app.save()
    _event(app, EventKind.WITHDRAWN, "申请人撤回申请", on=on)
    return app


def application_for_tracking(*, receipt_no: str, code: str) -> Application | None:
    """No login: receipt number + 查询码. Same answer for unknown number and wrong code."""
    return query_code_find(
        Application.objects.all(), number_field="receipt_no", number=receipt_no, code=code
    )


@transaction.atomic
def application_transfer(
    *, actor: Any, app: Application, to: Organisation, reason: str
) -> Application:
    """Route to the organisation responsible for the information, with reasons."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.TRANSFER)
    if to.pk == app.organisation_id:
        raise ValidationError({"to": "请选择其他机关"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写转办理由"})
    old = app.organisation
    app.organisation, app.handler = to, None
    app.save()
    deadlines_move_organisation(app, to)
    _event(app, EventKind.TRANSFERRED, f"转由{to.name}办理", actor=actor, note=reason)
    audit_record(
        actor=actor,
        action="foi.transfer",
        obj=app,
        organisation=old,
        old={"organisation": old.name},
        new={"organisation": to.name},
        note=reason,
    )
    return app


@transaction.atomic
def application_assign(*, actor: Any, app: Application, handler: Any) -> Application:
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.ASSIGN)
    if handler.organisation_id != app.organisation_id or not is_staff_user(handler):
        raise ValidationError({"handler": "承办人须为本机关工作人员"})
    app.handler = handler
    app.save(update_fields=["handler", "updated_at"])
    _event(
        app,
        EventKind.ASSIGNED,
        f"指定承办人：{handler.get_full_name() or handler.username}",
        actor=actor,
        public=False,
    )
    return app


@transaction.atomic
def challenge_record(
    *,
    actor: Any,
    app: Application,
    kind: str,
    filed_on: dt.date,
    result: str = "pending",
    decided_on: dt.date | None = None,
    note: str = "",
) -> Any:
    from gongkai.foi.models import Challenge

    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.CHALLENGE)
    if kind not in dict(Challenge.KINDS) or result not in dict(Challenge.RESULTS):
        raise ValidationError("请选择复议或诉讼类型及结果")
    today = _today()
    if filed_on > today or (app.replied_on and filed_on < app.replied_on):
        raise ValidationError(
            {"filed_on": f"提起日期应在答复日期（{_fmt(app.replied_on or today)}）与今天之间"}
        )
    if result != "pending" and not decided_on:
        raise ValidationError({"decided_on": "已审结的请填写审结日期"})
    if decided_on and not filed_on <= decided_on <= today:
        raise ValidationError({"decided_on": "审结日期应在提起日期与今天之间"})
    challenge = Challenge.objects.create(
        application=app,
        kind=kind,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        note=note,
    )
    _event(
        app,
        EventKind.CHALLENGE,
        f"登记{challenge.get_kind_display()}：{challenge.get_result_display()}",
        on=filed_on,
        actor=actor,
        public=False,
    )
    return challenge


def released_file_attach(*, actor: Any, app: Application, file: Any) -> Any:
    """Attach information released with a reply that grants it (条例 第三十六条第二项、第三项);
    the applicant downloads it after opening the application with its query code.

    The file is inspected (type by content, size) before the transaction opens, so a slow
    upload check never holds the write lock (docs/foi.md).
    """
    from gongkai.core.files import inspect_attachment
    from gongkai.foi.models import ApplicationFile

    _require_handler(actor, app)
    kind, digest = inspect_attachment(file.name, file, file.size)
    with transaction.atomic():
        app = _lock(app)
        _guard(app, Action.RELEASE)
        if not app.secrecy_reviewed_by_id:
            raise ValidationError("提供政府信息前须完成保密审查（条例第十七条）")
        stored = ApplicationFile.objects.create(
            application=app,
            file=file,
            name=file.name[:200],
            kind=kind,
            size=file.size,
            released=True,
        )
        _event(app, EventKind.RELEASED, f"提供政府信息：{stored.name}", actor=actor)
        audit_record(
            actor=actor,
            action="foi.release",
            obj=app,
            organisation=app.organisation,
            new={"file": stored.name, "sha256": digest},
        )
    return stored


@transaction.atomic
def application_to_proactive(*, actor: Any, app: Application, catalog_item: Any = None) -> Any:
    """转主动公开 (条例 第四十四条): a draft publication from a released reply, for review."""
    from gongkai.publishing.services import publication_create

    _require_handler(actor, app)
    _guard(app, Action.TO_PROACTIVE)
    pub = publication_create(
        actor=actor,
        data={
            "organisation": app.organisation,
            "title": f"依申请公开转主动公开：{app.description[:60]}",
            "body": f"<p>{app.reply_text}</p>",
            "formed_on": _today(),
            "genre": "other",
            "catalog_items": [catalog_item] if catalog_item else [],
            "keywords": "依申请公开转主动公开",
        },
    )
    _event(app, EventKind.TO_PROACTIVE, "纳入主动公开范围（条例第四十四条）", actor=actor)
    return pub


@transaction.atomic
def excessive_ask_reasons(
    *, actor: Any, app: Application, reply_by: dt.date, on: dt.date | None = None
) -> Application:
    """数量、频次明显超过合理范围: ask the applicant for reasons first (条例 第三十五条)."""
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.EXCESSIVE_ASK)
    on = _step_date(app, on, label="要求说明理由日期")
    if reply_by <= on or (reply_by - on).days > 366:
        raise ValidationError({"reply_by": "说明理由的期限应晚于今天且不超过一年"})
    _event(
        app,
        EventKind.EXCESSIVE_ASKED,
        f"申请数量、频次明显超过合理范围，请于{reply_by:%Y-%m-%d}前说明理由",
        on=on,
        actor=actor,
    )
    return app


MAX_EXCESSIVE_WORKING_DAYS = 250  # about a year: 条例 第三十五条 says "合理期限", we bound it


@transaction.atomic
def excessive_set_period(
    *, actor: Any, app: Application, due: dt.date, reason: str, on: dt.date | None = None
) -> Application:
    """Reasons accepted but 20 days are not enough: a reasonable later date, told to the applicant.

    A period of its own (``excessive_days``), separate from 第三十三条's one extension, and not
    capped at 20 working days (条例 第三十五条).
    """
    app = _lock(app)
    _require_handler(actor, app)
    _guard(app, Action.EXCESSIVE_PERIOD)
    on = _step_date(app, on, label="确定期限日期")
    if not app.reply_due or due <= app.reply_due:
        raise ValidationError({"due": "合理期限应晚于现在的答复期限"})
    try:
        days = working_days_between(app.reply_due, due)
    except ClockRangeError as exc:
        raise ValidationError({"due": str(exc)}) from exc
    if days > MAX_EXCESSIVE_WORKING_DAYS:
        raise ValidationError(
            {"due": f"合理期限不宜超过现答复期限后{MAX_EXCESSIVE_WORKING_DAYS}个工作日"}
        )
    if not reason.strip():
        raise ValidationError({"reason": "请填写确定该期限的理由"})
    app.excessive_days = days
    _sync_clock(app)
    _event(
        app,
        EventKind.EXCESSIVE_PERIOD,
        f"确定延迟答复的合理期限至 {app.reply_due:%Y-%m-%d}",
        on=on,
        actor=actor,
        note=reason,
    )
    return app
