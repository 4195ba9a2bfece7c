"""Masking of personal data (个人信息) for public pages, exports and logs."""

from __future__ import annotations

import re

ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mask_phone(value: str) -> str:
    return MOBILE_RE.sub(r"\1****\3", value or "")


def mask_id_number(value: str) -> str:
    """First 3 and last 4 characters of any identity document number; the rest as *."""
    value = value or ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_email(value: str) -> str:
    return EMAIL_RE.sub(r"\1***\2", value or "")


def mask_personal_data(text: str) -> str:
    """Mask 身份证号 (keep region code and check digit), mobile numbers and e-mail addresses."""
    text = ID_NUMBER_RE.sub(lambda m: f"{m.group(1)}********{m.group(3)}", text or "")
    return mask_email(mask_phone(text))
