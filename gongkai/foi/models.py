"""政府信息公开申请 and its steps (docs/foi.md)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.clock import ClockRule, rule_due
from gongkai.foi.law import (
    OUTCOME_BY_CODE,
    OUTCOME_CHOICES,
    REPLY_WORKING_DAYS,
    ApplicantKind,
    Channel,
    Delivery,
    OrgCategory,
)


class Status(models.TextChoices):
    """States of an application 办理状态 (条例 第四十五条: 登记、审核、办理、答复、归档)."""

    AWAITING_CONFIRMATION = "unconfirmed", _("待确认收到")
    PROCESSING = "processing", _("办理中")
    AWAITING_CORRECTION = "correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_FEE = "fee", _("待缴费")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = [
    Status.AWAITING_CONFIRMATION,
    Status.PROCESSING,
    Status.AWAITING_CORRECTION,
    Status.CONSULTING,
    Status.AWAITING_FEE,
]
# the reply clock (条例 第三十三条) runs in these states; 补正 stops it (第三十条)
CLOCK_RUNNING = frozenset({Status.PROCESSING, Status.CONSULTING, Status.AWAITING_FEE})


class EventKind(models.TextChoices):
    """Every step an application can record 办理步骤."""

    SUBMITTED = "submitted", _("提交申请")
    RECEIVED = "received", _("收到申请")
    CONFIRMED = "confirmed", _("确认收到")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTED = "corrected", _("收到补正")
    EXTENDED = "extended", _("延期答复")
    CONSULTING = "consulting", _("征求意见")
    CONSULTED = "consulted", _("收到意见")
    FEE_NOTICE = "fee_notice", _("收费通知")
    FEE_PAID = "fee_paid", _("缴纳费用")
    SECRECY_REVIEWED = "secrecy_reviewed", _("保密审查")
    REPLIED = "replied", _("作出答复")
    THIRD_PARTY_NOTICE = "third_party_notice", _("书面告知第三方")
    ABANDONED = "abandoned", _("视为放弃")
    WITHDRAWN = "withdrawn", _("撤回申请")
    TRANSFERRED = "transferred", _("转办")
    ASSIGNED = "assigned", _("指定承办人")
    CHALLENGE = "challenge", _("行政复议或诉讼")
    TO_PROACTIVE = "to_proactive", _("转主动公开")
    EXCESSIVE_ASKED = "excessive_asked", _("要求说明理由")
    EXCESSIVE_PERIOD = "excessive_period", _("确定延迟答复期限")
    DOCUMENT = "document", _("制作文书")
    SERVED = "served", _("送达文书")
    RELEASED = "released", _("提供政府信息")


# Steps that move the case along; a later dated step may not be dated before the last of them.
CLOCK_EVENTS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.RECEIVED,
        EventKind.CONFIRMED,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTED,
        EventKind.EXTENDED,
        EventKind.CONSULTING,
        EventKind.CONSULTED,
        EventKind.FEE_NOTICE,
        EventKind.FEE_PAID,
        EventKind.EXCESSIVE_ASKED,
        EventKind.EXCESSIVE_PERIOD,
        EventKind.REPLIED,
        EventKind.ABANDONED,
        EventKind.WITHDRAWN,
    }
)


class Action(models.TextChoices):
    """What can be done to an application 办理操作; each one is a service in foi.services."""

    CONFIRM = "confirm", _("确认收到")
    ASSIGN = "assign", _("指定承办人")
    TRANSFER = "transfer", _("转其他机关办理")
    REQUEST_CORRECTION = "correction", _("告知补正")
    REGISTER_CORRECTION = "corrected", _("登记补正")
    EXTEND = "extend", _("延期答复")
    CONSULT = "consult", _("征求意见")
    ANSWER_CONSULTATION = "consulted", _("登记意见")
    FEE_NOTICE = "fee", _("收费通知")
    FEE_PAID = "paid", _("登记已缴费")
    EXCESSIVE_ASK = "excessive_ask", _("要求说明理由")
    EXCESSIVE_PERIOD = "excessive_period", _("确定延迟答复期限")
    SECRECY_REVIEW = "secrecy", _("保密审查")
    DECIDE = "decide", _("作出答复")
    DOCUMENT = "document", _("制作文书")
    SERVE = "serve", _("登记送达")
    CHALLENGE = "challenge", _("登记行政复议或诉讼")
    TO_PROACTIVE = "proactive", _("转为主动公开")
    RELEASE = "release", _("提供政府信息（上传文件）")
    WITHDRAW = "withdraw", _("撤回申请")
    ABANDON = "abandon", _("视为放弃")


_ALL = frozenset(Status)
# From which states each action is allowed (the single table services, pages and API ask).
ALLOWED_FROM: dict[str, frozenset[str]] = {
    Action.CONFIRM: frozenset({Status.AWAITING_CONFIRMATION}),
    Action.ASSIGN: frozenset(OPEN_STATUSES),
    Action.TRANSFER: frozenset({Status.AWAITING_CONFIRMATION, Status.PROCESSING}),
    Action.REQUEST_CORRECTION: frozenset({Status.PROCESSING}),
    Action.REGISTER_CORRECTION: frozenset({Status.AWAITING_CORRECTION}),
    Action.EXTEND: frozenset({Status.PROCESSING, Status.CONSULTING}),
    Action.CONSULT: frozenset({Status.PROCESSING}),
    Action.ANSWER_CONSULTATION: frozenset({Status.CONSULTING}),
    Action.FEE_NOTICE: frozenset({Status.PROCESSING}),
    Action.FEE_PAID: frozenset({Status.AWAITING_FEE}),
    Action.EXCESSIVE_ASK: frozenset({Status.PROCESSING}),
    Action.EXCESSIVE_PERIOD: frozenset({Status.PROCESSING}),
    Action.SECRECY_REVIEW: frozenset({Status.PROCESSING, Status.CONSULTING, Status.AWAITING_FEE}),
    Action.DECIDE: frozenset({Status.PROCESSING}),
    Action.DOCUMENT: _ALL - {Status.AWAITING_CONFIRMATION, Status.WITHDRAWN},
    Action.SERVE: _ALL - {Status.AWAITING_CONFIRMATION},
    Action.CHALLENGE: frozenset({Status.REPLIED, Status.CLOSED}),
    Action.TO_PROACTIVE: frozenset({Status.REPLIED}),
    Action.RELEASE: frozenset({Status.REPLIED}),
    Action.WITHDRAW: frozenset(OPEN_STATUSES),
    Action.ABANDON: frozenset({Status.AWAITING_CORRECTION, Status.AWAITING_FEE}),
}
# The state each action leads to (None: the state does not change).
TRANSITIONS: dict[str, str | None] = {
    Action.CONFIRM: Status.PROCESSING,
    Action.REQUEST_CORRECTION: Status.AWAITING_CORRECTION,
    Action.REGISTER_CORRECTION: Status.PROCESSING,
    Action.CONSULT: Status.CONSULTING,
    Action.ANSWER_CONSULTATION: Status.PROCESSING,  # once no consultation is outstanding
    Action.FEE_NOTICE: Status.AWAITING_FEE,
    Action.FEE_PAID: Status.PROCESSING,
    Action.DECIDE: Status.REPLIED,
    Action.WITHDRAW: Status.WITHDRAWN,
    Action.ABANDON: Status.CLOSED,
}
# Why an action is refused, in the words the handler sees.
REFUSALS: dict[str, str] = {
    Action.CONFIRM: "该申请已确认收到",
    Action.ASSIGN: "已办结的申请不能指定承办人",
    Action.TRANSFER: "只有待确认或办理中的申请可以转办",
    Action.REQUEST_CORRECTION: "只有办理中且尚未告知补正的申请可以要求补正（补正应一次性告知）",
    Action.REGISTER_CORRECTION: "该申请当前不需要补正",
    Action.EXTEND: "该申请当前不能延期（答复期限只能延长一次）",
    Action.CONSULT: "只有办理中的申请可以征求意见",
    Action.ANSWER_CONSULTATION: "该申请没有待答复的征求意见",
    Action.FEE_NOTICE: "只有办理中且尚未发出收费通知的申请可以发出收费通知",
    Action.FEE_PAID: "该申请没有待缴的费用",
    Action.EXCESSIVE_ASK: "只有办理中且尚未要求说明理由的申请可以要求说明理由",
    Action.EXCESSIVE_PERIOD: "请先要求申请人说明理由（条例第三十五条），合理期限只能确定一次",
    Action.SECRECY_REVIEW: "该申请当前不需要保密审查，或已完成保密审查",
    Action.DECIDE: "该申请当前不能答复（补正、征求意见或缴费尚未完成，或已答复）",
    Action.DOCUMENT: "该申请当前不能制作文书",
    Action.SERVE: "该申请当前不能登记送达",
    Action.CHALLENGE: "只有已答复或已办结的申请可以登记行政复议或诉讼",
    Action.TO_PROACTIVE: "只有已答复予以公开或部分公开的申请可以转为主动公开",
    Action.RELEASE: "只有已答复予以公开或部分公开的申请可以提供政府信息",
    Action.WITHDRAW: "该申请已办结，不能撤回",
    Action.ABANDON: "该申请不在待补正或待缴费状态",
}
STAFF_ACTIONS = [a for a in Action if a not in (Action.WITHDRAW, Action.ABANDON)]
STAFF_ACTION_VALUES = [a.value for a in STAFF_ACTIONS]  # the API's enum (settings' overrides)


class Application(models.Model):
    receipt_no = models.CharField(_("受理编号"), max_length=24, unique=True)
    query_code_hash = models.CharField(max_length=128)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="foi_applications",
        verbose_name=_("受理机关"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("承办人"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foi_applications",
    )
    # applicant (条例 第二十九条第二款第（一）项)
    applicant_kind = models.CharField(_("申请人类型"), max_length=14, choices=ApplicantKind.choices)
    org_category = models.CharField(
        _("组织类别"), max_length=10, choices=OrgCategory.choices, blank=True
    )
    name = models.CharField(_("姓名/名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=30, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_rep = models.CharField(_("法定代表人/负责人"), max_length=50, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    # request (第（二）（三）项)
    description = models.TextField(_("所需信息的名称、文号或特征描述"))
    purpose = models.TextField(_("用途"), blank=True)
    delivery = models.CharField(_("获取方式"), max_length=10, choices=Delivery.choices)
    oral = models.BooleanField(_("口头申请由工作人员代为填写"), default=False)  # 条例 第二十九条
    assistance = models.TextField(_("提供的帮助"), blank=True)  # 条例 第四十三条
    # receipt (条例 第三十一条)
    channel = models.CharField(_("提交渠道"), max_length=12, choices=Channel.choices)
    submitted_on = models.DateField(_("提交日期"))
    confirmed_on = models.DateField(_("确认/签收日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True)
    # clock
    clock_start = models.DateField(_("答复期限起算日"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)  # 第三十三条
    excessive_days = models.PositiveSmallIntegerField(
        _("延迟答复工作日"), default=0
    )  # 第三十五条: a period of its own, not an extension
    paused_days = models.PositiveSmallIntegerField(_("不计入期限的工作日"), default=0)
    reply_due = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_is_estimate = models.BooleanField(default=False)
    correction_deadline = models.DateField(_("补正期限"), null=True, blank=True)
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)
    fee_basis = models.CharField(
        _("计费方式"),
        max_length=6,
        blank=True,
        choices=[("item", "按件计收"), ("volume", "按量计收")],
    )
    fee_quantity = models.PositiveIntegerField(_("件数/页数"), default=0)
    fee_amount = models.PositiveIntegerField(_("信息处理费（元）"), default=0)
    fee_noticed_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_due = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    # decision
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=4, choices=OUTCOME_CHOICES, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    secrecy_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("保密审查人"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")

    def __str__(self) -> str:
        return self.receipt_no

    # the reply clock: the one owner of the reply date ---------------------------------------
    def reply_clock(self) -> tuple[dt.date | None, ClockRule | None]:
        """(start, rule) of the reply period, or (None, None) while the clock is stopped.

        20 working days (条例 第三十三条第二款) + the one extension (同款) + the 第三十五条
        delay + the days spent waiting for opinions or payment (第三十三条第三款; fees: our
        reading, cn-rules §1.1 [U]), counted from ``clock_start`` (第三十条: restarts on 补正).
        """
        if not self.clock_start or self.status not in CLOCK_RUNNING:
            return None, None
        days = REPLY_WORKING_DAYS + self.extension_days + self.excessive_days + self.paused_days
        return self.clock_start, ClockRule.working_days(days)

    def compute_reply_due(self) -> tuple[dt.date | None, bool]:
        start, rule = self.reply_clock()
        if start is None or rule is None:
            return None, False
        return rule_due(start, rule)

    # declared states: what may be done now -------------------------------------------------
    def _condition(self, action: str) -> bool:
        """Conditions beyond the state, read from the application's own record."""
        if action == Action.REQUEST_CORRECTION:
            return not self._has_event(EventKind.CORRECTION_REQUESTED)
        if action == Action.EXTEND:
            return self.extension_days == 0
        if action == Action.ANSWER_CONSULTATION:
            return self.consultations.filter(answered_on__isnull=True, agrees__isnull=True).exists()
        if action == Action.FEE_NOTICE:
            return self.fee_noticed_on is None
        if action == Action.EXCESSIVE_ASK:
            return not self._has_event(EventKind.EXCESSIVE_ASKED)
        if action == Action.EXCESSIVE_PERIOD:
            return self._has_event(EventKind.EXCESSIVE_ASKED) and self.excessive_days == 0
        if action == Action.SECRECY_REVIEW:
            return self.secrecy_reviewed_by_id is None
        if action == Action.SERVE:
            return self.documents.filter(served_on__isnull=True).exists()
        if action in (Action.TO_PROACTIVE, Action.RELEASE):
            return bool(self.outcome) and OUTCOME_BY_CODE[self.outcome].releases
        return True

    def _has_event(self, kind: str) -> bool:
        # asked each time: a cached answer went stale on the same instance after a step
        return bool(self.pk) and self.events.filter(kind=kind).exists()

    def can(self, action: str) -> bool:
        return self.status in ALLOWED_FROM[action] and self._condition(action)

    def allowed_actions(self) -> list[str]:
        """Staff actions allowed now, in display order (pages and API show exactly these)."""
        return [a.value for a in STAFF_ACTIONS if self.can(a)]

    def can_confirm(self) -> bool:
        return self.can(Action.CONFIRM)

    def can_assign(self) -> bool:
        return self.can(Action.ASSIGN)

    def can_transfer(self) -> bool:
        return self.can(Action.TRANSFER)

    def can_request_correction(self) -> bool:
        return self.can(Action.REQUEST_CORRECTION)

    def can_extend(self) -> bool:
        return self.can(Action.EXTEND)

    def can_consult(self) -> bool:
        return self.can(Action.CONSULT)

    def can_decide(self) -> bool:
        return self.can(Action.DECIDE)

    def can_withdraw(self) -> bool:
        return self.can(Action.WITHDRAW)

    def can_correct(self) -> bool:
        """The applicant may send the correction online (第三十条)."""
        return self.can(Action.REGISTER_CORRECTION)

    def last_step_on(self) -> dt.date | None:
        """Date of the latest step that moved the case; later steps may not predate it."""
        return (
            self.events.filter(kind__in=CLOCK_EVENTS)
            .order_by("-on")
            .values_list("on", flat=True)
            .first()
        )


class Event(models.Model):
    """Every step with its date (shown to the applicant unless internal)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    label = models.CharField(max_length=200)
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public = models.BooleanField(default=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.label}"


class Consultation(models.Model):
    """第三方 (条例 第三十二条) or 其他机关 (第三十四条) opinion; its waiting time is excluded."""

    THIRD_PARTY, AGENCY = "third_party", "agency"
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(max_length=12, choices=[(THIRD_PARTY, "第三方"), (AGENCY, "其他机关")])
    party = models.CharField(_("被征求意见方"), max_length=100)
    sent_on = models.DateField(_("征求意见书送达日期"))
    opinion_due = models.DateField(_("提出意见期限"))
    answered_on = models.DateField(_("收到意见日期"), null=True, blank=True)
    agrees = models.BooleanField(_("同意公开"), null=True, blank=True)
    reasons = models.TextField(_("意见及理由"), blank=True)
    excluded_days = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.party}（{self.sent_on}）"


class DocKind(models.TextChoices):
    """告知书 kinds (cn-rules §1.4: names vary by locality, so templates are editable)."""

    DISCLOSE = "disclose", _("政府信息公开告知书")
    PARTIAL = "partial", _("政府信息部分公开告知书")
    REFUSE = "refuse", _("政府信息不予公开告知书")
    NOT_EXIST = "not_exist", _("政府信息不存在告知书")
    NOT_OURS = "not_ours", _("非本机关政府信息告知书")
    CORRECTION = "correction", _("补正申请通知书")
    EXTENSION = "extension", _("延期答复告知书")
    REPEAT = "repeat", _("重复申请告知书")
    FEE = "fee", _("收费通知书")
    THIRD_PARTY = "third_party", _("第三方征求意见书")


DECISION_KINDS = {
    DocKind.DISCLOSE,
    DocKind.PARTIAL,
    DocKind.REFUSE,
    DocKind.NOT_EXIST,
    DocKind.NOT_OURS,
    DocKind.REPEAT,
}


class ReplyTemplate(models.Model):
    """Editable by the 政务公开办; placeholders in {花括号}, see docs/foi.md."""

    kind = models.CharField(_("文书类型"), max_length=12, choices=DocKind.choices, unique=True)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("答复文书模板")
        verbose_name_plural = _("答复文书模板")

    def __str__(self) -> str:
        return self.get_kind_display()


class ReplyDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书类型"), max_length=12, choices=DocKind.choices)
    number = models.CharField(_("文书编号"), max_length=60, unique=True)
    legal_basis = models.CharField(_("法律依据"), max_length=200)
    text = models.TextField(_("文书内容"))
    docx = models.FileField(upload_to="foi-documents/%Y/")
    pdf = models.FileField(upload_to="foi-documents/%Y/")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    served_method = models.CharField(_("送达方式"), max_length=30, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_receipt = models.CharField(_("送达回证/凭据"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("答复文书")
        verbose_name_plural = _("答复文书")

    def __str__(self) -> str:
        return self.number


class Challenge(models.Model):
    """行政复议 / 行政诉讼 about an application (annual-report table 四)."""

    REVIEW, DIRECT, AFTER_REVIEW = "review", "direct", "after_review"
    KINDS = [
        (REVIEW, "行政复议"),
        (DIRECT, "行政诉讼（未经复议直接起诉）"),
        (AFTER_REVIEW, "行政诉讼（复议后起诉）"),
    ]
    RESULTS = [
        ("maintained", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
    ]
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="challenges"
    )
    kind = models.CharField(_("类型"), max_length=14, choices=KINDS)
    filed_on = models.DateField(_("提起日期"))
    result = models.CharField(_("结果"), max_length=10, choices=RESULTS, default="pending")
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("行政复议与诉讼")
        verbose_name_plural = _("行政复议与诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class TypicalCase(models.Model):
    """Anonymised 典型案例 published by the 政务公开办."""

    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("案情与处理（已去除个人信息）"))
    outcome = models.CharField(_("办理结果"), max_length=4, choices=OUTCOME_CHOICES)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, verbose_name=_("办理机关")
    )
    published = models.BooleanField(_("公开"), default=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        from gongkai.core.privacy import mask_personal_data

        self.summary = mask_personal_data(self.summary)  # never an ID or phone number in a case
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("foi:case", args=[self.pk])


class ApplicationFile(models.Model):
    """Files an applicant attaches (identity proof, a copy of a letter…), and the information
    released to the applicant with a reply (``released``); never public, only the applicant
    who opened the application with its query code and its handlers can download them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="foi-files/%Y/")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    released = models.BooleanField(_("提供给申请人的政府信息"), default=False)

    def __str__(self) -> str:
        return self.name
