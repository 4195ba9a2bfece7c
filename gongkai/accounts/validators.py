"""统一社会信用代码 (GB 32100-2015) and Chinese mobile-number validation."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

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
