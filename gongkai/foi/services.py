"""依申请公开 use cases: receipt, clock, 补正, extension, consultation, fees, decision.

Every deadline is on the law clock (core.workdays) and registered as a core Deadline, so a
holiday-table change recomputes it. Docs: docs/foi.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_view_org, is_office, is_staff_user, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.core.deadlines import deadline_close, deadline_open, deadlines_open_for
from gongkai.core.workdays import add_working_days, working_days_between
from gongkai.foi import law
from gongkai.foi.law import OUTCOME_BY_CODE, Channel
from gongkai.foi.models import OPEN_STATUSES, Application, Consultation, Event, Status

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _today() -> dt.date:
    return timezone.localdate()


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


def _applicant_key(data: dict[str, Any]) -> str:
    raw = data.get("uscc") or data.get("id_number") or f"{data.get('name')}|{data.get('phone')}"
    return hashlib.sha256(raw.strip().upper().encode()).hexdigest()


def _sync_clock(app: Application) -> None:
    """reply_due = clock_start + 20 (+ extension) (+ excluded days), 条例 第三十三条."""
    for deadline in deadlines_open_for(app):
        if deadline.kind == "foi.reply":
            deadline_close(deadline=deadline, cancelled=True)
    if not app.clock_start or app.status not in (
        Status.PROCESSING,
        Status.CONSULTING,
        Status.AWAITING_FEE,
    ):
        app.save()
        return
    days = law.REPLY_WORKING_DAYS + app.extension_days + app.paused_days
    result = add_working_days(app.clock_start, days)
    app.reply_due, app.due_is_estimate = result.due, result.is_estimate
    app.save()
    deadline_open(
        subject=app,
        organisation=app.organisation,
        kind="foi.reply",
        label=f"依申请公开答复：{app.receipt_no}",
        start_date=app.clock_start,
        working_days=days,
        legal_basis="条例第三十三条",
    )


def _new_receipt_no(on: dt.date) -> str:
    return f"YSQ{on:%Y%m%d}{secrets.randbelow(10**5):05d}"


@transaction.atomic
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
    """A new application; returns it and the plain 查询码 (shown once, stored hashed)."""
    if channel != Channel.ONLINE and not (
        is_staff_user(actor) and can_view_org(actor, organisation.pk)
    ):
        raise PermissionDenied("线下申请须由受理机关工作人员登记")
    submitted_on = submitted_on or _today()
    if data.get("id_number") and not data.get("id_type"):
        data = {**data, "id_type": "居民身份证"}  # the form and the API only take 身份证号码
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    app = Application(
        organisation=organisation,
        channel=channel,
        submitted_on=submitted_on,
        confirmed_on=confirmed_on,
        user=user,
        query_code_hash=make_password(code),
        applicant_key=_applicant_key(data),
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
    for _attempt in range(5):
        app.receipt_no = _new_receipt_no(submitted_on)
        try:
            with transaction.atomic():
                app.save()
            break
        except IntegrityError:
            continue
    _attach_files(app, files or [])
    _event(app, "submitted", f"提交申请（{Channel(channel).label}）", on=submitted_on, actor=actor)
    if app.received_on:
        _on_received(app, actor=actor)
    audit_record(
        actor=actor,
        action="foi.submit",
        obj=app,
        organisation=organisation,
        new={"channel": channel, "received_on": app.received_on},
    )
    return app, code


MAX_APPLICATION_FILE = 10 * 1024 * 1024


def _attach_files(app: Application, files: list[Any]) -> None:
    """Checked by content like publication attachments; stored privately (never under /media/)."""
    from gongkai.foi.models import ApplicationFile
    from gongkai.publishing.files import inspect_attachment

    for f in files:
        if f.size > MAX_APPLICATION_FILE:
            raise ValidationError(f"附件“{f.name}”超过10MB")
        kind, _digest = inspect_attachment(f.name, f, f.size)
        ApplicationFile.objects.create(
            application=app, file=f, name=f.name[:200], kind=kind, size=f.size
        )


def _on_received(app: Application, *, actor: Any) -> None:
    _event(app, "received", "收到申请", on=app.received_on, actor=actor)
    deadline_open(
        subject=app,
        organisation=app.organisation,
        kind="foi.correction_notice",
        label=f"补正告知期限：{app.receipt_no}",
        start_date=app.received_on,
        working_days=law.CORRECTION_NOTICE_WORKING_DAYS,
        legal_basis="条例第三十条",
    )
    _sync_clock(app)


def _require_handler(actor: Any, app: Application) -> None:
    if not (is_staff_user(actor) and can_view_org(actor, app.organisation_id)):
        raise PermissionDenied("您无权办理其他机关的申请")


def _lock(app: Application) -> Application:
    return Application.objects.select_for_update().get(pk=app.pk)


@transaction.atomic
def application_confirm(*, actor: Any, app: Application, on: dt.date) -> Application:
    """双方确认 for 平信, 传真 and other channels (条例 第三十一条)."""
    app = _lock(app)
    _require_handler(actor, app)
    if app.status != Status.AWAITING_CONFIRMATION:
        raise ValidationError("该申请已确认收到")
    app.confirmed_on = app.received_on = app.clock_start = on
    app.status = Status.PROCESSING
    _event(app, "confirmed", "与申请人确认收到申请", on=on, actor=actor)
    _on_received(app, actor=actor)
    return app


@transaction.atomic
def correction_request(
    *, actor: Any, app: Application, items: str, deadline: dt.date, on: dt.date | None = None
) -> Application:
    """One consolidated 补正 notice; the reply clock stops and restarts on correction (第三十条)."""
    app = _lock(app)
    _require_handler(actor, app)
    on = on or _today()
    if app.events.filter(kind="correction_requested").exists():
        raise ValidationError("补正应一次性告知，本申请已告知过补正")
    if app.status != Status.PROCESSING:
        raise ValidationError("只有办理中的申请可以要求补正")
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项"})
    if deadline <= on:
        raise ValidationError({"deadline": "补正期限应晚于告知日期"})
    late = working_days_between(app.received_on, on) > law.CORRECTION_NOTICE_WORKING_DAYS
    app.status, app.correction_deadline, app.clock_start = (
        Status.AWAITING_CORRECTION,
        deadline,
        None,
    )
    for d in deadlines_open_for(app):
        if d.kind == "foi.correction_notice":
            deadline_close(deadline=d, on=on)
    _event(
        app,
        "correction_requested",
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
    on = on or _today()
    if app.status != Status.AWAITING_CORRECTION:
        raise ValidationError("该申请当前不需要补正")
    if not text.strip():
        raise ValidationError({"text": "请填写补正内容"})
    app.description = f"{app.description}\n【补正 {on:%Y-%m-%d}】{text.strip()}"
    app.status, app.clock_start, app.extension_days, app.paused_days = Status.PROCESSING, on, 0, 0
    _event(app, "corrected", "收到补正后的申请，答复期限重新计算", on=on, actor=actor)
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
    if app.status not in (Status.PROCESSING, Status.CONSULTING):
        raise ValidationError("该申请当前不能延期")
    if app.extension_days:
        raise ValidationError("答复期限只能延长一次")
    if not 1 <= days <= law.MAX_EXTENSION_WORKING_DAYS:
        raise ValidationError({"days": "延长的期限应为1至20个工作日"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由"})
    app.extension_days = days
    _sync_clock(app)
    _event(
        app,
        "extended",
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
    *, actor: Any, app: Application, kind: str, party: str, sent_on: dt.date
) -> Consultation:
    """征求意见书 (第三十二条 third party / 第三十四条 agency): 15 working days to answer."""
    app = _lock(app)
    _require_handler(actor, app)
    if app.status != Status.PROCESSING:
        raise ValidationError("只有办理中的申请可以征求意见")
    due = add_working_days(sent_on, law.CONSULTATION_WORKING_DAYS).due
    consultation = Consultation.objects.create(
        application=app, kind=kind, party=party, sent_on=sent_on, opinion_due=due
    )
    app.status = Status.CONSULTING
    _sync_clock(app)
    _event(
        app,
        "consulting",
        "征求第三方或有关机关意见（所需时间不计入答复期限）",
        on=sent_on,
        actor=actor,
        note=f"{party}，意见期限 {due:%Y-%m-%d}",
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
    end = min(answered_on, consultation.opinion_due) if answered_on else consultation.opinion_due
    consultation.answered_on, consultation.agrees, consultation.reasons = (
        answered_on,
        agrees,
        reasons,
    )
    consultation.excluded_days = max(0, working_days_between(consultation.sent_on, end))
    consultation.save()
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
        "consulted",
        f"收到意见（不计入期限 {consultation.excluded_days} 个工作日）",
        on=answered_on or consultation.opinion_due,
        actor=actor,
        public=True,
    )
    return app


def month_quantity(app: Application, basis: str, on: dt.date) -> int:
    """Items or pages already charged to this applicant this natural month (办法 第四、五条)."""
    previous = Application.objects.filter(
        applicant_key=app.applicant_key,
        fee_basis=basis,
        fee_noticed_on__year=on.year,
        fee_noticed_on__month=on.month,
    ).exclude(pk=app.pk)
    return previous.aggregate(n=Sum("fee_quantity"))["n"] or 0


@transaction.atomic
def fee_notice(
    *, actor: Any, app: Application, basis: str, quantity: int, on: dt.date | None = None
) -> Application:
    """收费通知: amount by the progressive bands; 20 working days to pay (cn-rules §1.5)."""
    app = _lock(app)
    _require_handler(actor, app)
    on = on or _today()
    if app.status != Status.PROCESSING:
        raise ValidationError("只有办理中的申请可以发出收费通知")
    if basis not in ("item", "volume") or quantity < 1:
        raise ValidationError("请选择计费方式并填写件数或页数")
    already = month_quantity(app, basis, on)
    amount = (law.fee_per_item if basis == "item" else law.fee_per_volume)(already, quantity)
    if amount == 0:
        raise ValidationError("按本月累计数量计算无需收费")
    app.fee_basis, app.fee_quantity, app.fee_amount = basis, quantity, amount
    app.fee_noticed_on = on
    app.fee_due = add_working_days(on, law.FEE_PAYMENT_WORKING_DAYS).due
    app.status = Status.AWAITING_FEE
    _sync_clock(app)
    _event(
        app,
        "fee_notice",
        f"发出收费通知：{amount}元，缴费期限 {app.fee_due:%Y-%m-%d}",
        on=on,
        actor=actor,
    )
    return app


@transaction.atomic
def fee_paid(*, actor: Any, app: Application, on: dt.date) -> Application:
    app = _lock(app)
    _require_handler(actor, app)
    if app.status != Status.AWAITING_FEE:
        raise ValidationError("该申请没有待缴的费用")
    app.fee_paid_on = on
    app.paused_days += max(0, working_days_between(app.fee_noticed_on, on))
    app.status = Status.PROCESSING
    _sync_clock(app)
    _event(app, "fee_paid", "已缴纳信息处理费", on=on, actor=actor)
    return app


@transaction.atomic
def secrecy_review(*, actor: Any, app: Application) -> Application:
    """保密审查 sign-off before anything is released (条例 第十七条)."""
    app = _lock(app)
    _require_handler(actor, app)
    if app.handler_id and app.handler_id == actor.pk:
        raise ValidationError("保密审查应由承办人以外的人员进行")
    app.secrecy_reviewed_by = actor
    app.save(update_fields=["secrecy_reviewed_by", "updated_at"])
    _event(app, "secrecy_reviewed", "完成保密审查", actor=actor, public=False)
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
    on = on or _today()
    row = OUTCOME_BY_CODE.get(outcome)
    if row is None or outcome in ("6.1", "6.2"):
        raise ValidationError({"outcome": "请选择办理结果"})
    if app.status not in (Status.PROCESSING,):
        raise ValidationError("该申请当前不能答复（补正、征求意见或缴费尚未完成）")
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
    for deadline in deadlines_open_for(app):
        deadline_close(deadline=deadline, on=on)
    app.save()
    _event(app, "replied", f"作出答复：{row.label.split('（')[0]}", on=on, actor=actor)
    if objected and row.releases:
        _event(
            app,
            "third_party_notice",
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
        _close(app, "6.1", "申请人逾期未补正，视为放弃申请", today)
        closed += 1
    for app in Application.objects.select_for_update().filter(
        status=Status.AWAITING_FEE, fee_due__lt=today
    ):
        _close(app, "6.2", "申请人逾期未缴纳信息处理费，视为放弃申请", today)
        closed += 1
    return closed


def _close(app: Application, outcome: str, label: str, on: dt.date) -> None:
    app.outcome, app.status, app.replied_on = outcome, Status.CLOSED, on
    for deadline in deadlines_open_for(app):
        deadline_close(deadline=deadline, cancelled=True)
    app.save()
    _event(app, "abandoned", label, on=on)
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
    if app.status not in OPEN_STATUSES:
        raise ValidationError("该申请已办结，不能撤回")
    on = on or _today()
    app.status, app.outcome, app.replied_on = Status.WITHDRAWN, "6.3", on
    for deadline in deadlines_open_for(app):
        deadline_close(deadline=deadline, cancelled=True)
    app.save()
    _event(app, "withdrawn", "申请人撤回申请", on=on)
    return app


def application_for_tracking(*, receipt_no: str, code: str) -> Application | None:
    """No login: receipt number + 查询码. Same answer for unknown number and wrong code."""
    app = Application.objects.filter(receipt_no=receipt_no.strip().upper()).first()
    if app is None:
        make_password(code)  # same work either way
        return None
    return app if check_password(code.strip().upper(), app.query_code_hash) else None


@transaction.atomic
def application_transfer(
    *, actor: Any, app: Application, to: Organisation, reason: str
) -> Application:
    """Route to the organisation responsible for the information, with reasons."""
    app = _lock(app)
    _require_handler(actor, app)
    if app.status not in OPEN_STATUSES:
        raise ValidationError("已办结的申请不能转办")
    if to.pk == app.organisation_id:
        raise ValidationError({"to": "请选择其他机关"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写转办理由"})
    old = app.organisation
    app.organisation, app.handler = to, None
    app.save()
    for deadline in deadlines_open_for(app):
        deadline.organisation = to
        deadline.save(update_fields=["organisation"])
    _event(app, "transferred", f"转由{to.name}办理", actor=actor, note=reason)
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
    if handler.organisation_id != app.organisation_id or not is_staff_user(handler):
        raise ValidationError({"handler": "承办人须为本机关工作人员"})
    app.handler = handler
    app.save(update_fields=["handler", "updated_at"])
    _event(
        app,
        "assigned",
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

    _require_handler(actor, app)
    if kind not in dict(Challenge.KINDS) or result not in dict(Challenge.RESULTS):
        raise ValidationError("请选择复议或诉讼类型及结果")
    if result != "pending" and not decided_on:
        raise ValidationError({"decided_on": "已审结的请填写审结日期"})
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
        "challenge",
        f"登记{challenge.get_kind_display()}：{challenge.get_result_display()}",
        on=filed_on,
        actor=actor,
        public=False,
    )
    return challenge


@transaction.atomic
def application_to_proactive(*, actor: Any, app: Application, catalog_item: Any = None) -> Any:
    """转主动公开 (条例 第四十四条): a draft publication from a released reply, for review."""
    from gongkai.publishing.services import publication_create

    _require_handler(actor, app)
    if app.status != Status.REPLIED or not OUTCOME_BY_CODE[app.outcome].releases:
        raise ValidationError("只有已答复予以公开或部分公开的申请可以转为主动公开")
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
    _event(app, "to_proactive", "纳入主动公开范围（条例第四十四条）", actor=actor)
    return pub


@transaction.atomic
def excessive_ask_reasons(
    *, actor: Any, app: Application, reply_by: dt.date, on: dt.date | None = None
) -> Application:
    """数量、频次明显超过合理范围: ask the applicant for reasons first (条例 第三十五条)."""
    app = _lock(app)
    _require_handler(actor, app)
    if app.status != Status.PROCESSING:
        raise ValidationError("只有办理中的申请可以要求说明理由")
    _event(
        app,
        "excessive_asked",
        f"申请数量、频次明显超过合理范围，请于{reply_by:%Y-%m-%d}前说明理由",
        on=on,
        actor=actor,
    )
    return app


@transaction.atomic
def excessive_set_period(*, actor: Any, app: Application, due: dt.date, reason: str) -> Application:
    """Reasons accepted but 20 days are not enough: a reasonable later date, told to the applicant.

    Unlike 第三十三条's extension this is not capped at 20 working days (条例 第三十五条).
    """
    app = _lock(app)
    _require_handler(actor, app)
    if not app.events.filter(kind="excessive_asked").exists():
        raise ValidationError("请先要求申请人说明理由（条例第三十五条）")
    if app.status != Status.PROCESSING or not app.reply_due or due <= app.reply_due:
        raise ValidationError({"due": "合理期限应晚于现在的答复期限"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写确定该期限的理由"})
    app.extension_days += working_days_between(app.reply_due, due)
    _sync_clock(app)
    _event(
        app,
        "excessive_period",
        f"确定延迟答复的合理期限至 {app.reply_due:%Y-%m-%d}",
        actor=actor,
        note=reason,
    )
    return app
