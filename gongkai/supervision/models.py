"""年度报告 and the figures of its table 二 that no record of the platform holds
(docs/supervision.md#annual-report)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import VersionedRule
from gongkai.supervision.annual_rules import ALLOWED_FROM, ReportStatus
from gongkai.supervision.complaint_rules import ALLOWED_FROM as COMPLAINT_ALLOWED_FROM
from gongkai.supervision.complaint_rules import (
    ComplaintChannel,
    ComplaintStatus,
    Feedback,
    Finding,
)
from gongkai.supervision.evaluation_rules import EvaluatorKind, RoundKind, RoundStatus
from gongkai.supervision.monitor_rules import AlertLevel

YEAR_VALIDATORS = [MinValueValidator(2008), MaxValueValidator(2100)]  # 条例 in force since 2008


class AnnualFigure(models.Model):
    """年报表二 figures entered per organisation and year 年报填报数: 规章 (a county makes none;
    a city with districts does), 行政许可, 行政处罚 and 行政强制 decisions, 行政事业性收费. Entered
    by the organisation's staff from their own registers; 规范性文件 are counted from the
    published records instead."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    rules_issued = models.PositiveIntegerField(_("规章本年制发件数"), default=0)
    rules_abolished = models.PositiveIntegerField(_("规章本年废止件数"), default=0)
    rules_current = models.PositiveIntegerField(_("规章现行有效件数"), default=0)
    licences = models.PositiveIntegerField(_("行政许可本年处理决定数量"), default=0)
    penalties = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), default=0)
    enforcements = models.PositiveIntegerField(_("行政强制本年处理决定数量"), default=0)
    fees_wan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"),
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年报填报数")
        verbose_name_plural = _("年报填报数")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="annual_figure_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class AnnualReport(models.Model):
    """政府信息公开工作年度报告 of one organisation (a 人民政府's covers its departments and towns)
    for one year: the tables are computed from the records until it is published, then kept
    as they were published."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("报告机关"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    overview = models.TextField(_("一、总体情况"), max_length=20000, blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), max_length=20000, blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), max_length=20000, blank=True)
    tables = models.JSONField(_("公布时的表格"), null=True, blank=True)
    report_due = models.DateField(_("公布期限"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "organisation__kind", "organisation__code"]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="annual_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("supervision:report", args=[self.pk])

    def can(self, action: str) -> bool:
        return self.status in ALLOWED_FROM[action]


class InspectionRun(models.Model):
    """One website self-inspection 网站自查 (国办秘函〔2019〕19号): the indicator table with each
    single-veto item passed or failed and the failing pages, kept as it was found."""

    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"))
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    vetoed = models.BooleanField(_("存在单项否决"), default=False)
    results = models.JSONField(_("检查结果"), default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("网站自查")
        verbose_name_plural = _("网站自查")

    def __str__(self) -> str:
        return f"网站自查 {self.started_at:%Y-%m-%d %H:%M}"


class ScoreRule(VersionedRule):
    """考核规则: the indicators' weights from a day on, so a period is always scored by the rule
    in force at its end and earlier periods keep their scores."""

    weights = models.JSONField(_("权重"))

    class Meta(VersionedRule.Meta):
        verbose_name = _("考核规则")
        verbose_name_plural = _("考核规则")


class ScorePublication(models.Model):
    """A period's 成绩单 as published by the 政务公开办: the ranking kept as it was."""

    start = models.DateField(_("考核期起"))
    end = models.DateField(_("考核期止"))
    title = models.CharField(_("标题"), max_length=100)
    rule = models.ForeignKey(ScoreRule, on_delete=models.PROTECT, verbose_name=_("考核规则"))
    rows = models.JSONField(_("排名"))
    published_at = models.DateTimeField(_("公布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-end", "-id"]
        verbose_name = _("成绩单")
        verbose_name_plural = _("成绩单")

    def __str__(self) -> str:
        return self.title


class ItemPeriod(models.Model):
    """定期公开义务: one period (month, quarter, year) of a 每月/每季度/每年 catalog item. Its
    clock is a ``supervision.period`` deadline from the item's own 公开时限; a record of the
    item formed in the period and published closes it (docs/supervision.md#obligations)."""

    item = models.ForeignKey(
        "catalog.CatalogItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("事项")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField(_("周期起"))
    period_end = models.DateField(_("周期止"))
    due_date = models.DateField(_("公开期限"), null=True, blank=True)  # mirror of the deadline
    fulfilled_on = models.DateField(_("公开日期"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "period_start"], name="one_period_per_item")
        ]
        verbose_name = _("定期公开义务")
        verbose_name_plural = _("定期公开义务")

    def __str__(self) -> str:
        return f"{self.item.name}（{self.period_start:%Y-%m-%d}至{self.period_end:%Y-%m-%d}）"


class MonitorRule(VersionedRule):
    """在线监督规则: lead time of 预警, which completeness checks run, whether the daily digest
    is mailed, and the complaint clock."""

    warn_days = models.PositiveSmallIntegerField(
        _("预警提前天数"), validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    checks = models.JSONField(_("启用的检查"), default=list)
    digest = models.BooleanField(_("发送每日汇总邮件"), default=True)
    complaint_days = models.PositiveSmallIntegerField(
        _("投诉办理时限（工作日）"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta(VersionedRule.Meta):
        verbose_name = _("在线监督规则")
        verbose_name_plural = _("在线监督规则")


class Alert(models.Model):
    """预警 / 告警 to one person about one duty clock, until they acknowledge it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_alerts"
    )
    deadline = models.ForeignKey("core.Deadline", on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("级别"), max_length=10, choices=AlertLevel.choices)
    label = models.CharField(_("事项"), max_length=200)
    due_date = models.DateField(_("截止日期"))
    url = models.CharField(max_length=300, blank=True)
    raised_at = models.DateTimeField(_("提醒时间"), auto_now_add=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["acknowledged_at", "-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "deadline", "level"], name="one_alert_per_level"
            )
        ]
        indexes = [models.Index(fields=["user", "acknowledged_at"])]
        verbose_name = _("监督提醒")
        verbose_name_plural = _("监督提醒")

    def __str__(self) -> str:
        return f"{self.get_level_display()}：{self.label}"


class Complaint(models.Model):
    """公开投诉 (条例第五十一条): a complaint about an organisation's 政府信息公开工作, taken by
    phone, on site or by letter, or coming from a 政民互动 投诉; dispatched, tracked and
    answered here on its own clock (docs/supervision.md#complaints)."""

    number = models.CharField(_("投诉编号"), max_length=20, unique=True)
    channel = models.CharField(_("来源"), max_length=10, choices=ComplaintChannel.choices)
    message = models.ForeignKey(
        "interaction.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("来自留言"),
    )
    name = models.CharField(_("投诉人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("被投诉机构"),
    )
    handler = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办机构"),
    )
    subject = models.CharField(_("投诉事项"), max_length=100)
    content = models.TextField(_("投诉内容"), max_length=5000)
    about = models.CharField(_("涉及的信息、事项或申请"), max_length=100, blank=True)
    received_on = models.DateField(_("收到日期"))
    due_date = models.DateField(_("办理期限"), null=True, blank=True)  # mirror of the clock
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
    )
    finding = models.CharField(_("调查结论"), max_length=12, choices=Finding.choices, blank=True)
    answer = models.TextField(_("答复内容"), max_length=5000, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    reject_reason = models.CharField(_("不予受理理由"), max_length=300, blank=True)
    feedback = models.CharField(
        _("投诉人评价"), max_length=12, choices=Feedback.choices, blank=True
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("公开投诉")
        verbose_name_plural = _("公开投诉")

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def can(self, action: str) -> bool:
        return self.status in COMPLAINT_ALLOWED_FROM[action]


class ComplaintEvent(models.Model):
    """办理记录 of a complaint: one step, never changed afterwards."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    label = models.CharField(max_length=100)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.label}"


class EvaluationRound(models.Model):
    """第三方评估 or 社会评议 of a period: questions with full marks, invited evaluators."""

    title = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=RoundKind.choices)
    start = models.DateField(_("评议期起"))
    end = models.DateField(_("评议期止"))
    questions = models.JSONField(_("评议问题"))
    status = models.CharField(
        _("状态"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-end", "-id"]
        verbose_name = _("评估评议")
        verbose_name_plural = _("第三方评估和社会评议")

    def __str__(self) -> str:
        return self.title

    @property
    def full_marks(self) -> int:
        return sum(int(q["max"]) for q in self.questions)


class Evaluator(models.Model):
    """One invited evaluator: a one-time link (only its SHA-256 is stored)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="evaluators")
    name = models.CharField(_("评议人"), max_length=50)
    category = models.CharField(_("身份"), max_length=12, choices=EvaluatorKind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("评议人")
        verbose_name_plural = _("评议人")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_category_display()}）"


class EvaluationScore(models.Model):
    """One evaluator's points for one organisation (per question) and their total."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="scores")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    points = models.JSONField()
    total = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "organisation"], name="one_score_per_evaluator_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator_id}→{self.organisation_id}：{self.total}"
