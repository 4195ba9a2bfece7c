"""One-time codes that prove a citizen holds the phone or e-mail they give 联系方式验证码
(docs/interaction.md#verification).

The code goes out at once through the SMS or e-mail adapter (a code that arrives an hour
later is no use, so it does not wait in the outbox); what the citizen typed stays in the form
whatever happens. Six digits, ten minutes, five tries, one code a minute per contact.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail

from gongkai.core.privacy import mask_email, mask_phone
from gongkai.core.sms import get_sms_sender

logger = logging.getLogger("gongkai.contact_code")
CODE_SECONDS = 10 * 60
RESEND_SECONDS = 60
TRIES = 5


def _key(purpose: str, contact: str) -> str:
    digest = hashlib.sha256(contact.strip().lower().encode()).hexdigest()[:32]
    return f"ccode:{purpose}:{digest}"


def contact_code_send(*, purpose: str, contact: str, what: str) -> None:
    """Send a code to ``contact`` (a mobile number or an e-mail address).

    Raises ValidationError with a Chinese message when asked again within a minute or when the
    gateway fails.
    """
    contact = contact.strip()
    if not contact:
        raise ValidationError("请先填写手机号码或电子邮箱")
    if not cache.add(f"{_key(purpose, contact)}:sent", 1, timeout=RESEND_SECONDS):
        raise ValidationError("验证码已发送，请1分钟后再重新获取")
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(purpose, contact), {"hash": make_password(code), "tries": 0}, CODE_SECONDS)
    text = f"您正在{what}，验证码 {code}，10分钟内有效。如非本人操作请忽略。"
    try:
        if "@" in contact:
            send_mail("【政务公开】验证码", text, None, [contact])
        else:
            get_sms_sender().send(contact, text)
    except Exception as exc:
        shown = mask_email(contact) if "@" in contact else mask_phone(contact)
        logger.warning("contact code to %s failed: %s", shown, exc)
        cache.delete(f"{_key(purpose, contact)}:sent")
        raise ValidationError(
            "验证码暂时无法发送，请稍后再试，或改用另一种联系方式；您填写的内容已保留"
        ) from exc


def contact_code_check(*, purpose: str, contact: str, code: str) -> None:
    """Accept the code once; raise ValidationError with a Chinese message otherwise."""
    key = _key(purpose, contact.strip())
    entry = cache.get(key)
    if entry is None:
        raise ValidationError("验证码已失效，请重新获取")
    if not check_password((code or "").strip(), entry["hash"]):
        entry["tries"] += 1
        if entry["tries"] >= TRIES:
            cache.delete(key)
            raise ValidationError("验证码错误次数过多，请重新获取")
        cache.set(key, entry, CODE_SECONDS)
        raise ValidationError("验证码不正确")
    cache.delete(key)
