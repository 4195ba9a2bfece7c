"""The notice outbox: stored with the change, sent after, retried with back-off when the
gateway is down, never lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gongkai.core.models import Notice, NoticeStatus
from gongkai.core.notices import MAX_ATTEMPTS, notice_queue, notices_send
from gongkai.testing.sms import RecordingSms


@pytest.mark.django_db
def test_a_notice_rolled_back_with_its_change_is_never_sent() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_queue(purpose="t", text="您的留言已答复", phone="13912345678")
        raise RuntimeError
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_down_gateway_backs_off_then_delivers(settings) -> None:
    [sms] = notice_queue(purpose="t", text="您的留言已答复", phone="13912345678")
    now = timezone.now()
    settings.SMS_BACKEND = "gongkai.testing.sms.DownSms"
    assert notices_send(now=now) == 0
    sms.refresh_from_db()
    assert sms.status == NoticeStatus.PENDING and sms.attempts == 1
    assert sms.next_try_at == now + dt.timedelta(minutes=1) and "Refused" in sms.last_error
    assert notices_send(now=now + dt.timedelta(seconds=30)) == 0  # not due yet
    assert notices_send(now=now + dt.timedelta(minutes=1)) == 0
    sms.refresh_from_db()
    assert sms.next_try_at == now + dt.timedelta(minutes=3)  # waited 2 minutes more
    settings.SMS_BACKEND = "gongkai.testing.sms.RecordingSms"
    RecordingSms.sent.clear()
    assert notices_send(now=now + dt.timedelta(minutes=3)) == 1
    sms.refresh_from_db()
    assert sms.status == NoticeStatus.SENT and RecordingSms.sent == [
        ("13912345678", "您的留言已答复")
    ]
    assert notices_send(now=now + dt.timedelta(hours=1)) == 0  # sent once only


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_email_notice_and_giving_up_after_the_last_try(settings) -> None:
    notice_queue(purpose="t", text="答复已发布", email="a@example.cn", subject="【政务公开】答复")
    now = timezone.now()
    assert notices_send(now=now) == 1 and mail.outbox[0].to == ["a@example.cn"]
    settings.SMS_BACKEND = "gongkai.testing.sms.DownSms"
    [sms] = notice_queue(purpose="t", text="x", phone="13912345678")
    for attempt in range(MAX_ATTEMPTS):
        notices_send(now=now + dt.timedelta(days=attempt + 1))
    sms.refresh_from_db()
    assert sms.status == NoticeStatus.FAILED and sms.attempts == MAX_ATTEMPTS
