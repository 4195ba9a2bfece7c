"""States and the response-time rule of the knowledge family (docs/interaction.md#knowledge).

热点回应 targets, 国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》 (cn-rules.md
§3.5): "对涉及特别重大、重大突发事件的政务舆情，要快速反应，最迟在5小时内发布权威信息，在24小时内
举行新闻发布会". Counted in clock hours from when the event occurred or the concern was found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PubState(models.TextChoices):
    """先审后发: a draft is published by a reviewer (or the 政务公开办); it may be withdrawn."""

    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


BASIS = "国办发〔2016〕80号"
INFO_HOURS, CONFERENCE_HOURS = 5, 24


@dataclass(frozen=True)
class Target:
    label: str
    due: dt.datetime
    done: dt.datetime | None
    basis: str

    def state(self, now: dt.datetime) -> str:
        """met / late (done after due) / open / overdue."""
        if self.done is not None:
            return "met" if self.done <= self.due else "late"
        return "open" if now <= self.due else "overdue"

    def at(self, now: dt.datetime) -> dict[str, object]:
        """What a page shows of it at ``now``."""
        return {
            "label": self.label,
            "due": self.due,
            "done": self.done,
            "basis": self.basis,
            "state": self.state(now),
            "state_label": self.state_label(now),
        }

    def state_label(self, now: dt.datetime) -> str:
        return {"met": "按时", "late": "超时完成", "open": "未到期", "overdue": "已超时"}[
            self.state(now)
        ]


def response_targets(
    *,
    major: bool,
    arose_at: dt.datetime,
    published_at: dt.datetime | None,
    conference_at: dt.datetime | None,
) -> list[Target]:
    """The two targets of a major event; none for other hot topics (no statute sets one)."""
    if not major:
        return []
    return [
        Target(
            "发布权威信息",
            arose_at + dt.timedelta(hours=INFO_HOURS),
            published_at,
            f"{BASIS}：最迟在{INFO_HOURS}小时内发布权威信息",
        ),
        Target(
            "举行新闻发布会",
            arose_at + dt.timedelta(hours=CONFERENCE_HOURS),
            conference_at,
            f"{BASIS}：在{CONFERENCE_HOURS}小时内举行新闻发布会",
        ),
    ]
