from __future__ import annotations

import logging

from gongkai.core.privacy import mask_personal_data


class MaskPersonalDataFilter(logging.Filter):
    """Keeps ID numbers, phone numbers and e-mail addresses out of every log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not drop the record
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
