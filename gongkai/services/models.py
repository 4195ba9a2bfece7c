"""办事服务 (services by life event, 一件事 packages) and 办件 (cases and their nodes, with the
中间库 sources they come from) — docs/services.md."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.services.choices import (
    CLOSED_STATUSES,
    ApplyChannel,
    Audience,
    CaseStatus,
    NodeKind,
    RunStatus,
    SourceEngine,
)


class LifeEvent(models.Model):
    """主题 / 人生事件 (出生、入学…) or 企业生命周期 stage (开办、变更、经营、注销)."""

    slug = models.SlugField(_("主题代码"), max_length=40, unique=True)
    name = models.CharField(_("主题名称"), max_length=40)
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["audience", "order", "pk"]
        verbose_name = _("办事主题")
        verbose_name_plural = _("办事主题")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:event", args=[self.slug])


class Service(models.Model):
    """A service 办事服务 as the public finds it: one 权责清单 or 公共服务清单 item (same code,
    同码), with where and how to apply. The guide itself (条件、材料、流程、时限、收费) is
    the item's."""

    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    power_item = models.OneToOneField(
        "catalog.PowerItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service",
        verbose_name=_("权责清单事项"),
    )
    service_item = models.OneToOneField(
        "catalog.ServiceItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service",
        verbose_name=_("公共服务事项"),
    )
    for_person = models.BooleanField(_("面向个人"), default=True)
    for_company = models.BooleanField(_("面向企业"), default=False)
    life_events = models.ManyToManyField(
        LifeEvent, blank=True, related_name="services", verbose_name=_("办事主题")
    )
    domain = models.ForeignKey(
        "catalog.Domain",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        verbose_name=_("领域"),
    )
    channels = models.JSONField(_("办理渠道"), default=list, blank=True)
    online_url = models.URLField(_("网上办理地址"), blank=True)
    remote_note = models.CharField(_("不见面审批说明"), max_length=300, blank=True)
    policies = models.ManyToManyField(
        "publishing.Publication", blank=True, related_name="+", verbose_name=_("相关政策")
    )
    summary = models.CharField(_("一句话说明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("上线"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("办事服务")
        verbose_name_plural = _("办事服务")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(power_item__isnull=False, service_item__isnull=True)
                    | models.Q(power_item__isnull=True, service_item__isnull=False)
                ),
                name="service_one_item",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:service", args=[self.code])

    @property
    def item(self) -> Any:
        """The 权责清单 or 公共服务清单 item whose 办事指南 this service shows."""
        return self.power_item or self.service_item

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def organisation(self) -> Any:
        return self.item.organisation

    def channel_labels(self) -> list[str]:
        return [str(ApplyChannel(c).label) for c in self.channels if c in ApplyChannel.values]


class Package(models.Model):
    """ "一件事": one guide over several services in order, with one combined materials list."""

    slug = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    life_event = models.ForeignKey(
        LifeEvent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="packages",
        verbose_name=_("办事主题"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("牵头部门"),
    )
    description = models.TextField(_("说明"), blank=True)
    promise = models.CharField(_("承诺时限"), max_length=100, blank=True)
    is_active = models.BooleanField(_("上线"), default=True)

    class Meta:
        ordering = ["audience", "pk"]
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:package", args=[self.slug])


class PackageStep(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("顺序"))
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="package_steps")
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["package", "order"]
        unique_together = [("package", "order")]
        verbose_name = _("一件事环节")
        verbose_name_plural = _("一件事环节")

    def __str__(self) -> str:
        return f"{self.package} {self.order}"


# 办件 ------------------------------------------------------------------------------------------
class CaseSource(models.Model):
    """A department system that sends 办件: pulled from its 中间库 (tables or views read over
    SQL, by change time) or pushing to /api/v1/banjian/push with a signature."""

    code = models.SlugField(_("来源代码"), max_length=40, unique=True)
    name = models.CharField(_("业务系统名称"), max_length=100)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所属部门"),
    )
    engine = models.CharField(
        _("中间库类型"), max_length=12, choices=SourceEngine.choices, blank=True
    )
    dsn = models.CharField(
        _("中间库连接"),
        max_length=300,
        blank=True,
        help_text=_("如 postgresql://user@host:5432/db、mysql://user@host:3306/db；推送来源留空"),
    )
    mapping = models.JSONField(_("字段映射"), default=dict, blank=True)
    push_secret = models.CharField(_("推送签名密钥"), max_length=80, blank=True)
    cursor = models.JSONField(_("同步位置"), default=dict, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    last_run_at = models.DateTimeField(_("最近同步"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("最近成功"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    lag_seconds = models.PositiveIntegerField(_("滞后（秒）"), null=True, blank=True)
    pending_rows = models.PositiveIntegerField(_("待同步行数"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("办件来源")
        verbose_name_plural = _("办件来源")

    def __str__(self) -> str:
        return self.name

    @property
    def is_pull(self) -> bool:
        return bool(self.engine and self.dsn)


class SourceRun(models.Model):
    """One connector run (or one push request) of a source: what it read and what went wrong."""

    source = models.ForeignKey(CaseSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    cases = models.PositiveIntegerField(_("办件行"), default=0)
    nodes = models.PositiveIntegerField(_("环节行"), default=0)
    skipped = models.PositiveIntegerField(_("跳过行"), default=0)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("同步记录")
        verbose_name_plural = _("同步记录")

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class Case(models.Model):
    """办件: one case of a service, as its department's system reports it. State and time
    fields are derived from the nodes by ``rules.case_state`` (the one owner)."""

    number = models.CharField(_("办件编号"), max_length=40, unique=True)
    source = models.ForeignKey(
        CaseSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("办理部门"),
    )
    item_code = models.CharField(_("事项编码"), max_length=40, blank=True)
    item_name = models.CharField(_("事项名称"), max_length=200, blank=True)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    applicant_name = models.CharField(_("申请人"), max_length=100, blank=True)
    applicant_is_company = models.BooleanField(_("申请人为法人"), default=False)
    applicant_id_digest = models.CharField(max_length=64, blank=True, db_index=True)
    applicant_phone_digest = models.CharField(max_length=64, blank=True, db_index=True)
    query_code_digest = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    promised_due = models.DateField(_("承诺办结日期"), null=True, blank=True)
    statutory_due = models.DateField(_("法定办结日期"), null=True, blank=True)
    source_promised_due = models.DateField(null=True, blank=True)
    source_statutory_due = models.DateField(null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    finished_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    finished_on_time = models.BooleanField(_("按时办结"), null=True)
    result = models.CharField(_("办理结果"), max_length=300, blank=True)
    decision_no = models.CharField(_("决定文书号"), max_length=80, blank=True)
    complete = models.BooleanField(
        _("办件信息完整"), default=True, help_text=_("先到的环节建立的办件，待办件信息到达")
    )
    source_changed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["item_code", "status"], name="case_item_status"),
            models.Index(fields=["organisation", "status", "promised_due"], name="case_org_due"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def title(self) -> str:
        return self.service.name if self.service_id else self.item_name


class CaseNode(models.Model):
    """办件环节: one node (受理、审查、决定、办结、送达…) with its time and office."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="nodes")
    key = models.CharField(_("环节标识"), max_length=64)
    kind = models.CharField(_("环节类型"), max_length=10, choices=NodeKind.choices)
    name = models.CharField(_("环节名称"), max_length=40)
    occurred_at = models.DateTimeField(_("办理时间"))
    office = models.CharField(_("办理处室"), max_length=100, blank=True)
    note = models.CharField(_("办理意见"), max_length=300, blank=True)
    due = models.DateField(_("环节时限"), null=True, blank=True)
    on_time = models.BooleanField(_("按时"), null=True)

    class Meta:
        ordering = ["case", "occurred_at", "pk"]
        verbose_name = _("办件环节")
        verbose_name_plural = _("办件环节")
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="casenode_key")]

    def __str__(self) -> str:
        return f"{self.case} {self.name}"


class PushReceipt(models.Model):
    """One accepted push, by its Idempotency-Key: a retried request gets the same answer."""

    source = models.ForeignKey(CaseSource, on_delete=models.CASCADE, related_name="receipts")
    key = models.CharField(max_length=64)
    body_digest = models.CharField(max_length=64)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="pushreceipt_key"),
        ]
        verbose_name = _("推送回执")
        verbose_name_plural = _("推送回执")

    def __str__(self) -> str:
        return self.key
