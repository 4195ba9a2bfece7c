"""Models of the 政务公开事项标准目录, 权责清单 and 公共服务清单 (docs/catalog.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.choices import (
    ITEM_ALLOWED_FROM,
    Audience,
    ChangeKind,
    DayUnit,
    DisclosureMode,
    ItemAction,
    ItemStatus,
    Period,
    PowerCategory,
    ReviewDecision,
    Stage,
    TimeLimitKind,
    VersionStatus,
)

if TYPE_CHECKING:
    from gongkai.catalog.rules import TimeLimitRule
    from gongkai.core.clock import ClockRule


class CatalogSettings(models.Model):
    """Singleton: how 事项编码 are built: domain code + one zero-padded segment per level."""

    segment_width = models.PositiveSmallIntegerField(_("每级编码位数"), default=2)
    separator = models.CharField(_("分隔符"), max_length=1, blank=True, default="")
    review_working_days = models.PositiveSmallIntegerField(
        _("非主动公开事项审核时限（工作日）"), default=10
    )

    class Meta:
        verbose_name = _("目录设置")
        verbose_name_plural = _("目录设置")

    def __str__(self) -> str:
        return "目录设置"

    def clean(self) -> None:
        if not 1 <= self.segment_width <= 4:
            raise ValidationError({"segment_width": _("每级编码位数应在1到4之间")})
        if self.separator and self.separator.isalnum():
            raise ValidationError({"separator": _("分隔符不能是字母或数字")})

    @classmethod
    def load(cls) -> CatalogSettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Domain(models.Model):
    """领域: data, not code — renamed, merged and reordered by the 政务公开办."""

    name = models.CharField(_("领域名称"), max_length=50, unique=True)
    code = models.CharField(_("领域编码"), max_length=8, unique=True)
    description = models.TextField(_("说明"), blank=True)
    display_order = models.PositiveIntegerField(_("排序"), default=100)
    is_pilot = models.BooleanField(_("江苏试点领域"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("已并入"),
    )

    class Meta:
        ordering = ["display_order", "code"]
        verbose_name = _("领域")
        verbose_name_plural = _("领域")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:index") + f"?domain={self.code}"


class GuideFields(models.Model):
    """办事指南 elements shared by 权责清单 and 公共服务清单 items."""

    scope = models.TextField(_("办理范围"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    legal_time_limit = models.CharField(_("法定办结时限"), max_length=100, blank=True)
    promised_time_limit = models.CharField(_("承诺办结时限"), max_length=100, blank=True)
    intermediary = models.TextField(_("中介服务"), blank=True)
    fee = models.TextField(_("收费依据及标准"), blank=True)
    location_hours = models.TextField(_("办理地点与时间"), blank=True)
    consult_phone = models.CharField(_("咨询电话"), max_length=60, blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=60, blank=True)

    class Meta:
        abstract = True


class PowerItem(GuideFields):
    """权责清单事项 (行政权力事项 with 追责情形, 监督方式, 救济途径)."""

    name = models.CharField(_("事项名称"), max_length=200)
    code = models.CharField(_("权力编码"), max_length=40, unique=True)
    category = models.CharField(_("权力类别"), max_length=14, choices=PowerCategory.choices)
    basis = models.TextField(_("设定依据"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="power_items",
        verbose_name=_("行使主体"),
    )
    accountability = models.TextField(_("追责情形"), blank=True)
    supervision = models.TextField(_("监督方式"), blank=True)
    remedy = models.TextField(_("救济途径"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("权责清单事项")
        verbose_name_plural = _("权责清单")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_category_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("catalog:power", args=[self.code])


class ServiceItem(GuideFields):
    """公共服务清单事项 with its 办事指南."""

    name = models.CharField(_("事项名称"), max_length=200)
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    basis = models.TextField(_("办理依据"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="service_items",
        verbose_name=_("实施主体"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("公共服务事项")
        verbose_name_plural = _("公共服务清单")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:service", args=[self.code])


class GuideStep(models.Model):
    """办理流程: ordered steps of a guide (either a power or a service item)."""

    power_item = models.ForeignKey(
        PowerItem, null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    service_item = models.ForeignKey(
        ServiceItem, null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("环节"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    time_limit = models.CharField(_("环节时限"), max_length=60, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("办理流程环节")
        verbose_name_plural = _("办理流程")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(power_item__isnull=False, service_item__isnull=True)
                | models.Q(power_item__isnull=True, service_item__isnull=False),
                name="guide_step_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class GuideMaterial(models.Model):
    """材料目录 entry with its sample form (示范文本) and 常见错误示例."""

    power_item = models.ForeignKey(
        PowerItem, null=True, blank=True, on_delete=models.CASCADE, related_name="materials"
    )
    service_item = models.ForeignKey(
        ServiceItem, null=True, blank=True, on_delete=models.CASCADE, related_name="materials"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=1)
    name = models.CharField(_("材料名称"), max_length=200)
    required = models.BooleanField(_("必要"), default=True)
    form = models.CharField(
        _("材料形式"), max_length=60, blank=True, help_text=_("原件/复印件/电子")
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    sample_form = models.FileField(_("示范文本/空白表格"), upload_to="guide-samples/", blank=True)
    common_errors = models.TextField(_("常见错误示例"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("材料目录")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(power_item__isnull=False, service_item__isnull=True)
                | models.Q(power_item__isnull=True, service_item__isnull=False),
                name="guide_material_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CatalogItemQuerySet(models.QuerySet):
    def published(self) -> CatalogItemQuerySet:
        return self.filter(status=ItemStatus.PUBLISHED)


class CatalogItem(models.Model):
    """公开事项: 一级事项 → 二级事项 (→ 三级事项) with every element of the standard catalog."""

    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="items", verbose_name=_("领域")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级事项"),
    )
    depth = models.PositiveSmallIntegerField(_("事项级别"), default=1)
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="catalog_items",
        verbose_name=_("公开主体"),
    )
    stage = models.CharField(_("五公开"), max_length=12, choices=Stage.choices, blank=True)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    legal_bases = models.JSONField(_("公开依据"), default=list, blank=True)
    time_limit_text = models.CharField(_("公开时限"), max_length=300, blank=True)
    time_limit_kind = models.CharField(
        _("时限类型"), max_length=10, choices=TimeLimitKind.choices, default=TimeLimitKind.TEXT_ONLY
    )
    trigger_event = models.CharField(_("起算事件"), max_length=100, blank=True)
    limit_days = models.PositiveSmallIntegerField(_("时限天数"), null=True, blank=True)
    limit_unit = models.CharField(_("天数单位"), max_length=10, choices=DayUnit.choices, blank=True)
    period = models.CharField(_("公开周期"), max_length=10, choices=Period.choices, blank=True)
    period_due_day = models.PositiveSmallIntegerField(
        _("周期内截止日"),
        null=True,
        blank=True,
        help_text=_("每月/每季度：期满后第N日前；每年：1月N日前"),
    )
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(
        _("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    mode = models.CharField(
        _("公开方式"),
        max_length=14,
        choices=DisclosureMode.choices,
        default=DisclosureMode.PROACTIVE,
    )
    non_proactive_reason = models.TextField(_("不主动公开理由"), blank=True)
    tier_county = models.BooleanField(_("县级"), default=True)
    tier_township = models.BooleanField(_("乡级"), default=False)
    consult_method = models.TextField(_("咨询方式"), blank=True)
    supervision_method = models.TextField(_("监督方式"), blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    is_group = models.BooleanField(
        _("仅作归类"),
        default=False,
        help_text=_("一级事项等只用于归类、不单独公开的事项不要求填写公开要素"),
    )
    power_items = models.ManyToManyField(
        PowerItem, blank=True, related_name="catalog_items", verbose_name=_("对应权责事项")
    )
    service_items = models.ManyToManyField(
        ServiceItem, blank=True, related_name="catalog_items", verbose_name=_("对应公共服务事项")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ItemStatus.choices,
        default=ItemStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("版本"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("公开事项")
        verbose_name_plural = _("政务公开事项标准目录")
        indexes = [
            models.Index(fields=["domain", "status"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:item", args=[self.code])

    def clean(self) -> None:
        from gongkai.catalog.choices import Channel
        from gongkai.catalog.rules import validate_legal_bases

        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        if self.parent_id:
            if self.parent.domain_id != self.domain_id:
                add("parent", "上级事项必须属于同一领域")
            self.depth = self.parent.depth + 1
            if self.depth > 3:
                add("parent", "事项最多分为三级（一级、二级、三级事项）")
        else:
            self.depth = 1
        if self.domain_id and self.domain.merged_into_id:
            add(
                "domain",
                f"领域“{self.domain.name}”已并入“{self.domain.merged_into.name}”，请选择后者",
            )
        for message in validate_legal_bases(self.legal_bases):
            add("legal_bases", message)
        if not isinstance(self.channels, list) or any(
            c not in Channel.values for c in self.channels
        ):
            add("channels", "公开渠道和载体包含无效选项")
        else:  # one canonical order (the checklist's), so equal selections compare equal
            self.channels = sorted(set(self.channels), key=Channel.values.index)
        if not self.is_group:  # items that are disclosed carry the full set of elements
            if not (self.content or "").strip():
                add("content", "请填写公开内容（要素）")
            if not (self.time_limit_text or "").strip():
                add("time_limit_text", "请填写公开时限")
            if not self.channels:
                add("channels", "请至少选择一个公开渠道和载体")
            if not (self.tier_county or self.tier_township):
                add("tier_county", "请至少勾选一个公开层级（县级或乡级）")
        if self.time_limit_kind == TimeLimitKind.EVENT and (
            self.limit_days is None or not self.limit_unit
        ):
            add("limit_days", "事件触发的公开时限须填写天数和单位（工作日/自然日）")
        if self.time_limit_kind == TimeLimitKind.PERIODIC and not self.period:
            add("period", "定期公开须选择公开周期")
        if self.mode != DisclosureMode.PROACTIVE:
            if not self.legal_bases:
                add("legal_bases", "非主动公开事项必须列明法律法规依据")
            if not (self.non_proactive_reason or "").strip():
                add("non_proactive_reason", "非主动公开事项必须说明理由")
        if errors:
            raise ValidationError(errors)

    @property
    def level_label(self) -> str:
        return {1: "一级事项", 2: "二级事项", 3: "三级事项"}.get(self.depth, "")

    def can(self, action: str) -> bool:
        """Whether ``action`` is allowed in the current state (catalog.choices.ITEM_ALLOWED_FROM);
        a 动态调整 also waits while an earlier one is pending or scheduled."""
        if self.status not in ITEM_ALLOWED_FROM[action]:
            return False
        if action == ItemAction.ADJUST:
            return not self.versions.filter(
                status__in=[VersionStatus.PENDING_REVIEW, VersionStatus.SCHEDULED]
            ).exists()
        return True

    def allowed_actions(self) -> list[str]:
        return [a.value for a in ItemAction if self.can(a)]

    def can_edit(self) -> bool:
        return self.can(ItemAction.EDIT)

    def can_submit(self) -> bool:
        return self.can(ItemAction.SUBMIT)

    def can_adjust(self) -> bool:
        return self.can(ItemAction.ADJUST)

    def can_revoke(self) -> bool:
        return self.can(ItemAction.REVOKE)

    def time_limit_rule(self) -> TimeLimitRule:
        from gongkai.catalog.rules import TimeLimitRule

        return TimeLimitRule(
            self.time_limit_kind,
            self.trigger_event,
            self.limit_days,
            self.limit_unit,
            self.period,
            self.period_due_day,
        )

    def clock_rule(self) -> ClockRule:
        """The item's own 公开时限 on the law clock: what its publications' deadlines follow."""
        from gongkai.catalog.rules import to_clock_rule

        return to_clock_rule(self.time_limit_rule())

    @property
    def needs_review(self) -> bool:
        return self.mode != DisclosureMode.PROACTIVE

    def legal_basis_lines(self) -> list[str]:
        from gongkai.catalog.rules import format_legal_bases

        return format_legal_bases(self.legal_bases).splitlines()

    def channel_labels(self) -> list[str]:
        from gongkai.catalog.choices import Channel

        return [str(Channel(c).label) for c in self.channels if c in Channel.values]


class CatalogItemVersion(models.Model):
    """动态调整: one published state of an item, with reason and effective date."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    change_kind = models.CharField(_("调整类型"), max_length=10, choices=ChangeKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=VersionStatus.choices)
    snapshot = models.JSONField(_("事项内容"))
    reason = models.TextField(_("调整原因"))
    effective_date = models.DateField(_("生效日期"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(_("生效时间"), null=True, blank=True)

    class Meta:
        ordering = ["item", "-number"]
        unique_together = [("item", "number")]
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number} {self.get_change_kind_display()}"


class CatalogReview(models.Model):
    """政务公开办 review of an item (or an adjustment) that is not 主动公开."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(
        CatalogItemVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(
        _("审核结果"),
        max_length=10,
        choices=ReviewDecision.choices,
        default=ReviewDecision.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("非主动公开审核")
        verbose_name_plural = _("非主动公开审核")

    def __str__(self) -> str:
        return f"{self.item} · {self.get_decision_display()}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("处理中")
    FAILED = "failed", _("校验未通过")
    VALIDATED = "validated", _("试导入通过")
    DONE = "done", _("导入完成")


class ImportJob(models.Model):
    """One xlsx import (or dry run), processed by the background worker with progress."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("文件"), upload_to="catalog-imports/")
    original_name = models.CharField(_("文件名"), max_length=200)
    dry_run = models.BooleanField(_("试导入（只校验不保存）"), default=False)
    reason = models.CharField(_("调整原因"), max_length=200)
    effective_date = models.DateField(_("生效日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # the worker's lease: a run refreshes heartbeat_at as it goes; a run whose heartbeat is
    # older than IMPORT_LEASE died with its worker and is retried (xlsx_import.imports_reap)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("目录导入")
        verbose_name_plural = _("目录导入")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.VALIDATED, ImportStatus.FAILED):
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // (self.total_rows * 2))
