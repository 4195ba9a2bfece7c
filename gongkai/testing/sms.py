"""SMS fakes for tests (settings.SMS_BACKEND): one that records, one whose gateway is down."""

from __future__ import annotations

import re


class RecordingSms:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))

    @classmethod
    def last_code(cls, phone: str) -> str:
        """The six-digit code in the last text to ``phone``."""
        for to, text in reversed(cls.sent):
            if to == phone:
                found = re.search(r"验证码 (\d{6})", text)
                if found:
                    return found.group(1)
        raise AssertionError(f"no code sent to {phone}")


class DownSms:
    """A gateway that refuses every message (connection refused)."""

    def send(self, phone: str, text: str) -> None:
        raise ConnectionRefusedError("SMS gateway unreachable")
