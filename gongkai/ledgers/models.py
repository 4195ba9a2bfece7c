"""惠民资金 / 涉农补贴 (docs/ledgers.md): programmes, the payment lists imported for them, and
the payments a citizen looks up. ID numbers are never stored in the clear: a keyed digest to
match, a masked form to show."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.privacy import mask_person_name
from gongkai.ledgers.choices import ALLOWED_FROM, REFUSALS, BatchStatus, ImportStatus


class Programme(models.Model):
    """惠民资金项目: one subsidy or benefit (耕地地力保护补贴, 高龄津贴…) paid by one department
    on a published policy."""

    code = models.SlugField(_("项目代码"), max_length=40, unique=True)
    name = models.CharField(_("项目名称"), max_length=100)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发放部门"),
    )
    basis = models.TextField(_("政策依据"))
    standard = models.TextField(_("补助标准"), blank=True)
    description = models.TextField(_("项目说明"), blank=True)
    phone = models.CharField(_("咨询电话"), max_length=60, blank=True)
    is_active = models.BooleanField(_("公开"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "code"]
        verbose_name = _("惠民资金项目")
        verbose_name_plural = _("惠民资金项目")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ledgers:programme", args=[self.code])


class PaymentImport(models.Model):
    """An uploaded payment list and its dry-run plan, kept until staff confirm or discard it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PLANNED
    )
    plan = models.JSONField(_("导入预览"), default=dict)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("发放名单导入")
        verbose_name_plural = _("发放名单导入")

    def __str__(self) -> str:
        return self.file_name


class PaymentBatch(models.Model):
    """发放批次: the payments of one programme for one period, 公示 once reviewed."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    period = models.CharField(_("发放期次"), max_length=40)
    source = models.ForeignKey(
        PaymentImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="batches"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    rows = models.PositiveIntegerField(_("人数"), default=0)
    total = models.DecimalField(_("金额合计（元）"), max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("发放批次")
        verbose_name_plural = _("发放批次")

    def __str__(self) -> str:
        return f"{self.programme} {self.period}"

    def can(self, action: str) -> bool:
        return self.status in ALLOWED_FROM.get(action, ())

    @staticmethod
    def refusal(action: str) -> str:
        return REFUSALS[action]


class Payment(models.Model):
    """One payment to one person in a batch."""

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="payments")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    row_no = models.PositiveIntegerField(_("行号"))
    name = models.CharField(_("姓名"), max_length=50)
    name_digest = models.CharField(max_length=64)
    id_digest = models.CharField(max_length=64)
    id_masked = models.CharField(_("身份证号（脱敏）"), max_length=20)
    village = models.CharField(_("村（社区）"), max_length=60, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "row_no"]
        verbose_name = _("发放记录")
        verbose_name_plural = _("发放记录")
        indexes = [
            models.Index(fields=["id_digest", "name_digest"], name="payment_person"),
            models.Index(fields=["batch", "village"], name="payment_batch_village"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} #{self.row_no}"

    @property
    def name_public(self) -> str:
        """The name as a 公示 page shows it ("张*")."""
        return mask_person_name(self.name)


class SavedIdentity(models.Model):
    """A citizen with a verified phone may keep their ID number and name (as digests) so that
    their payments show without retyping; they can delete it at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_identity"
    )
    id_digest = models.CharField(max_length=64)
    name_digest = models.CharField(max_length=64)
    id_masked = models.CharField(max_length=20)
    name_masked = models.CharField(max_length=50)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("本人查询身份")
        verbose_name_plural = _("本人查询身份")

    def __str__(self) -> str:
        return self.name_masked
