"""意见征集 (决策预公开) rules, states and choices (docs/interaction.md#consultations).

The minimum comment period is law: 《重大行政决策程序暂行条例》第十五条 and 《规章制定程序条例》
第十五条 — "一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明". The 30 日
are counted by the law clock (民法典 第二百零一条、第二百零三条: from the day after the start; a
last day that is a holiday moves to the next working day), so the earliest end date without a
stated reason is ``rule_due(starts_on, 30日)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.clock import ClockRule, rule_due


class DecisionKind(models.TextChoices):
    """What the draft is 草案类别."""

    MAJOR = "major", _("重大行政决策")
    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他政策文件")


@dataclass(frozen=True)
class MinimumPeriod:
    days: int
    source: str


# Only where a statute fixes it; the other kinds have no national minimum (cn-rules §1.8).
MINIMUM_PERIOD: dict[str, MinimumPeriod] = {
    DecisionKind.MAJOR: MinimumPeriod(30, "《重大行政决策程序暂行条例》第十五条"),
    DecisionKind.RULE: MinimumPeriod(30, "《规章制定程序条例》第十五条"),
}


def earliest_end(kind: str, starts_on: dt.date) -> dt.date | None:
    """The first end date that keeps the statutory minimum, or None when none applies."""
    minimum = MINIMUM_PERIOD.get(kind)
    if minimum is None:
        return None
    return rule_due(starts_on, ClockRule.calendar_days(minimum.days))[0]


class ConsultStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("征集中")
    CLOSED = "closed", _("征集结束")
    REPORTED = "reported", _("已反馈采纳情况")


class ConsultAction(models.TextChoices):
    PUBLISH = "publish", _("发布征集")
    CLOSE = "close", _("结束征集")
    REPORT = "report", _("发布采纳情况")
    LINK_FINAL = "link_final", _("关联正式文件")


CONSULT_ALLOWED_FROM: dict[str, frozenset[str]] = {
    ConsultAction.PUBLISH: frozenset({ConsultStatus.DRAFT}),
    ConsultAction.CLOSE: frozenset({ConsultStatus.PUBLISHED}),
    ConsultAction.REPORT: frozenset({ConsultStatus.CLOSED}),
    ConsultAction.LINK_FINAL: frozenset({ConsultStatus.REPORTED}),
}
CONSULT_REFUSALS: dict[str, str] = {
    ConsultAction.PUBLISH: "只有草稿可以发布",
    ConsultAction.CLOSE: "只有征集中且已到截止日期的征集可以结束",
    ConsultAction.REPORT: "征集结束后才能发布采纳情况",
    ConsultAction.LINK_FINAL: "发布采纳情况后才能关联正式文件",
}


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    SHOWN = "shown", _("已显示")
    HIDDEN = "hidden", _("不予显示")


class HideReason(models.TextChoices):
    """Why a comment is not shown 不予显示理由 (the only reasons allowed)."""

    ADVERT = "advert", _("广告")
    ABUSIVE = "abusive", _("不文明")
    OFF_TOPIC = "off_topic", _("无关")
    PERSONAL = "personal", _("含个人信息")


# A comment hidden only because it names people is still an opinion: it is answered in the
# report (its text withheld). Adverts, abuse and off-topic posts are not opinions.
NOT_OPINIONS = frozenset({HideReason.ADVERT, HideReason.ABUSIVE, HideReason.OFF_TOPIC})


class Disposition(models.TextChoices):
    """采纳情况."""

    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


NEEDS_REASON = frozenset({Disposition.PARTLY, Disposition.NOT_ADOPTED})
