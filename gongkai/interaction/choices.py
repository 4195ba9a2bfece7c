"""States, actions and kinds of 政民互动 messages (docs/interaction.md).

The table of states each action is allowed from is the one place services (guards), pages
(buttons) and the API ask.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """留言类型."""

    CONSULT = "consult", _("咨询")
    MAILBOX = "mailbox", _("领导信箱")
    SUGGESTION = "suggestion", _("建言")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")


class Channel(models.TextChoices):
    """How it came in 来源渠道 (12345-style intake: phone, walk-in, letter)."""

    WEB = "web", _("网上留言")
    PHONE = "phone", _("电话")
    WALK_IN = "walk_in", _("来访")
    LETTER = "letter", _("来信")


# what staff record at the 12345-style intake (a web message is the writer's own)
INTAKE_CHANNELS = [c for c in Channel.choices if c[0] != Channel.WEB]


class Status(models.TextChoices):
    """What really happened to it 办理状态."""

    PENDING = "pending", _("待受理")
    REJECTED = "rejected", _("不予受理")
    HANDLING = "handling", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    PETITION = "petition", _("转信访")


class Action(models.TextChoices):
    """What can be done to a message 办理操作; each one is a service."""

    ACCEPT = "accept", _("受理")
    REJECT = "reject", _("不予受理")
    TRANSFER = "transfer", _("转办")
    ANSWER = "answer", _("拟写答复")
    APPROVE = "approve", _("审核通过答复")
    RETURN = "return", _("退回答复")
    ON_SPOT = "on_spot", _("当场答复")
    RATE = "rate", _("评价")
    REOPEN = "reopen", _("申请重新办理")
    REFER_PETITION = "petition", _("转信访")
    PETITION_ACK = "petition_ack", _("登记信访受理告知")
    MERGE = "merge", _("合并重复留言")
    SOLVED = "solved", _("反馈问题是否解决")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class EventKind(models.TextChoices):
    """Every step a message records 办理记录 (append-only)."""

    SUBMITTED = "submitted", _("提交留言")
    ACCEPTED = "accepted", _("受理")
    REJECTED = "rejected", _("不予受理")
    TRANSFERRED = "transferred", _("转办")
    ANSWER_DRAFTED = "answer_drafted", _("拟写答复")
    ANSWER_RETURNED = "answer_returned", _("答复被退回")
    ANSWERED = "answered", _("答复")
    RATED = "rated", _("评价")
    REOPENED = "reopened", _("重新办理")
    PETITION = "petition", _("转信访")
    PETITION_ACK = "petition_ack", _("信访受理告知")
    MERGED = "merged", _("合并办理")
    FOLLOW_UP = "follow_up", _("回访")
    SOLVED = "solved", _("反馈解决情况")


OPEN_STATUSES = frozenset({Status.PENDING, Status.HANDLING})
# shown on the public list when the writer agreed (Message.is_public, selectors)
PUBLIC_STATUSES = frozenset({Status.ANSWERED, Status.CLOSED})

ALLOWED_FROM: dict[str, frozenset[str]] = {
    Action.ACCEPT: frozenset({Status.PENDING}),
    Action.REJECT: frozenset({Status.PENDING}),
    Action.TRANSFER: frozenset({Status.PENDING, Status.HANDLING}),
    Action.ANSWER: frozenset({Status.HANDLING}),
    Action.APPROVE: frozenset({Status.HANDLING}),
    Action.RETURN: frozenset({Status.HANDLING}),
    Action.ON_SPOT: frozenset({Status.PENDING, Status.HANDLING}),
    Action.RATE: frozenset({Status.ANSWERED}),
    Action.REOPEN: frozenset({Status.ANSWERED, Status.CLOSED}),
    Action.REFER_PETITION: frozenset({Status.PENDING, Status.HANDLING}),
    Action.PETITION_ACK: frozenset({Status.PETITION}),
    Action.MERGE: frozenset({Status.PENDING, Status.HANDLING}),
    Action.SOLVED: frozenset({Status.ANSWERED, Status.CLOSED}),
}
# the writer's own actions; every other action is the office's
WRITER_ACTIONS = frozenset({Action.RATE, Action.REOPEN, Action.SOLVED})

REFUSALS: dict[str, str] = {
    Action.ACCEPT: "只有待受理的留言可以受理",
    Action.REJECT: "只有待受理的留言可以不予受理",
    Action.TRANSFER: "已答复、已办结或已转信访的留言不能转办",
    Action.ANSWER: "只有办理中的留言可以拟写答复",
    Action.APPROVE: "没有待审核的答复",
    Action.RETURN: "没有待审核的答复",
    Action.ON_SPOT: (
        "只有电话、来访、来信登记且待受理或办理中的留言可以当场答复；网上留言须经审核后答复"
    ),
    Action.RATE: "只有已答复、尚未评价的留言可以评价",
    Action.REOPEN: "该留言已重新办理过一次，或尚未答复，不能再申请重新办理",
    Action.REFER_PETITION: "只有待受理或办理中的留言可以转信访",
    Action.PETITION_ACK: "只有已转信访的留言可以登记受理告知",
    Action.MERGE: "只有待受理或办理中、尚未合并的留言可以合并",
    Action.SOLVED: "已反馈过问题是否解决，或尚未答复",
}
