"""The annual report's statutory dates and states (docs/supervision.md#annual-report).

条例 第四十九条: "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本
行政机关上一年度政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作
主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。"

A 乡镇（街道） is held to the departments' date (a choice: the article names no date for it, and
its report feeds the county's, which is due on 3月31日).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

REPORT_DEADLINE = "supervision.annual_report"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公布")


class ReportAction(models.TextChoices):
    EDIT = "edit", _("编辑")
    PUBLISH = "publish", _("审核公布")


ALLOWED_FROM = {
    ReportAction.EDIT: frozenset({ReportStatus.DRAFT}),
    ReportAction.PUBLISH: frozenset({ReportStatus.DRAFT}),
}
REFUSALS = {
    ReportAction.EDIT: "已公布的年度报告不能修改",
    ReportAction.PUBLISH: "该年度报告已公布",
}

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def report_due(*, is_government: bool, year: int) -> dt.date:
    """The last day to publish the report of ``year`` (条例 第四十九条): 3月31日 of the next year
    for a government (its 主管部门 publishes it), 1月31日 for a department or a town."""
    return dt.date(year + 1, 3, 31) if is_government else dt.date(year + 1, 1, 31)
