"""Masking of personal data (个人信息) for public pages, exports and logs."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

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


def mask_person_name(name: str) -> str:
    """个人信息保护法 第二十八条 (and the 公示 practice of the pilot counties): a natural person's
    name on a public page shows its first character only: "张*", "欧阳**"."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_id_notice(value: str) -> str:
    """3206**********1234: the first 4 and last 4 of an 18-digit 身份证号, as 公示 pages show it
    (the county and the tail a person recognises, nothing that identifies them)."""
    value = re.sub(r"\s+", "", value or "")
    if len(value) == 18:
        return value[:4] + "*" * 10 + value[-4:]
    return mask_id_number(value)


def _normal(kind: str, value: str) -> str:
    value = re.sub(r"\s+", "", value or "").upper()
    return f"{kind}:{value}"


def keyed_digest(kind: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with the site's secret) of an ID number, a phone, a name or a
    查询码: enough to match a person to their cases or payments and to check a code, useless to
    anyone reading the table. Keyed and fast rather than slow and salted because lookups must
    answer in milliseconds over millions of rows; guessing is stopped by rate limits."""
    if not value or not value.strip():
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, _normal(kind, value).encode(), hashlib.sha256).hexdigest()
