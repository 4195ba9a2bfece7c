"""Search dictionary, analytics, and the PostgreSQL backend's document table (docs/search.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """A government term for the segmenter (依申请公开, 放管服…) with optional synonyms."""

    word = models.CharField(_("词语"), max_length=40, unique=True)
    synonyms = models.CharField(
        _("同义词"), max_length=300, blank=True, help_text=_("用顿号或逗号分隔，例如：最低生活保障")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("搜索词典")
        verbose_name_plural = _("搜索词典")

    def __str__(self) -> str:
        return self.word

    def synonym_list(self) -> list[str]:
        raw = self.synonyms.replace("，", ",").replace("、", ",")
        return [s.strip() for s in raw.split(",") if s.strip()]


class SearchLog(models.Model):
    """One search, for analytics (top queries, zero results, click-through)."""

    query = models.CharField(max_length=200)  # masked: search.privacy.mask_query
    normalized = models.CharField(max_length=200, db_index=True)
    visitor = models.CharField(max_length=32, blank=True, db_index=True)  # keyed hash
    results = models.PositiveIntegerField()
    filters = models.JSONField(default=dict, blank=True)
    suggestion = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")

    def __str__(self) -> str:
        return f"{self.query} ({self.results})"


class SearchClick(models.Model):
    log = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks")
    rank = models.PositiveSmallIntegerField()
    url = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.log_id} #{self.rank}"


class SearchDocument(models.Model):
    """The PostgreSQL engine's copy of one indexed document (unused by the tantivy engine)."""

    key = models.CharField(max_length=80, unique=True)
    ctype = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=300)
    text = models.TextField()
    url = models.CharField(max_length=300)
    date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    stage = models.CharField(max_length=12, blank=True)
    domains = models.JSONField(default=list)
    organisation = models.CharField(max_length=100, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    doc_number = models.CharField(max_length=80, blank=True, db_index=True)
    index_no = models.CharField(max_length=40, blank=True, db_index=True)
    title_tokens = models.TextField()
    body_tokens = models.TextField()
    version = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")

    def __str__(self) -> str:
        return self.key
