"""The rules of a 办件 (docs/services.md#rules): its due dates, the state its nodes put it in,
whether each node kept its time, and how an applicant is identified without storing the
identity in the clear.

- 承诺办结时限 / 法定办结时限 are the service's guide texts ("5个工作日", "20日", "即办"), read
  into a ``core.clock.ClockRule`` and counted from the day of 受理 on the law clock
  (《行政许可法》第四十二条、第八十二条: working days, 法定节假日 excluded; 《民法典》
  第二百零三条 for 日). A date the source system sends wins: it is the department's own.
- The case's state follows its nodes in the order they happened, not the order they arrived.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from gongkai.core.clock import ClockRule, rule_due
from gongkai.core.privacy import keyed_digest, mask_id_notice, mask_person_name
from gongkai.core.workdays import ClockRangeError, HolidayCalendar
from gongkai.services.choices import CaseStatus, NodeKind

_WD = re.compile(r"(\d{1,3})\s*个?\s*工作日")
_CD = re.compile(r"(\d{1,3})\s*(?:个自然日|自然日|日|天)")
_AT_ONCE = ("即办", "即时", "当场", "立即")


def time_limit_rule(text: str) -> ClockRule | None:
    """ "5个工作日" → 5 working days; "20日"/"30天" → 20 日; "即办" → the same day; else None
    (a limit in words, e.g. "按年度招生工作日程", has no clock)."""
    text = (text or "").strip()
    if not text:
        return None
    if m := _WD.search(text):
        return ClockRule.working_days(int(m.group(1)))
    if m := _CD.search(text):
        return ClockRule.calendar_days(int(m.group(1)))
    if text.startswith(_AT_ONCE):
        return ClockRule.working_days(0)
    return None


def due_from(received: dt.date | None, text: str, calendar: HolidayCalendar) -> dt.date | None:
    rule = time_limit_rule(text)
    if received is None or rule is None:
        return None
    try:
        return rule_due(received, rule, calendar=calendar)[0]
    except (ClockRangeError, ValueError):
        return None


_NODE_WORDS: tuple[tuple[NodeKind, tuple[str, ...]], ...] = (
    (NodeKind.REFUSE, ("不予受理", "不受理", "退件")),
    (NodeKind.WITHDRAW, ("撤回", "撤销申请")),
    (NodeKind.CORRECT, ("补正", "补齐")),
    (NodeKind.DELIVER, ("送达", "发证", "领取", "寄递")),
    (NodeKind.DONE, ("办结", "完成")),
    (NodeKind.DECIDE, ("决定", "审批", "批准", "签发")),
    (NodeKind.REVIEW, ("审查", "审核", "核查", "现场", "勘验", "初审")),
    (NodeKind.RECEIVE, ("受理", "收件", "申请", "登记")),
)


_KIND_VALUES = frozenset(NodeKind.values)  # asked once per node: built once, not per call


def node_kind(name: str) -> NodeKind:
    """The declared kind of a node a source names freely ("窗口受理", "科室审核"…)."""
    name = name or ""
    if name in _KIND_VALUES:
        return NodeKind(name)
    for kind, words in _NODE_WORDS:
        if any(w in name for w in words):
            return kind
    return NodeKind.OTHER


_CLOSING = {
    NodeKind.DONE: CaseStatus.DONE,
    NodeKind.DELIVER: CaseStatus.DONE,
    NodeKind.REFUSE: CaseStatus.REFUSED,
    NodeKind.WITHDRAW: CaseStatus.WITHDRAWN,
}


@dataclass(frozen=True)
class NodeFact:
    kind: str
    occurred_at: dt.datetime
    due: dt.date | None


@dataclass(frozen=True)
class CaseState:
    status: str
    finished_at: dt.datetime | None
    finished_on_time: bool | None
    node_on_time: tuple[bool | None, ...]  # in the order the nodes were given


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def case_state(nodes: Iterable[NodeFact], *, promised_due: dt.date | None) -> CaseState:
    """State of a case from all its nodes, whatever order they arrived in: the first closing
    node (办结/送达, 不予受理, 撤回) in time closes it. A node with its own 时限 kept it when it
    happened on or before that day; the closing node is also held to the 承诺办结日期."""
    given = list(nodes)
    closing = sorted(
        (n for n in given if n.kind in _CLOSING), key=lambda n: (n.occurred_at, n.kind)
    )
    status, finished_at, on_time = CaseStatus.OPEN, None, None
    if closing:
        first = closing[0]
        status, finished_at = _CLOSING[NodeKind(first.kind)], first.occurred_at
        if promised_due is not None:
            on_time = local_date(first.occurred_at) <= promised_due
    flags: list[bool | None] = []
    for n in given:
        due = n.due
        if due is None and closing and n is closing[0]:
            due = promised_due
        flags.append(None if due is None else local_date(n.occurred_at) <= due)
    return CaseState(str(status), finished_at, on_time, tuple(flags))


# 双公示: 行政许可 and 行政处罚 decisions go on line within 7 working days of the decision
# (国务院办公厅《关于运用大数据加强对市场主体服务和监管的若干意见》国办发〔2015〕51号:
# "自作出行政决定之日起7个工作日内上网公开")
DOUBLE_DISCLOSURE = ClockRule.working_days(7)


def double_disclosure_due(decided: dt.datetime | None, calendar: HolidayCalendar) -> dt.date | None:
    """The last day a decision may wait before it is 双公示 (the decision day not counted)."""
    if decided is None:
        return None
    try:
        return rule_due(local_date(decided), DOUBLE_DISCLOSURE, calendar=calendar)[0]
    except (ClockRangeError, ValueError):
        return None


def is_overdue(*, status: str, promised_due: dt.date | None, today: dt.date) -> bool:
    """在办 past its 承诺办结日期 (the day itself still counts as on time)."""
    return status == CaseStatus.OPEN and promised_due is not None and today > promised_due


# identities: one owner in core.privacy (the 惠民资金 lookup matches people the same way)
digest = keyed_digest
mask_id = mask_id_notice


def mask_name(name: str, *, company: bool = False) -> str:
    """A natural person's name shows its first character only ("张*"); a 法人 or other
    organisation's name is public (双公示 publishes it)."""
    return (name or "").strip() if company else mask_person_name(name)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The push signature: hex HMAC-SHA256 of ``<timestamp>.<body>`` with the source's secret."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


PUSH_CLOCK_SKEW = 300  # seconds a push's timestamp may differ from ours (replay window)
PUSH_MAX_ITEMS = 1000  # cases + nodes in one push


def as_aware(value: Any) -> dt.datetime | None:
    """A source's time (datetime, date or ISO text) as an aware datetime in the site's zone."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        text = str(value).strip().replace("/", "-")
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(f"无法识别的时间：{text[:40]}") from exc
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return local_date(value)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10].replace("/", "-"))
    except ValueError as exc:
        raise ValueError(f"无法识别的日期：{str(value)[:40]}") from exc
