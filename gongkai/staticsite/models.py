"""Pages published as files (静态发布, docs/static-site.md).

One row per public page that is also written to disk. A change to what the page shows bumps
``dirty``; a render that finds ``dirty`` unchanged when it writes sets ``rendered`` to it. A
page is stale while ``dirty > rendered``; the row update is the claim, so two renderers of the
same page never leave the older render on disk.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SitePage(models.Model):
    """静态页面: a public page and its file."""

    path = models.CharField(_("地址"), max_length=200, unique=True)
    dirty = models.PositiveBigIntegerField(_("变更序号"), default=1)
    rendered = models.PositiveBigIntegerField(_("已生成序号"), default=0)
    status = models.PositiveSmallIntegerField(_("生成时状态码"), default=0)
    size = models.PositiveIntegerField(_("文件大小"), default=0)
    rendered_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    error = models.CharField(_("生成失败原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("静态页面")
        verbose_name_plural = _("静态页面")
        indexes = [models.Index(fields=["rendered", "dirty"], name="sitepage_stale")]

    def __str__(self) -> str:
        return self.path

    @property
    def is_stale(self) -> bool:
        return self.dirty > self.rendered
