"""Government information 政府信息, its review, revisions, attachments; 政策解读; 政府公报;
政务公开标准; portal columns 栏目 (docs/publishing.md)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.choices import Stage
from gongkai.core.clock import ClockRule
from gongkai.publishing.choices import (
    PUB_ALLOWED_FROM,
    Attribute,
    Genre,
    InterpretationKind,
    PubAction,
    PubStatus,
    Validity,
)

DISCLOSURE_WORKING_DAYS = 20  # 条例 第二十六条: 形成或者变更之日起20个工作日内


class Topic(models.Model):
    """主题分类."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    display_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self) -> str:
        return self.name


class PublishingSettings(models.Model):
    """Per organisation: how many review levels 先审后发 needs (1–3)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="publishing_settings"
    )
    review_levels = models.PositiveSmallIntegerField(
        _("审核级数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        verbose_name = _("发布审核设置")
        verbose_name_plural = _("发布审核设置")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.review_levels}级审核"


class IndexCounter(models.Model):
    """Last 索引号 sequence per organisation and year; locked row makes allocation race-free."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("organisation", "year")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last}"


class PublicationQuerySet(models.QuerySet):
    def invalid_on_date(self, day: dt.date) -> PublicationQuerySet:
        """失效 or 废止 by ``day``: the end date has come (a future end date is still in force)."""
        return self.exclude(validity=Validity.VALID).filter(invalid_on__lte=day)

    def in_force_on(self, day: dt.date) -> PublicationQuerySet:
        """现行有效 on ``day``: valid, or its 失效/废止 date is still ahead."""
        return self.filter(
            models.Q(validity=Validity.VALID)
            | models.Q(invalid_on__gt=day)
            | models.Q(invalid_on__isnull=True)
        )

    def published(self) -> PublicationQuerySet:
        return self.filter(status=PubStatus.PUBLISHED)


class Publication(models.Model):
    """A piece of government information (or a 政策解读 of one)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("发布机构"),
    )
    index_no = models.CharField(_("索引号"), max_length=40, unique=True, null=True, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)
    doc_number = models.CharField(_("文号"), max_length=80, blank=True, db_index=True)
    issuer = models.CharField(_("发布机构（署名）"), max_length=200, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(_("形成/变更日期"))
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True, db_index=True)
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("主题分类")
    )
    genre = models.CharField(_("体裁"), max_length=16, choices=Genre.choices, default=Genre.NOTICE)
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    valid_from = models.DateField(_("施行日期"), null=True, blank=True)
    invalid_on = models.DateField(_("失效/废止日期"), null=True, blank=True)
    attribute = models.CharField(
        _("公开属性"), max_length=14, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    attribute_reason = models.TextField(_("不公开理由"), blank=True)
    stage = models.CharField(_("五公开"), max_length=12, choices=Stage.choices, blank=True)
    domains = models.ManyToManyField(
        "catalog.Domain", blank=True, related_name="publications", verbose_name=_("领域")
    )
    catalog_items = models.ManyToManyField(
        "catalog.CatalogItem",
        blank=True,
        related_name="publications",
        verbose_name=_("对应公开事项"),
    )
    audience_tags = models.JSONField(_("受众标签"), default=list, blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    needs_interpretation = models.BooleanField(_("需解读"), default=False)
    interpretation_exempt_reason = models.TextField(_("免于同步解读理由"), blank=True)
    interprets = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name=_("所解读的政策"),
    )
    interpretation_kind = models.CharField(
        _("解读形式"), max_length=12, choices=InterpretationKind.choices, blank=True
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=PubStatus.choices, default=PubStatus.DRAFT, db_index=True
    )
    review_level = models.PositiveSmallIntegerField(_("已通过审核级数"), default=0)
    due_date = models.DateField(_("公开期限"), null=True, blank=True, db_index=True)
    due_is_estimate = models.BooleanField(default=False)
    revision = models.PositiveSmallIntegerField(_("修订次数"), default=0)
    revision_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤回原因"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publishing:article", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.attribute != Attribute.PROACTIVE and not self.attribute_reason.strip():
            errors["attribute_reason"] = "依申请公开或不予公开的信息必须说明理由"
        if self.validity != Validity.VALID and not self.invalid_on:
            errors["invalid_on"] = "失效或废止的文件须填写失效/废止日期"
        if self.written_on and self.formed_on and self.formed_on < self.written_on:
            errors["formed_on"] = "形成/变更日期不能早于成文日期"
        if self.interprets_id and not self.interpretation_kind:
            errors["interpretation_kind"] = "请选择解读形式"
        if errors:
            raise ValidationError(errors)

    def validity_on(self, day: dt.date) -> str:
        """The one owner of "is this document in force on ``day``" (有效性 on pages, ledger,
        失效文件清单, search): 失效/废止 only once its end date has come."""
        if self.validity != Validity.VALID and self.invalid_on and self.invalid_on <= day:
            return self.validity
        return Validity.VALID

    @property
    def validity_today(self) -> str:
        """有效性 as readers see it today, with the end date: "现行有效（2027-05-01 失效）"."""
        from django.utils import timezone

        today = timezone.localdate()
        state = self.validity_on(today)
        if state == Validity.VALID and self.validity != Validity.VALID and self.invalid_on:
            return f"现行有效（{self.invalid_on:%Y-%m-%d}起{self.get_validity_display()}）"
        if state != Validity.VALID:
            return f"{Validity(state).label}（{self.invalid_on:%Y-%m-%d}起）"
        return str(Validity.VALID.label)

    def disclosure_clock(self) -> tuple[dt.date | None, ClockRule | None]:
        """(start, rule) of the 主动公开 deadline: the one owner of ``due_date``.

        形成/变更日期 + the 公开时限 of its (first) catalog item, or 条例 第二十六条's 20 working
        days; no clock for information that is not 主动公开.
        """
        if self.attribute != Attribute.PROACTIVE or not self.formed_on:
            return None, None
        item = self.catalog_items.order_by("code").first() if self.pk else None
        rule = item.clock_rule() if item else ClockRule.working_days(DISCLOSURE_WORKING_DAYS)
        return self.formed_on, rule

    def can(self, action: str) -> bool:
        """Whether ``action`` is allowed in the current state (publishing.choices)."""
        return self.status in PUB_ALLOWED_FROM[action]

    def allowed_actions(self) -> list[str]:
        return [a.value for a in PubAction if a != PubAction.PUBLISH and self.can(a)]

    def can_edit(self) -> bool:
        return self.can(PubAction.EDIT)

    def can_submit(self) -> bool:
        return self.can(PubAction.SUBMIT)

    def can_review(self) -> bool:
        return self.can(PubAction.REVIEW)

    def can_revise(self) -> bool:
        return self.can(PubAction.REVISE)

    def can_withdraw(self) -> bool:
        return self.can(PubAction.WITHDRAW)

    @property
    def is_interpretation(self) -> bool:
        return self.interprets_id is not None


class Attachment(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to="attachments/%Y/")
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class ReviewStep(models.Model):
    """One level of 先审后发 for one submission."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="reviews")
    level = models.PositiveSmallIntegerField()
    approved = models.BooleanField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.publication_id} L{self.level} {'通过' if self.approved else '退回'}"


class Revision(models.Model):
    """A published state that was later revised (readers see a 修订 note)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    note = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        unique_together = [("publication", "number")]

    def __str__(self) -> str:
        return f"{self.publication_id} 修订{self.number}"


class GazetteIssue(models.Model):
    """政府公报 issue (年/期)."""

    year = models.PositiveSmallIntegerField(_("年"))
    number = models.PositiveSmallIntegerField(_("期"))
    title = models.CharField(_("标题"), max_length=200)
    published_on = models.DateField(_("出版日期"))
    pdf = models.FileField(_("PDF"), upload_to="gazette/", blank=True)
    documents = models.ManyToManyField(Publication, blank=True, related_name="gazette_issues")

    class Meta:
        ordering = ["-year", "-number"]
        unique_together = [("year", "number")]
        verbose_name = _("政府公报")
        verbose_name_plural = _("政府公报")

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期"

    def get_absolute_url(self) -> str:
        return reverse("publishing:gazette_issue", args=[self.pk])


class StandardDocument(models.Model):
    """政务公开标准体系 document, e.g. RZ/GK 02-2018."""

    code = models.CharField(_("标准编号"), max_length=40, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    issued_on = models.DateField(_("发布日期"))
    effective_on = models.DateField(_("实施日期"))
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, verbose_name=_("发布机构")
    )
    file = models.FileField(_("文本"), upload_to="standards/", blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    body = models.TextField(_("正文"), blank=True)  # sanitised HTML, shown at standards/<pk>/

    class Meta:
        ordering = ["code"]
        verbose_name = _("政务公开标准")
        verbose_name_plural = _("政务公开标准")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        from gongkai.core.files import sanitize_html

        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class Column(models.Model):
    """栏目: lists publications by rule (type, domain, stage, organisation…) or by hand."""

    name = models.CharField(_("名称"), max_length=60)
    slug = models.SlugField(_("路径"), unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    display_order = models.PositiveSmallIntegerField(default=100)
    column_type = models.CharField(_("栏目类型"), max_length=30, default="信息公开")
    description = models.CharField(_("说明"), max_length=200, blank=True)
    show_on_home = models.BooleanField(_("首页显示"), default=False)
    by_hand = models.BooleanField(_("手工选择"), default=False)
    items = models.ManyToManyField(Publication, blank=True, related_name="hand_columns")
    rule_genres = models.JSONField(_("体裁"), default=list, blank=True)
    rule_stages = models.JSONField(_("五公开"), default=list, blank=True)
    rule_domains = models.ManyToManyField("catalog.Domain", blank=True, related_name="+")
    rule_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule_audience = models.CharField(max_length=20, blank=True)
    rule_normative = models.BooleanField(null=True, blank=True)
    rule_interpretations = models.BooleanField(_("仅政策解读"), default=False)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:column", args=[self.slug])


class Page(models.Model):
    """Fixed pages: 信息公开指南, 信息公开制度, 信息公开年报, 试点工作专题…"""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("页面")
        verbose_name_plural = _("页面")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        from gongkai.core.files import sanitize_html

        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("publishing:page", args=[self.slug])
