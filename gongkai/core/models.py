"""Core models: holiday table, audit log, tracked deadlines, periodic-job bookkeeping.

Docs: docs/law-clock.md (holidays, deadlines), docs/audit-and-jobs.md (audit log, jobs).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class HolidayYear(models.Model):
    """One year of the official schedule (国务院办公厅 部分节假日安排的通知) 节假日年度."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source_notice = models.CharField(_("依据通知"), max_length=200)
    source_url = models.URLField(_("通知链接"), blank=True)
    published_on = models.DateField(_("通知发布日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日年度安排")
        verbose_name_plural = _("节假日年度安排")

    def __str__(self) -> str:
        return f"{self.year}年 ({self.source_notice})"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup", _("调休上班")


class HolidayDay(models.Model):
    """A day that differs from the Monday–Friday rule: a day off or a 调休 make-up workday."""

    year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日名称"), max_length=40)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")

    def __str__(self) -> str:
        return f"{self.date} {self.name} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.year_id and self.date and self.date.year != self.year.year:
            raise ValidationError({"date": _("日期必须属于所选年度")})


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")

    def delete(self):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """Append-only record of one change 审计日志. DB triggers refuse UPDATE and DELETE too."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=300)
    old_values = models.JSONField(_("原值"), default=dict, blank=True)
    new_values = models.JSONField(_("新值"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[override]
        raise PermissionError("the audit log is append-only")

    # how people read it (core/audit_labels.py) ----------------------------------------------
    @property
    def action_label(self) -> str:
        from gongkai.core.audit_labels import action_label

        return action_label(self.action)

    @property
    def object_type_label(self) -> str:
        from gongkai.core.audit_labels import object_type_label

        return object_type_label(self.object_type)

    @property
    def changes(self) -> list:
        from gongkai.core.audit_labels import describe

        return describe(self)


class DeadlineStatus(models.TextChoices):
    """Stored states of a statutory clock. ``overdue`` is derived: open and past its date."""

    OPEN = "open", _("进行中")
    MET = "met", _("按期完成")
    LATE = "late", _("超期完成")
    CANCELLED = "cancelled", _("已取消")


class DeadlineState(models.TextChoices):
    """What a deadline means on a given day (dashboards, supervision): 按期/超期完成/已超期."""

    OPEN = "open", _("进行中")
    OVERDUE = "overdue", _("已超期")
    MET = "met", _("按期完成")
    LATE = "late", _("超期完成")
    CANCELLED = "cancelled", _("已取消")


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> DeadlineQuerySet:
        return self.filter(status=DeadlineStatus.OPEN)

    def overdue(self, today: dt.date) -> DeadlineQuerySet:
        return self.filter(status=DeadlineStatus.OPEN, due_date__lt=today)

    def state_counts(self, today: dt.date) -> dict[str, int]:
        """{state: count} with open rows split into 进行中 and 已超期 on ``today``."""
        counts = {state: 0 for state in DeadlineState.values}
        rows = (
            self.order_by()
            .annotate(
                late_now=models.Case(
                    models.When(status=DeadlineStatus.OPEN, due_date__lt=today, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                )
            )
            .values_list("status", "late_now")
            .annotate(n=models.Count("id"))
        )
        for status, late_now, n in rows:
            counts[DeadlineState.OVERDUE if late_now else status] += n
        return counts


class Deadline(models.Model):
    """A statutory clock on some case 法定时限: start date + a clock rule (core.clock).

    The row keeps the rule itself, so that the nightly job and a holiday change recompute every
    open deadline in bulk (core.deadlines.deadlines_recompute_open); the app that owns the
    subject registers the kind and says which of its fields mirror the date (docs/law-clock.md).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("时限类型"), max_length=60)
    label = models.CharField(_("说明"), max_length=200)
    legal_basis = models.CharField(_("法律依据"), max_length=200, blank=True)
    start_date = models.DateField(_("起算日"))
    rule = models.CharField(_("时限规则"), max_length=40)  # core.clock.ClockRule.encode()
    due_date = models.DateField(_("截止日期"), db_index=True)
    is_estimate = models.BooleanField(_("估算"), default=False)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=DeadlineStatus.choices,
        default=DeadlineStatus.OPEN,
        db_index=True,
    )
    closed_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_date"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # the set-based recompute reads (start_date, rule) groups of open rows per kind
            models.Index(fields=["kind", "status", "start_date", "rule"]),
            # timeliness by organisation over a period (scorecards, the compliance scan) is
            # read from this index alone: 1.5 s → 0.14 s at a million rows (docs/benchmarks.md)
            models.Index(
                fields=["kind", "due_date", "organisation", "status", "closed_on"],
                name="deadline_kind_due_covering",
            ),
        ]
        verbose_name = _("法定时限")
        verbose_name_plural = _("法定时限")

    def __str__(self) -> str:
        return f"{self.label}：{self.due_date}"

    def state(self, today: dt.date) -> str:
        if self.status == DeadlineStatus.OPEN and self.due_date < today:
            return DeadlineState.OVERDUE
        return self.status


class PeriodicRun(models.Model):
    """Last slot a periodic job was enqueued for; the unique row makes claiming race-free."""

    name = models.CharField(max_length=200, unique=True)
    last_slot = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_slot}"


class NoticeChannel(models.TextChoices):
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Notice(models.Model):
    """通知发件箱: a text or e-mail to a citizen, stored in the transaction that caused it and
    sent afterwards by the worker, with retries, so an SMS gateway or mail server that is down
    loses nothing (core/notices.py, docs/audit-and-jobs.md#notices)."""

    channel = models.CharField(max_length=5, choices=NoticeChannel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=120, blank=True)
    text = models.TextField(max_length=2000)
    purpose = models.CharField(max_length=40)  # e.g. "interaction.answered", for the audit
    status = models.CharField(
        max_length=8, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="notice_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.purpose} #{self.pk}"


class VersionedRule(models.Model):
    """A rule that is never edited: a change is a new row with its own effective day, and a
    day is governed by the latest row in force on it (考核规则, 在线监督规则)."""

    effective_from = models.DateField(_("生效日期"), unique=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from:%Y-%m-%d}起施行的{self._meta.verbose_name}"

    @classmethod
    def in_force(cls, day: Any) -> Any:
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
