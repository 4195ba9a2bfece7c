"""Declared vocabularies of 办事服务 and 办件 (docs/services.md), asked by services, templates and
the API alike."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """服务对象: 个人办事 or 法人（企业）办事."""

    PERSON = "person", _("个人")
    COMPANY = "company", _("企业")


class ApplyChannel(models.TextChoices):
    """办理渠道."""

    WINDOW = "window", _("窗口办理")
    ONLINE = "online", _("网上办理")
    REMOTE = "remote", _("不见面审批")
    MOBILE = "mobile", _("掌上办理")


class CaseStatus(models.TextChoices):
    """办件状态, derived from its nodes by ``rules.case_state`` (never set by hand)."""

    OPEN = "open", _("在办")
    DONE = "done", _("办结")
    REFUSED = "refused", _("不予受理")
    WITHDRAWN = "withdrawn", _("撤回")


CLOSED_STATUSES = (CaseStatus.DONE, CaseStatus.REFUSED, CaseStatus.WITHDRAWN)


class NodeKind(models.TextChoices):
    """办件环节. Sources name their nodes freely; ``rules.node_kind`` maps the usual names."""

    RECEIVE = "receive", _("受理")
    CORRECT = "correct", _("补正")
    REVIEW = "review", _("审查")
    DECIDE = "decide", _("决定")
    DONE = "done", _("办结")
    DELIVER = "deliver", _("送达")
    REFUSE = "refuse", _("不予受理")
    WITHDRAW = "withdraw", _("撤回")
    OTHER = "other", _("其他")


class SourceEngine(models.TextChoices):
    """中间库 engines the connector reads."""

    POSTGRESQL = "postgresql", "PostgreSQL"
    MYSQL = "mysql", "MySQL / MariaDB"
    SQLITE = "sqlite", "SQLite"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("运行中")
    OK = "ok", _("成功")
    FAILED = "failed", _("失败")
