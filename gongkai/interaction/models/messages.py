"""政民互动 messages: consultations, the leader's mailbox, suggestions, complaints and reports
(docs/interaction.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.clock import ClockRule
from gongkai.interaction.choices import (
    ALLOWED_FROM,
    PUBLIC_STATUSES,
    WRITER_ACTIONS,
    Action,
    Channel,
    EventKind,
    Kind,
    Rating,
    Status,
)

WORKING, CALENDAR = "wd", "cd"
# The platform's defaults until the 政务公开办 sets its own (KindRule): no statute fixes them;
# they follow the common 12345 practice (咨询 5 working days, the rest 15).
DEFAULT_LIMITS: dict[str, tuple[str, int]] = {
    Kind.CONSULT: (WORKING, 5),
    Kind.MAILBOX: (WORKING, 15),
    Kind.SUGGESTION: (WORKING, 15),
    Kind.COMPLAINT: (WORKING, 15),
    Kind.REPORT: (WORKING, 15),
}


class KindRule(models.Model):
    """办理时限: how long each kind of message may take, set by the 政务公开办."""

    kind = models.CharField(_("留言类型"), max_length=12, choices=Kind.choices, unique=True)
    unit = models.CharField(
        _("计算方式"),
        max_length=2,
        choices=[(WORKING, _("工作日")), (CALENDAR, _("日（自然日，末日遇休假日顺延）"))],
        default=WORKING,
    )
    days = models.PositiveSmallIntegerField(_("天数"), default=15)

    class Meta:
        verbose_name = _("留言办理时限")
        verbose_name_plural = _("留言办理时限")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}：{self.days}{'个工作日' if self.unit == WORKING else '日'}"
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not 1 <= self.days <= 90:
            raise ValidationError({"days": "办理时限应在1至90天之间"})

    @staticmethod
    def rule_for(kind: str) -> ClockRule:
        """The one place a kind's reply clock is read."""
        row = KindRule.objects.filter(kind=kind).first()
        unit, days = (row.unit, row.days) if row else DEFAULT_LIMITS[kind]
        return ClockRule.working_days(days) if unit == WORKING else ClockRule.calendar_days(days)


class RoutingRule(models.Model):
    """分办规则: which organisation receives a message of a kind and 领域 by default."""

    kind = models.CharField(_("留言类型"), max_length=12, choices=Kind.choices, blank=True)
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), null=True, blank=True, on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("承办机构"), on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")

    def __str__(self) -> str:
        kind = self.get_kind_display() or "全部类型"
        return f"{kind} · {self.domain or '全部领域'} → {self.organisation}"


class Open311Client(models.Model):
    """An application that files messages through Open311 GeoReport v2 with its api_key
    (interaction/open311.py). Only a SHA-256 of the key is kept; it is shown once."""

    name = models.CharField(_("应用名称"), max_length=60)
    contact = models.CharField(_("联系人"), max_length=100, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Open311接入应用")
        verbose_name_plural = _("Open311接入应用")

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """留言 (one of the five kinds), from the web or taken by phone, in person or by letter."""

    number = models.CharField(_("留言编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=128)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    channel = models.CharField(
        _("来源"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"), max_length=5000)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("承办机构"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), null=True, blank=True, on_delete=models.SET_NULL
    )
    about_publication = models.ForeignKey(
        "publishing.Publication",
        verbose_name=_("涉及的政府信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    about_item = models.ForeignKey(
        "catalog.CatalogItem",
        verbose_name=_("涉及的公开事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    about_application = models.ForeignKey(
        "foi.Application",
        verbose_name=_("涉及的依申请公开申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    about_case_no = models.CharField(_("涉及的办件编号"), max_length=40, blank=True)
    # where it is (Open311 clients send a place; the web form may too)
    address = models.CharField(_("地点"), max_length=200, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    open311_client = models.ForeignKey(
        "interaction.Open311Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    allow_public = models.BooleanField(_("同意公开"), default=False)
    # the writer: never shown publicly, masked in staff lists
    name = models.CharField(_("姓名"), max_length=30)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    received_on = models.DateField(_("收到日期"))
    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    due_is_estimate = models.BooleanField(default=False)
    answer = models.TextField(_("答复"), blank=True)
    answer_draft = models.TextField(_("待审核的答复"), blank=True)
    answer_on_spot = models.BooleanField(_("当场答复"), default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    # working days from receipt to the answer, from the law clock when the answer is given
    # (services._answered), so the figures can average it in the database
    answer_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    reject_reason = models.CharField(_("不予受理理由"), max_length=300, blank=True)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=300, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    petition_notice_due = models.DateField(_("信访受理告知期限"), null=True, blank=True)
    petition_done_due = models.DateField(_("信访办结期限"), null=True, blank=True)
    petition_ack_on = models.DateField(_("信访受理告知日期"), null=True, blank=True)
    # 合并办理: a duplicate is answered with the message it was merged into (services._answered)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并至"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # "was it solved?" (FixMyStreet's follow-up): asked a few working days after the answer
    solved = models.BooleanField(_("问题是否解决"), null=True, blank=True)
    follow_up_sent_on = models.DateField(_("回访日期"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # the handlers' due-soon reminder
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        indexes = [models.Index(fields=["organisation", "status"], name="message_org_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:detail", args=[self.number])

    @property
    def answer_pending(self) -> bool:
        return self.status == Status.HANDLING and bool(self.answer_draft)

    def _condition(self, action: str) -> bool:
        if self.merged_into_id and action not in WRITER_ACTIONS:
            return False  # it is handled with the message it was merged into
        if action in (Action.APPROVE, Action.RETURN):
            return bool(self.answer_draft)
        if action == Action.RATE:
            return not self.rating
        if action == Action.REOPEN:
            return self.reopen_count == 0
        if action == Action.PETITION_ACK:
            return self.petition_ack_on is None
        if action == Action.SOLVED:
            return self.solved is None
        if action == Action.ON_SPOT:  # web messages are answered through review
            return self.channel != Channel.WEB
        return True

    def can(self, action: str) -> bool:
        return self.status in ALLOWED_FROM[action] and self._condition(action)

    def staff_actions(self) -> list[str]:
        # RETURN shares the reviewer's form with APPROVE
        return [a for a in Action if a not in WRITER_ACTIONS and a != Action.RETURN and self.can(a)]

    @property
    def is_public(self) -> bool:
        """Shown on the public list: answered, and the writer agreed."""
        return self.allow_public and self.status in PUBLIC_STATUSES


class MessageEvent(models.Model):
    """办理记录: one step, never changed afterwards."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.message_id} {self.get_kind_display()}"


class MessageFile(models.Model):
    """An attachment to a message, checked by content like FOI files; never public, only the
    message's handlers download it."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="hd-files/%Y/")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
