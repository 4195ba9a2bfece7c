"""法律法规库: legal texts imported from a folder of the corpus format (docs/laws.md)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """效力级别, in the order of 《立法法》 (宪法 → 法律 → 行政法规 → 规章), then the rest."""

    CONSTITUTION = "constitution", _("宪法")
    LAW = "law", _("法律")
    REGULATION = "regulation", _("行政法规")
    RULE = "rule", _("部门规章")
    LOCAL = "local", _("地方性法规")
    JUDICIAL = "judicial", _("司法解释")
    CASE = "case", _("典型案例")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    """时效性 at a given day. The corpus records no repeals, so a text is 现行有效 unless a
    later version of the same title was imported (已被修改) or it takes effect later (尚未生效)."""

    VALID = "valid", _("现行有效")
    AMENDED = "amended", _("已被修改")
    PENDING = "pending", _("尚未生效")


class LawQuerySet(models.QuerySet):
    def with_status(self, status: str, day: dt.date) -> LawQuerySet:
        if status == Status.AMENDED:
            return self.filter(superseded_by__isnull=False)
        current = self.filter(superseded_by__isnull=True)
        if status == Status.PENDING:
            return current.filter(effective_on__gt=day)
        return current.exclude(effective_on__gt=day)


class Law(models.Model):
    """One legal text (one version of it: a revised law is a new row, the old one 已被修改)."""

    title = models.CharField(_("标题"), max_length=200, db_index=True)
    level = models.CharField(_("效力级别"), max_length=16, choices=Level.choices, db_index=True)
    branch = models.CharField(_("分类"), max_length=40, blank=True)
    region = models.CharField(_("地区"), max_length=20, blank=True)
    info = models.TextField(_("制定与修改情况"), blank=True)
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    version_on = models.DateField(_("版本日期"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("新版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article_count = models.PositiveIntegerField(_("条数"), default=0)
    source = models.CharField(_("来源文件"), max_length=400, unique=True)
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    objects = LawQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["-promulgated_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("laws:detail", args=[self.pk])

    def status_on(self, day: dt.date) -> str:
        if self.superseded_by_id:
            return Status.AMENDED
        if self.effective_on and self.effective_on > day:
            return Status.PENDING
        return Status.VALID

    def article_url(self, label: str) -> str:
        return f"{self.get_absolute_url()}#{label}" if label else self.get_absolute_url()


class Provision(models.Model):
    """A heading (章/节), an article (条, with its 款 as lines) or a plain paragraph, in order."""

    class Kind(models.TextChoices):
        HEADING = "heading", _("标题")
        ARTICLE = "article", _("条")
        PARA = "para", _("段落")

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="provisions")
    ordinal = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    label = models.CharField(max_length=200, blank=True)  # 第二十条 · the heading
    text = models.TextField(blank=True)
    depth = models.PositiveSmallIntegerField(default=0)  # 2 章, 3 节, 4 below

    class Meta:
        ordering = ["law", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["law", "ordinal"], name="laws_provision_order"),
        ]

    def __str__(self) -> str:
        return self.label or self.text[:20]
