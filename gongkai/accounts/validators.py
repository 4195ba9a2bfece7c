"""Identity numbers and contact validation.

统一社会信用代码 (GB 32100-2015), 公民身份号码 (GB 11643-1999: 18 digits with an ISO 7064
MOD 11-2 check character; the 15-digit numbers issued before 1999 are still accepted),
港澳台居民居住证 (same format, region 810000/820000/830000), 港澳居民来往内地通行证, 台湾居民来往
大陆通行证, 护照, 外国人永久居留身份证; Chinese mobile numbers.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError("统一社会信用代码应为18位", code="uscc_length")
    bad = [c for c in code if c not in USCC_CHARSET]
    if bad:
        raise ValidationError(
            "统一社会信用代码含有无效字符“%(chars)s”（不使用 I、O、Z、S、V）",
            code="uscc_chars",
            params={"chars": "".join(sorted(set(bad)))},
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对后重新输入", code="uscc_check")


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(value or ""):
        raise ValidationError("请输入11位中国大陆手机号码，例如 13812345678", code="mobile")


class IdType(models.TextChoices):
    """证件类型 an applicant may identify with (条例 第二十九条: 身份证明)."""

    RESIDENT = "居民身份证", "居民身份证"
    RESIDENCE_PERMIT = "港澳台居民居住证", "港澳台居民居住证"
    HK_MACAO_PASS = "港澳居民来往内地通行证", "港澳居民来往内地通行证"
    TAIWAN_PASS = "台湾居民来往大陆通行证", "台湾居民来往大陆通行证"
    PASSPORT = "护照", "护照"
    FOREIGN_PERMANENT = "外国人永久居留身份证", "外国人永久居留身份证"


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2)."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def _birth_date_ok(text: str) -> bool:
    try:
        born = dt.datetime.strptime(text, "%Y%m%d").date()  # noqa: DTZ007 a date, no time zone
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()  # noqa: DTZ011 a birth date


def validate_resident_id(value: str, *, label: str = "身份证号码") -> str:
    """18-digit 公民身份号码 with check character, or a 15-digit legacy number; returns it
    normalised (upper-case X)."""
    number = (value or "").strip().upper()
    if re.fullmatch(r"\d{15}", number):
        if not _birth_date_ok("19" + number[6:12]):
            raise ValidationError(f"{label}中的出生日期无效", code="id_birth")
        return number
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            f"{label}应为18位（最后一位可以是X），或旧版15位数字", code="id_format"
        )
    if not _birth_date_ok(number[6:14]):
        raise ValidationError(f"{label}中的出生日期无效", code="id_birth")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(f"{label}校验位不正确，请核对后重新输入", code="id_check")
    return number


def validate_identity(id_type: str, value: str) -> str:
    """Validate a 证件号码 for its 证件类型; the message names the field. Returns it normalised."""
    number = (value or "").strip().upper()
    label = f"{id_type}号码"
    if id_type == IdType.RESIDENT:
        return validate_resident_id(number, label="身份证号码")
    if id_type == IdType.RESIDENCE_PERMIT:
        number = validate_resident_id(number, label=label)
        if not number.startswith(("810000", "820000", "830000")):
            raise ValidationError(f"{label}应以810000、820000或830000开头", code="id_region")
        return number
    patterns = {
        IdType.HK_MACAO_PASS: (r"[HM]\d{8}(\d{2})?", "应为H或M开头加8位或10位数字"),
        IdType.TAIWAN_PASS: (r"\d{8}(\d{2})?", "应为8位或10位数字"),
        IdType.PASSPORT: (r"[A-Z0-9]{5,17}", "应为5至17位字母或数字"),
        IdType.FOREIGN_PERMANENT: (
            r"[A-Z]{3}\d{12}|9\d{16}[\dX]",
            "应为15位（3位字母加12位数字）或以9开头的18位",
        ),
    }
    if id_type not in patterns:
        raise ValidationError("请选择证件类型", code="id_type")
    pattern, hint = patterns[id_type]
    if not re.fullmatch(pattern, number):
        raise ValidationError(f"{label}{hint}", code="id_format")
    new_permit = id_type == IdType.FOREIGN_PERMANENT and len(number) == 18
    if new_permit and id_check_char(number[:17]) != number[17]:
        raise ValidationError(f"{label}校验位不正确，请核对后重新输入", code="id_check")
    return number
