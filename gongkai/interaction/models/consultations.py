"""意见征集 (决策预公开): a draft open for comment, its comments and the adoption report
(docs/interaction.md#consultations). Rules and states: interaction/consult_rules.py."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.interaction.consult_rules import (
    CONSULT_ALLOWED_FROM,
    NOT_OPINIONS,
    CommentStatus,
    ConsultAction,
    ConsultStatus,
    DecisionKind,
    Disposition,
    HideReason,
)


class Consultation(models.Model):
    """意见征集: one draft policy open for public comment."""

    title = models.CharField(_("标题"), max_length=120)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("起草机构"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    decision_kind = models.CharField(
        _("草案类别"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.MAJOR
    )
    deciding_body = models.CharField(_("决策机关"), max_length=100)
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), null=True, blank=True, on_delete=models.SET_NULL
    )
    draft = models.TextField(_("草案全文"), max_length=60000)
    explanation = models.TextField(_("起草说明"), max_length=20000)
    how_to_comment = models.TextField(
        _("其他提交意见方式"), max_length=1000, blank=True, help_text=_("如信函、传真、电子邮件")
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    short_reason = models.TextField(
        _("缩短征求意见期限的理由"),
        max_length=1000,
        blank=True,
        help_text=_("少于30日的，应当在公开征求意见时说明理由，并向社会公开"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ConsultStatus.choices, default=ConsultStatus.DRAFT
    )
    report_summary = models.TextField(_("意见采纳情况说明"), max_length=20000, blank=True)
    reported_at = models.DateTimeField(_("采纳情况发布时间"), null=True, blank=True)
    final_publication = models.ForeignKey(
        "publishing.Publication",
        verbose_name=_("正式发布的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:consultation", args=[self.pk])

    def can(self, action: str) -> bool:
        if self.status not in CONSULT_ALLOWED_FROM[action]:
            return False
        if action == ConsultAction.CLOSE:
            return timezone.localdate() > self.ends_on
        return True

    def is_open_on(self, day: dt.date) -> bool:
        return self.status == ConsultStatus.PUBLISHED and self.starts_on <= day <= self.ends_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    @property
    def phase_label(self) -> str:
        """未开始 / 征集中 / 征集结束 / 已反馈 for the public."""
        if self.status == ConsultStatus.PUBLISHED:
            today = timezone.localdate()
            if today < self.starts_on:
                return "未开始"
            return "征集中" if today <= self.ends_on else "征集结束"
        return str(self.get_status_display())

    @property
    def period_days(self) -> int:
        """Days of the period as 民法典 第二百零一条 counts them (the start day not counted)."""
        return (self.ends_on - self.starts_on).days


class Paragraph(models.Model):
    """One numbered paragraph of the draft (条文), which a comment may point at."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveSmallIntegerField(_("段落序号"))
    text = models.TextField(_("内容"))

    class Meta:
        ordering = ["number"]
        unique_together = [("consultation", "number")]

    def __str__(self) -> str:
        return f"第{self.number}段"


class Comment(models.Model):
    """One comment, per paragraph or on the whole draft; shown only after moderation."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("针对段落"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    content = models.TextField(_("意见内容"), max_length=3000)
    # never shown publicly
    name = models.CharField(_("姓名"), max_length=30, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("审核状态"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    hide_reason = models.CharField(
        _("不予显示理由"), max_length=10, choices=HideReason.choices, blank=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    disposition = models.CharField(
        _("采纳情况"), max_length=12, choices=Disposition.choices, blank=True
    )
    disposition_reason = models.CharField(_("理由"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        indexes = [models.Index(fields=["consultation", "status"], name="comment_cons_status")]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"

    @property
    def is_opinion(self) -> bool:
        """Answered in the adoption report (everything but adverts, abuse and off-topic)."""
        return self.status == CommentStatus.SHOWN or (
            self.status == CommentStatus.HIDDEN and self.hide_reason not in NOT_OPINIONS
        )

    @property
    def text_public(self) -> bool:
        return self.status == CommentStatus.SHOWN
