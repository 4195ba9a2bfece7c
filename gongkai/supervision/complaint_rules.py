"""公开投诉 (disclosure complaints): states, actions and the clock

Docs: docs/supervision.md#complaints.

条例第五十一条: a citizen, legal person or other organisation who thinks an agency infringed
their rights in 政府信息公开工作 may complain to the agency one level up or to the department
in charge of 政府信息公开工作; the department in charge deals with it. The 条例 sets no time
limit for that, so the 政务公开办 sets one in its 在线监督规则 (default 15 working days from the
day the complaint came in).
"""

from __future__ import annotations

from django.db import models

COMPLAINT_DEADLINE = "supervision.complaint"
DEFAULT_COMPLAINT_DAYS = 15  # working days
MAX_COMPLAINT_DAYS = 60
LEGAL_BASIS = "条例第五十一条；在线监督规则（投诉办理时限）"
UPHELD_PENALTY = 20  # points off the 投诉 indicator per complaint found justified


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "待分办"
    HANDLING = "handling", "办理中"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"


class ComplaintChannel(models.TextChoices):
    ONLINE = "online", "网上（政民互动）"
    PHONE = "phone", "电话"
    ON_SITE = "on_site", "现场"
    LETTER = "letter", "来信"


class ComplaintAction(models.TextChoices):
    DISPATCH = "dispatch", "分办"
    ANSWER = "answer", "答复"
    CLOSE = "close", "办结"
    REJECT = "reject", "不予受理"


class Finding(models.TextChoices):
    UPHELD = "upheld", "投诉成立"
    PARTLY = "partly", "部分成立"
    NOT_UPHELD = "not_upheld", "投诉不成立"


class Feedback(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


UPHELD = (Finding.UPHELD, Finding.PARTLY)

# who may take each action: the 政务公开办 dispatches, closes and rejects; the handling
# organisation answers
ALLOWED_FROM: dict[str, set[str]] = {
    ComplaintAction.DISPATCH: {ComplaintStatus.RECEIVED, ComplaintStatus.HANDLING},
    ComplaintAction.ANSWER: {ComplaintStatus.HANDLING},
    ComplaintAction.CLOSE: {ComplaintStatus.ANSWERED},
    ComplaintAction.REJECT: {ComplaintStatus.RECEIVED},
}
OFFICE_ACTIONS = {ComplaintAction.DISPATCH, ComplaintAction.CLOSE, ComplaintAction.REJECT}
