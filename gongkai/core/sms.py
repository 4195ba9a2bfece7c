"""SMS adapter 短信接口 (docs/deployment.md).

``get_sms_sender()`` returns the configured sender (``SMS_BACKEND``, a dotted path to a class
with ``send(phone, text)``). The default only logs, with the number masked; a deployment plugs
in its gateway. Tests swap in a recording fake.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.core.privacy import mask_phone

logger = logging.getLogger("gongkai.sms")


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsSender:
    """Logs each message with the number masked; sends nothing."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)


def get_sms_sender() -> SmsSender:
    return import_string(getattr(settings, "SMS_BACKEND", "gongkai.core.sms.LoggingSmsSender"))()
