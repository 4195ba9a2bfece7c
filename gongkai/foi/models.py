"""政府信息公开申请 and its steps (docs/foi.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.foi.law import OUTCOME_CHOICES, ApplicantKind, Channel, Delivery, OrgCategory


class Status(models.TextChoices):
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
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)
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


class Event(models.Model):
    """Every step with its date (shown to the applicant unless internal)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
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
    """Files an applicant attaches (identity proof, a copy of a letter…); never public."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="foi-files/%Y/")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
