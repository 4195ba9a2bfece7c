"""The daily questions of 政民互动 (docs/interaction.md#follow-up):

- 回访 "was it solved?": a few working days after an answer the writer is asked whether the
  problem was solved (FixMyStreet's follow-up); the answer shows on the staff page and in the
  figures (解决率).
- 临期提醒: the handlers hear once when a message's reply is due within two working days or is
  already late.

Both go through the notice outbox; each message is asked or reminded once (a date field
records it), so a second run on the same day sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.core.workdays import add_working_days, working_days_between
from gongkai.interaction.choices import OPEN_STATUSES, PUBLIC_STATUSES, EventKind
from gongkai.interaction.models import Message, MessageEvent
from gongkai.interaction.notify import handlers_notify, writer_notify

FOLLOW_UP_WORKING_DAYS = 3  # platform choice: long enough for the answer to be acted on
REMIND_WORKING_DAYS = 2


def messages_follow_up(*, today: dt.date | None = None) -> int:
    """Ask each answered writer once whether the problem was solved; returns how many."""
    today = today or timezone.localdate()
    latest = today - dt.timedelta(days=FOLLOW_UP_WORKING_DAYS)  # a working day is ≥ a day
    due = Message.objects.filter(
        status__in=PUBLIC_STATUSES,
        solved__isnull=True,
        follow_up_sent_on__isnull=True,
        answered_at__date__lte=latest,
    ).exclude(phone="", email="")
    asked = 0
    for msg in due.only("pk", "answered_at")[:500]:
        answered = timezone.localdate(msg.answered_at)
        if working_days_between(answered, today) < FOLLOW_UP_WORKING_DAYS:
            continue
        with transaction.atomic():
            msg = Message.objects.select_for_update().get(pk=msg.pk)
            if msg.follow_up_sent_on is not None:
                continue
            msg.follow_up_sent_on = today
            msg.save(update_fields=["follow_up_sent_on"])
            MessageEvent.objects.create(
                message=msg, kind=EventKind.FOLLOW_UP, note="询问问题是否解决"
            )
            writer_notify(msg, "已答复数日，您反映的问题解决了吗？欢迎反馈")
        asked += 1
    return asked


def messages_remind(*, today: dt.date | None = None) -> int:
    """Remind the handlers once of each open message due within two working days or late."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, REMIND_WORKING_DAYS).due
    due = Message.objects.filter(
        status__in=OPEN_STATUSES,
        merged_into__isnull=True,
        reminded_on__isnull=True,
        reply_due__lte=horizon,
    )
    reminded = 0
    for pk in list(due.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            msg = Message.objects.select_for_update().select_related("organisation").get(pk=pk)
            if msg.reminded_on is not None:
                continue
            msg.reminded_on = today
            msg.save(update_fields=["reminded_on"])
            late = msg.reply_due is not None and msg.reply_due < today
            handlers_notify(msg, "已超过答复期限，请尽快办理" if late else "即将到期，请及时答复")
        reminded += 1
    return reminded
