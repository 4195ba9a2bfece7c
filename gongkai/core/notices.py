"""The notice outbox 通知发件箱 (docs/audit-and-jobs.md#notices).

``notice_queue`` stores a text or e-mail in the caller's transaction; after commit the worker
is asked to send it (``notices_send``), and the minutely scheduler asks again, so a worker, SMS
gateway or mail server that is down only delays a notice. Each failure waits longer before
the next try (1, 2, 4 … minutes, at most an hour); after ``MAX_ATTEMPTS`` it is marked failed
and stays visible to administrators. The recipient's address is never logged unmasked.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.core.models import Notice, NoticeChannel, NoticeStatus
from gongkai.core.privacy import mask_email, mask_phone
from gongkai.core.sms import get_sms_sender

logger = logging.getLogger("gongkai.notices")
MAX_ATTEMPTS = 12  # about a day of backing off
BATCH = 100


def notice_queue(
    *, purpose: str, text: str, phone: str = "", email: str = "", subject: str = ""
) -> list[Notice]:
    """A notice to the phone (SMS) and/or the e-mail address given; stored now, sent later."""
    now = timezone.now()
    rows = []
    if phone:
        rows.append(Notice(channel=NoticeChannel.SMS, to=phone, text=text, purpose=purpose))
    if email:
        rows.append(
            Notice(
                channel=NoticeChannel.EMAIL,
                to=email,
                subject=subject or "【政务公开】通知",
                text=text,
                purpose=purpose,
            )
        )
    for row in rows:
        row.next_try_at = now
        row.save()
    if rows:
        transaction.on_commit(_kick)
    return rows


def _kick() -> None:
    """Ask the worker now; if the queue cannot be reached the scheduler's run picks it up."""
    from gongkai.core.tasks import notices_send

    try:
        notices_send.enqueue()
    except Exception:  # the queue is down: the minutely run sends it
        logger.warning("notice queue unavailable; the scheduler will send it")


def _deliver(notice: Notice) -> None:
    if notice.channel == NoticeChannel.SMS:
        get_sms_sender().send(notice.to, notice.text)
    else:
        send_mail(notice.subject, notice.text, None, [notice.to])


def _masked(notice: Notice) -> str:
    return mask_phone(notice.to) if notice.channel == NoticeChannel.SMS else mask_email(notice.to)


def notices_send(*, now: dt.datetime | None = None) -> int:
    """Send every notice that is due; returns how many went out."""
    now = now or timezone.now()
    sent = 0
    due = Notice.objects.filter(status=NoticeStatus.PENDING, next_try_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            # claim it: another worker that got here first has moved next_try_at on
            notice = (
                Notice.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=NoticeStatus.PENDING, next_try_at__lte=now)
                .first()
            )
            if notice is None:
                continue
            notice.attempts += 1
            try:
                _deliver(notice)
            except Exception as exc:  # any gateway failure: back off and retry
                notice.last_error = f"{type(exc).__name__}: {exc}"[:300]
                wait = min(60 * 2 ** (notice.attempts - 1), 3600)
                notice.next_try_at = now + dt.timedelta(seconds=wait)
                if notice.attempts >= MAX_ATTEMPTS:
                    notice.status = NoticeStatus.FAILED
                logger.warning("notice %s to %s failed: %s", pk, _masked(notice), exc)
            else:
                notice.status, notice.sent_at, notice.last_error = NoticeStatus.SENT, now, ""
                sent += 1
            notice.save()
    return sent
