"""What 在线监督 watches and how (docs/supervision.md#obligations): obligation states, alert
levels, the completeness checks and the defaults of the 政务公开办's monitoring rule.

An obligation 公开义务 is a duty clock of the deadline registry (core.deadlines): one per
record of a 主动公开 item (``publishing.proactive``, from its 形成日期 and the item's 公开时限),
one per period of a 每月/每季度/每年 item (``supervision.period``), and the annual report's
(条例第四十九条), and each published dataset's next update (opendata). Its state is read from
the row and the day, never stored.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

PERIOD_DEADLINE = "supervision.period"
OBLIGATION_KINDS = (
    "publishing.proactive",
    PERIOD_DEADLINE,
    "supervision.annual_report",
    "opendata.update",  # a dataset's next update by its frequency (opendata.rules)
)
# periods are generated from this far back (a new item does not owe years of history)
HISTORY_YEARS = 1


class ObligationState(models.TextChoices):
    ON_TIME = "on_time", "按时"
    LATE_DONE = "late_done", "逾期完成"
    OVERDUE = "overdue", "逾期未完成"
    NOT_DUE = "not_due", "未到期"


def obligation_state(status: str, due: dt.date, today: dt.date) -> ObligationState:
    """The one reading of a deadline row as an obligation state (the SQL of
    ``obligations.state_case`` says the same thing for many rows at once)."""
    if status == "met":
        return ObligationState.ON_TIME
    if status == "late":
        return ObligationState.LATE_DONE
    return ObligationState.OVERDUE if due < today else ObligationState.NOT_DUE


class AlertLevel(models.TextChoices):
    WARNING = "warning", "预警"  # due within the lead time
    OVERDUE = "overdue", "告警"  # past its due date, done late or not yet


class Check(models.TextChoices):
    """Completeness checks 完整性检查 the 政务公开办 can switch on or off."""

    PERIOD_MISSING = "period_missing", "目录事项本期未公开"
    GUIDE_MATERIALS = "guide_materials", "办事指南缺少材料目录"
    DOC_NUMBER = "doc_number", "规范性文件缺少文号"
    INTERPRETATION = "interpretation", "政策文件未同步解读（三同步）"
    MESSAGES_OVERDUE = "messages_overdue", "留言超期未答复"
    FOI_OVERDUE = "foi_overdue", "依申请公开超期未答复"


DEFAULT_WARN_DAYS = 3  # 预警 this many days before the due date
MAX_WARN_DAYS = 30
LIST_LIMIT = 50  # items listed under each failed check
