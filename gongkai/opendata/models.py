"""Datasets 数据集, their resources 数据资源 with every version kept, and the change history
(docs/opendata.md). Tabular versions are loaded into the datastore (opendata/datastore.py)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import VersionedRule
from gongkai.opendata.rules import (
    ALLOWED_FROM,
    NAME_PATTERN,
    Access,
    AccessStatus,
    CorrectionStatus,
    DatasetStatus,
    Format,
    Frequency,
    Licence,
    ReuseStatus,
)


class Dataset(models.Model):
    """数据集: one 数据开放目录 entry with its metadata (CKAN's package)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(
        _("标识名"),
        max_length=100,
        unique=True,
        validators=[
            RegexValidator(NAME_PATTERN, "标识名只能用小写字母、数字、连字符和下划线，2至100个字符")
        ],
        help_text=_("用于网址和接口，如 czj-budget-2026"),
    )
    title = models.CharField(_("名称"), max_length=200)
    notes = models.TextField(_("描述"), max_length=5000)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="datasets",
        verbose_name=_("数据提供方"),
    )
    domain = models.ForeignKey(
        "catalog.Domain",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="datasets",
        verbose_name=_("领域"),
    )
    catalog_items = models.ManyToManyField(
        "catalog.CatalogItem", blank=True, related_name="datasets", verbose_name=_("来源公开事项")
    )
    tags = models.JSONField(_("标签"), default=list, blank=True)
    # "|预算|财政|": the tags as text, for filtering and search on every database (SQLite
    # stores JSON with escaped Chinese, so a JSON text match would not find them)
    tag_index = models.CharField(max_length=700, blank=True, editable=False, db_index=True)
    access = models.CharField(
        _("开放属性"), max_length=12, choices=Access.choices, default=Access.OPEN
    )
    access_reason = models.TextField(_("有条件开放或不予开放的理由"), max_length=1000, blank=True)
    licence = models.CharField(
        _("开放许可"), max_length=12, choices=Licence.choices, default=Licence.CC_BY
    )
    frequency = models.CharField(
        _("更新频率"), max_length=10, choices=Frequency.choices, default=Frequency.IRREGULAR
    )
    last_updated = models.DateField(_("数据更新日期"), null=True, blank=True)
    next_update_due = models.DateField(_("下次更新期限"), null=True, blank=True)  # clock mirror
    temporal_start = models.DateField(_("时间范围起"), null=True, blank=True)
    temporal_end = models.DateField(_("时间范围止"), null=True, blank=True)
    spatial = models.CharField(_("空间范围"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=DatasetStatus.choices,
        default=DatasetStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("版本"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    modified_at = models.DateTimeField(_("元数据更新时间"), auto_now=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-modified_at"]
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:dataset", args=[self.name])

    def can(self, action: str) -> bool:
        return self.status in ALLOWED_FROM[action]

    @property
    def is_public(self) -> bool:
        return self.status == DatasetStatus.PUBLISHED

    @property
    def downloadable(self) -> bool:
        """Anyone may download (无条件开放); 有条件开放 needs an approved key."""
        return self.access == Access.OPEN


class Resource(models.Model):
    """数据资源: a file (every version kept) or a link to an API."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("资源名称"), max_length=200)
    description = models.TextField(_("说明"), max_length=2000, blank=True)
    format = models.CharField(_("格式"), max_length=8, choices=Format.choices)
    url = models.URLField(_("接口地址"), max_length=500, blank=True)  # for API links only
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(_("最近更新"), auto_now=True)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("数据资源")
        verbose_name_plural = _("数据资源")

    def __str__(self) -> str:
        return self.name

    def current(self) -> ResourceVersion | None:
        """The newest version a reviewer let out (what the public sees and the API serves)."""
        return self.versions.filter(approved_at__isnull=False).order_by("-number").first()

    def latest(self) -> ResourceVersion | None:
        """The newest version, approved or still awaiting review (staff)."""
        return self.versions.filter(rejected=False).order_by("-number").first()

    def public_versions(self) -> Any:
        return self.versions.filter(approved_at__isnull=False).order_by("-number")


class ResourceVersion(models.Model):
    """One uploaded version of a resource; old ones stay downloadable."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    file = models.FileField(_("文件"), upload_to="opendata/%Y/")
    filename = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("更新说明"), max_length=300, blank=True)
    rows = models.PositiveIntegerField(_("行数"), null=True, blank=True)
    fields = models.JSONField(_("字段"), default=list, blank=True)  # [{id, type, label}]
    table = models.CharField(max_length=63, blank=True)  # datastore table, "" = not loaded
    loaded_at = models.DateTimeField(_("入库时间"), null=True, blank=True)
    load_error = models.CharField(_("入库问题"), max_length=300, blank=True)
    # 先审后发: a version is public once approved — with its dataset's first publication, or
    # on its own review when the dataset is already out
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    rejected = models.BooleanField(_("未通过审核"), default=False)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="one_number_per_resource")
        ]
        verbose_name = _("资源版本")
        verbose_name_plural = _("资源版本")

    def __str__(self) -> str:
        return f"{self.resource.name} 第{self.number}版"

    @property
    def queryable(self) -> bool:
        return bool(self.table and self.loaded_at)

    @property
    def pending(self) -> bool:
        return self.approved_at is None and not self.rejected


class DatasetEvent(models.Model):
    """变更记录: one step of a dataset, shown on its page."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="events")
    label = models.CharField(max_length=100)
    note = models.CharField(max_length=300, blank=True)
    public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.label}"


def field_ids(fields: list[dict[str, Any]]) -> list[str]:
    return [f["id"] for f in fields]


class DatasetUsage(models.Model):
    """使用统计: views of the page, downloads and API calls per dataset and day."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "day"], name="one_usage_row_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.day}"


class OpendataRule(VersionedRule):
    """数据开放规则: how long the publisher has to answer a 有条件开放 application and a
    纠错 report (working days). Never edited: a change is a new rule from its day."""

    access_days = models.PositiveSmallIntegerField(_("有条件开放申请答复时限（工作日）"))
    correction_days = models.PositiveSmallIntegerField(_("数据纠错答复时限（工作日）"))

    class Meta(VersionedRule.Meta):
        verbose_name = _("数据开放规则")
        verbose_name_plural = _("数据开放规则")


class Correction(models.Model):
    """数据纠错: anyone reports an error in a dataset, a row or a field; the publisher
    answers, corrects (a new version) or explains, on a clock; public, personal data masked."""

    number = models.CharField(_("纠错编号"), max_length=20, unique=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="corrections")
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(_("位置（行号、字段）"), max_length=200, blank=True)
    description = models.TextField(_("问题描述"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    answer = models.TextField(_("答复"), max_length=2000, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("收到日期"))
    due_date = models.DateField(_("答复期限"), null=True, blank=True)  # clock mirror
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("数据纠错")
        verbose_name_plural = _("数据纠错")

    def __str__(self) -> str:
        return self.number


class Reuse(models.Model):
    """应用成果: what someone built with the data, shown once staff approve it."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="reuses")
    title = models.CharField(_("成果名称"), max_length=100)
    description = models.TextField(_("简介"), max_length=1000)
    url = models.URLField(_("网址"), max_length=300, blank=True)
    author = models.CharField(_("作者或单位"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReuseStatus.choices, default=ReuseStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("应用成果")
        verbose_name_plural = _("应用成果")

    def __str__(self) -> str:
        return self.title


class AccessApplication(models.Model):
    """有条件开放申请: purpose, scope and period; the publisher approves or refuses with a
    reason within the rule's working days; approval lets the applicant take a key."""

    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_applications"
    )
    applicant = models.CharField(_("申请人"), max_length=100)
    company = models.CharField(_("单位名称"), max_length=100, blank=True)
    purpose = models.TextField(_("用途"), max_length=1000)
    scope = models.TextField(_("所需数据范围"), max_length=1000)
    start = models.DateField(_("使用期起"))
    end = models.DateField(_("使用期止"))
    status = models.CharField(
        _("状态"), max_length=10, choices=AccessStatus.choices, default=AccessStatus.PENDING
    )
    reason = models.TextField(_("审核意见"), max_length=1000, blank=True)
    decided_on = models.DateField(_("审核日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("收到日期"))
    due_date = models.DateField(_("答复期限"), null=True, blank=True)  # clock mirror
    key_prefix = models.CharField(max_length=12, blank=True, db_index=True)
    key_hash = models.CharField(max_length=64, blank=True)
    key_issued_at = models.DateTimeField(_("密钥生成时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("有条件开放申请")
        verbose_name_plural = _("有条件开放申请")

    def __str__(self) -> str:
        return self.number
