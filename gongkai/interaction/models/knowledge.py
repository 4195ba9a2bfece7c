"""问答知识库, 知识清单, 热点回应 and 网络新闻发言人 (docs/interaction.md#knowledge)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.interaction.knowledge_rules import PubState


class KnowledgeEntry(models.Model):
    """问答知识库: a question and its answer, turned from answered messages or written by
    staff; shown after a reviewer publishes it and while it is valid."""

    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"), max_length=5000)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("解答机构"), on_delete=models.PROTECT
    )
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # the citation as written; pages link it to the 法律法规库 (laws/linking.py) when held
    basis = models.CharField(_("政策依据"), max_length=300, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    source_message = models.ForeignKey(
        "interaction.Message",
        verbose_name=_("来源留言"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=PubState.choices, default=PubState.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("知识库问答")
        verbose_name_plural = _("问答知识库")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:knowledge_entry", args=[self.pk])

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= day


class KnowledgeList(models.Model):
    """知识清单: the suggestions and complaints of a period by theme, count and disposition,
    compiled from the messages in the database and published by the 政务公开办."""

    title = models.CharField(_("标题"), max_length=100)
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("截止日期"))
    rows = models.JSONField(_("清单"), default=list)  # knowledge.knowledge_list_rows
    note = models.TextField(_("说明"), max_length=2000, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=PubState.choices, default=PubState.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-end", "-id"]
        verbose_name = _("知识清单")
        verbose_name_plural = _("知识清单")

    def __str__(self) -> str:
        return self.title


class Spokesperson(models.Model):
    """网络新闻发言人: who speaks for an organisation online."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE
    )
    name = models.CharField(_("姓名"), max_length=30)
    post = models.CharField(_("职务"), max_length=60)
    is_active = models.BooleanField(_("在任"), default=True)

    class Meta:
        ordering = ["organisation__display_order", "id"]
        verbose_name = _("网络新闻发言人")
        verbose_name_plural = _("网络新闻发言人")

    def __str__(self) -> str:
        return f"{self.organisation} {self.post} {self.name}"


class HotTopic(models.Model):
    """热点回应: the response to a hot public concern, with the 国办发〔2016〕80号 targets for
    特别重大、重大突发事件 (hot_rules.py) shown to staff."""

    title = models.CharField(_("主题"), max_length=100)
    concern = models.TextField(_("群众关切"), max_length=2000)
    response = models.TextField(_("回应内容"), max_length=10000)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("回应机构"), on_delete=models.PROTECT
    )
    spokesperson = models.ForeignKey(
        Spokesperson,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    major = models.BooleanField(_("特别重大、重大突发事件"), default=False)
    arose_at = models.DateTimeField(_("事件发生或舆情发现时间"))
    conference_at = models.DateTimeField(_("新闻发布会时间"), null=True, blank=True)
    links = models.ManyToManyField(
        "publishing.Publication", verbose_name=_("相关信息"), blank=True, related_name="+"
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=PubState.choices, default=PubState.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("热点回应")
        verbose_name_plural = _("热点回应")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:hot_topic", args=[self.pk])
