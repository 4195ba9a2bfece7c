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

from gongkai.opendata.rules import (
    ALLOWED_FROM,
    NAME_PATTERN,
    Access,
    DatasetStatus,
    Format,
    Frequency,
    Licence,
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
        return self.versions.order_by("-number").first()


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
