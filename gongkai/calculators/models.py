"""政策计算器 (docs/calculators.md): a calculator and its versions. A version is never edited: a
new standard is a new version with its own effective day, and a result names the version —
the published standard and its source — it was computed by."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Calculator(models.Model):
    slug = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.TextField(_("说明"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("标准发布部门"),
    )
    is_active = models.BooleanField(_("上线"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("政策计算器")
        verbose_name_plural = _("政策计算器")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calculators:detail", args=[self.slug])

    def version_on(self, day: dt.date) -> CalculatorVersion | None:
        """The version in force on ``day``: the latest whose effective day has come."""
        return self.versions.filter(effective_from__lte=day).order_by("-effective_from").first()


class CalculatorVersion(models.Model):
    calculator = models.ForeignKey(Calculator, on_delete=models.CASCADE, related_name="versions")
    effective_from = models.DateField(_("施行日期"))
    standard_title = models.CharField(_("所依据的标准"), max_length=200)
    standard_source = models.CharField(_("标准出处（文号、发布机关）"), max_length=300)
    standard_url = models.URLField(_("标准原文链接"), blank=True)
    inputs = models.JSONField(_("输入项"), default=list)
    tables = models.JSONField(_("标准表"), default=dict, blank=True)
    items = models.JSONField(_("计算项"), default=list)
    result_label = models.CharField(_("结果名称"), max_length=40, default="合计")
    result_unit = models.CharField(_("结果单位"), max_length=10, default="元")
    note = models.CharField(_("版本说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["calculator", "-effective_from"]
        verbose_name = _("计算标准版本")
        verbose_name_plural = _("计算标准版本")
        constraints = [
            models.UniqueConstraint(fields=["calculator", "effective_from"], name="calcversion_day")
        ]

    def __str__(self) -> str:
        return f"{self.calculator} {self.effective_from:%Y-%m-%d}起"

    def definition(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "tables": self.tables, "items": self.items}
