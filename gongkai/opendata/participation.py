"""数据纠错, 应用成果 and 有条件开放 (docs/opendata.md#participation): what the public sends
and how the publisher answers, each on its clock in the deadline registry (working days of
the 数据开放规则 in force on the day it came in); keys for approved applications."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.permissions import can_edit_org, can_review_org, is_office, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.core.clock import ClockRule
from gongkai.core.deadlines import deadline_sync, deadlines_close_for
from gongkai.opendata import rules as R
from gongkai.opendata.models import (
    AccessApplication,
    Correction,
    Dataset,
    DatasetEvent,
    OpendataRule,
    Reuse,
)

KEY_PREFIX = "gkd"


def rule_in_force(day: dt.date) -> OpendataRule | None:
    return OpendataRule.in_force(day)


def _days(day: dt.date, which: str) -> int:
    rule = rule_in_force(day)
    if which == "access":
        return rule.access_days if rule else R.DEFAULT_ACCESS_DAYS
    return rule.correction_days if rule else R.DEFAULT_CORRECTION_DAYS


@transaction.atomic
def opendata_rule_create(
    *, actor: Any, effective_from: dt.date, access_days: int, correction_days: int, note: str = ""
) -> OpendataRule:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("数据开放规则由政务公开办设定")
    if not (1 <= access_days <= 60 and 1 <= correction_days <= 60):
        raise ValidationError({"access_days": "答复时限应为1至60个工作日"})
    if OpendataRule.objects.filter(effective_from=effective_from).exists():
        raise ValidationError({"effective_from": "该日期已有数据开放规则，请另选生效日期"})
    rule = OpendataRule.objects.create(
        effective_from=effective_from,
        access_days=access_days,
        correction_days=correction_days,
        note=note.strip()[:200],
        created_by=actor,
    )
    audit_record(actor=actor, action="opendata_rule.create", obj=rule)
    return rule


def _number(model: Any, prefix: str, obj: Any) -> None:
    for _attempt in range(5):
        obj.number = f"{prefix}{obj.received_on:%Y%m%d}{secrets.randbelow(10**5):05d}"
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            continue
    raise ValidationError("编号生成失败，请重试")


def _clock(obj: Any, kind: str, which: str, label: str) -> None:
    deadline_sync(
        subject=obj,
        kind=kind,
        organisation=obj.dataset.organisation,
        start=obj.received_on,
        rule=ClockRule.working_days(_days(obj.received_on, which)),
        label=label[:200],
    )


def _public(dataset: Dataset) -> None:
    if not dataset.is_public:
        raise ValidationError("该数据集未发布")


# 数据纠错 ------------------------------------------------------------------------------------
@transaction.atomic
def correction_report(
    *,
    dataset: Dataset,
    description: str,
    resource: Any = None,
    location: str = "",
    name: str = "",
    contact: str = "",
) -> Correction:
    """Anyone (no account needed); the contact is kept for the answer and never shown."""
    _public(dataset)
    if not description.strip():
        raise ValidationError({"description": "请描述发现的问题"})
    if len(description) > 2000:
        raise ValidationError({"description": "问题描述不超过2000字"})
    if resource is not None and resource.dataset_id != dataset.pk:
        raise ValidationError({"resource": "资源不属于该数据集"})
    c = Correction(
        dataset=dataset,
        resource=resource,
        location=location.strip()[:200],
        description=description.strip(),
        name=name.strip()[:50],
        contact=contact.strip()[:100],
        received_on=timezone.localdate(),
    )
    _number(Correction, "JC", c)
    _clock(c, R.CORRECTION_DEADLINE, "correction", f"数据纠错答复：{c.number}")
    audit_record(actor=None, action="opendata.correction", obj=c, organisation=dataset.organisation)
    return c


@transaction.atomic
def correction_answer(
    *, actor: Any, correction: Correction, status: str, answer: str
) -> Correction:
    """已更正 (the data was fixed: a new version is uploaded) or 已说明 (it was right)."""
    c = Correction.objects.select_for_update().select_related("dataset").get(pk=correction.pk)
    if not can_edit_org(actor, c.dataset.organisation_id):
        raise PermissionDenied("只有数据提供方可以答复纠错")
    if c.status != R.CorrectionStatus.OPEN:
        raise ValidationError("该纠错已答复")
    if status not in (R.CorrectionStatus.CORRECTED, R.CorrectionStatus.EXPLAINED):
        raise ValidationError({"status": "请选择已更正或已说明"})
    if not answer.strip():
        raise ValidationError({"answer": "请填写答复"})
    c.status, c.answer = status, answer.strip()[:2000]
    c.answered_on, c.answered_by = timezone.localdate(), actor
    c.save(update_fields=["status", "answer", "answered_on", "answered_by"])
    deadlines_close_for(c, on=c.answered_on)
    DatasetEvent.objects.create(
        dataset=c.dataset,
        label="答复纠错",
        note=f"{c.number}：{c.get_status_display()}",
        actor=actor,
    )
    audit_record(actor=actor, action="opendata.correction_answer", obj=c, new={"status": status})
    return c


# 应用成果 ------------------------------------------------------------------------------------
@transaction.atomic
def reuse_submit(
    *, dataset: Dataset, title: str, description: str, author: str, url: str = "", contact: str = ""
) -> Reuse:
    _public(dataset)
    errors = {}
    if not title.strip():
        errors["title"] = "请填写成果名称"
    if not description.strip():
        errors["description"] = "请填写简介"
    if not author.strip():
        errors["author"] = "请填写作者或单位"
    if url and not url.startswith(("http://", "https://")):
        errors["url"] = "网址应以http://或https://开头"
    if errors:
        raise ValidationError(errors)
    reuse = Reuse.objects.create(
        dataset=dataset,
        title=title.strip()[:100],
        description=description.strip()[:1000],
        author=author.strip()[:100],
        url=url.strip()[:300],
        contact=contact.strip()[:100],
    )
    audit_record(actor=None, action="opendata.reuse", obj=reuse, organisation=dataset.organisation)
    return reuse


@transaction.atomic
def reuse_moderate(*, actor: Any, reuse: Reuse, approve: bool) -> Reuse:
    if not can_edit_org(actor, reuse.dataset.organisation_id):
        raise PermissionDenied("只有数据提供方可以审核应用成果")
    reuse.status = R.ReuseStatus.APPROVED if approve else R.ReuseStatus.REJECTED
    reuse.save(update_fields=["status"])
    audit_record(actor=actor, action="opendata.reuse_moderate", obj=reuse, new={"approve": approve})
    return reuse


# 有条件开放 ----------------------------------------------------------------------------------
@transaction.atomic
def access_apply(
    *,
    user: Any,
    dataset: Dataset,
    applicant: str,
    purpose: str,
    scope: str,
    start: dt.date,
    end: dt.date,
    company: str = "",
) -> AccessApplication:
    """A logged-in citizen or company asks for a 有条件开放 dataset for a period."""
    _public(dataset)
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("请先登录后申请")
    if dataset.access != R.Access.CONDITIONAL:
        raise ValidationError("只有有条件开放的数据集需要申请")
    today = timezone.localdate()
    errors = {}
    for key, value, label in (
        ("applicant", applicant, "申请人"),
        ("purpose", purpose, "用途"),
        ("scope", scope, "所需数据范围"),
    ):
        if not value.strip():
            errors[key] = f"请填写{label}"
    if start < today or end < start:
        errors["end"] = "使用期应从今天或以后开始，且截止日期不早于起始日期"
    elif (end - start).days > 31 * R.MAX_ACCESS_MONTHS:
        errors["end"] = f"使用期最长{R.MAX_ACCESS_MONTHS}个月"
    if errors:
        raise ValidationError(errors)
    app = AccessApplication(
        dataset=dataset,
        user=user,
        applicant=applicant.strip()[:100],
        company=company.strip()[:100],
        purpose=purpose.strip()[:1000],
        scope=scope.strip()[:1000],
        start=start,
        end=end,
        received_on=today,
    )
    _number(AccessApplication, "SQ", app)
    _clock(app, R.ACCESS_DEADLINE, "access", f"有条件开放申请答复：{app.number}")
    audit_record(
        actor=user, action="opendata.access_apply", obj=app, organisation=dataset.organisation
    )
    return app


@transaction.atomic
def access_decide(
    *, actor: Any, application: AccessApplication, approve: bool, reason: str
) -> AccessApplication:
    app = (
        AccessApplication.objects.select_for_update()
        .select_related("dataset")
        .get(pk=application.pk)
    )
    if not can_review_org(actor, app.dataset.organisation_id):
        raise PermissionDenied("只有数据提供方的审核人或政务公开办可以审核申请")
    if app.status != R.AccessStatus.PENDING:
        raise ValidationError("该申请已审核")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "不同意时请写明理由和依据"})
    app.status = R.AccessStatus.APPROVED if approve else R.AccessStatus.REFUSED
    app.reason, app.decided_on, app.decided_by = reason.strip()[:1000], timezone.localdate(), actor
    app.save(update_fields=["status", "reason", "decided_on", "decided_by"])
    deadlines_close_for(app, on=app.decided_on)
    audit_record(actor=actor, action="opendata.access_decide", obj=app, new={"approve": approve})
    return app


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def access_key_issue(*, user: Any, application: AccessApplication) -> str:
    """The applicant takes their key (shown once; a new one replaces the old)."""
    app = AccessApplication.objects.select_for_update().get(pk=application.pk)
    if app.user_id != getattr(user, "pk", None):
        raise PermissionDenied("只能获取本人申请的授权密钥")
    if app.status != R.AccessStatus.APPROVED:
        raise ValidationError("申请未获同意")
    if app.end < timezone.localdate():
        raise ValidationError("授权已到期")
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(24)
    app.key_prefix, app.key_hash, app.key_issued_at = prefix, _digest(secret), timezone.now()
    app.save(update_fields=["key_prefix", "key_hash", "key_issued_at"])
    audit_record(actor=user, action="opendata.key_issue", obj=app)
    return f"{KEY_PREFIX}_{prefix}_{secret}"


def key_allows(raw: str, dataset: Dataset) -> bool:
    """A key is good for its dataset, within its period, while its application stands."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(raw) > 100:
        return False
    app = AccessApplication.objects.filter(key_prefix=parts[1], dataset=dataset).first()
    if app is None or app.status != R.AccessStatus.APPROVED or not app.key_hash:
        return False
    today = timezone.localdate()
    return app.start <= today <= app.end and hmac.compare_digest(app.key_hash, _digest(parts[2]))
