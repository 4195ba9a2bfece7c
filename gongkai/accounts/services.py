"""Account use cases: public registration and staff creation (docs/permissions.md)."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from gongkai.accounts.models import Organisation, Role, User, UserKind, UserRole
from gongkai.core.audit import audit_record
from gongkai.core.privacy import mask_personal_data
from gongkai.core.sms import get_sms_sender


@transaction.atomic
def public_user_register(*, phone: str, email: str, password: str, display_name: str = "") -> User:
    username = f"u{phone}" if phone else f"e{secrets.token_hex(6)}"
    user = User(
        username=username,
        kind=UserKind.PUBLIC,
        phone=phone or None,
        email=email,
        display_name=display_name,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


PHONE_PURPOSE = "phone-verify"


def phone_verify_send(*, user: User) -> None:
    """A code to the account's own phone (the number is never typed here, so it cannot be
    someone else's)."""
    from gongkai.core.contact_code import contact_code_send

    if not user.phone:
        raise ValidationError("账号未登记手机号码")
    contact_code_send(purpose=PHONE_PURPOSE, contact=user.phone, what="验证本人手机号码")


@transaction.atomic
def phone_verify_confirm(*, user: User, code: str) -> User:
    """The code sent to the account's phone proves the phone is the user's: from then on the
    cases and payments recorded against it are theirs to see."""
    from django.utils import timezone

    from gongkai.core.contact_code import contact_code_check

    if not user.phone:
        raise ValidationError("账号未登记手机号码")
    contact_code_check(purpose=PHONE_PURPOSE, contact=user.phone, code=code)
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["phone_verified_at"])
    audit_record(actor=user, action="accounts.phone_verified", obj=user)
    return user


@transaction.atomic
def staff_user_create(
    *,
    actor: Any | None,
    username: str,
    password: str = "",
    password_hash: str = "",
    organisation: Organisation,
    roles: list[str],
    display_name: str = "",
    email: str = "",
) -> User:
    """``password_hash`` lets bulk set-ups hash one password once instead of per user."""
    user = User(
        username=username,
        kind=UserKind.STAFF,
        organisation=organisation,
        display_name=display_name,
        email=email,
        is_staff=True,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    UserRole.objects.bulk_create(UserRole(user=user, role=r) for r in roles)
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        organisation=organisation,
        new={"username": username, "roles": roles},
    )
    return user


# 找回密码: a one-time code by e-mail or SMS ------------------------------------------------
RESET_CODE_SECONDS = 15 * 60
RESET_CODE_TRIES = 5


def _reset_key(user: User) -> str:
    return f"pwreset:{user.pk}"


def account_for_identifier(identifier: str) -> User | None:
    """The active account behind a mobile number or e-mail address (not a user name)."""
    ident = (identifier or "").strip()
    if not ident:
        return None
    query = Q(email__iexact=ident) if "@" in ident else Q(phone=ident)
    return User.objects.filter(query, is_active=True).first()


def password_reset_request(*, identifier: str) -> bool:
    """Send a 6-digit code to the account's phone or e-mail; False when there is no such account.

    The caller shows the same message either way, so the form reveals no accounts.
    """
    user = account_for_identifier(identifier)
    if user is None:
        make_password("000000")  # same work either way
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_reset_key(user), {"hash": make_password(code), "tries": 0}, RESET_CODE_SECONDS)
    text = f"您正在找回政务公开平台账号的密码，验证码 {code}，15分钟内有效。如非本人操作请忽略。"
    if "@" in identifier:
        send_mail("【政务公开】找回密码验证码", text, None, [user.email])
    else:
        get_sms_sender().send(user.phone, text)
    audit_record(actor=None, action="account.password_reset_request", obj=user)
    return True


@transaction.atomic
def password_reset_confirm(*, identifier: str, code: str, password: str) -> User:
    """Check the code (at most five tries) and set the new password."""
    user = account_for_identifier(identifier)
    entry = cache.get(_reset_key(user)) if user else None
    if user is None or entry is None:
        raise ValidationError({"code": "验证码已失效，请重新获取"})
    if not check_password((code or "").strip(), entry["hash"]):
        entry["tries"] += 1
        if entry["tries"] >= RESET_CODE_TRIES:
            cache.delete(_reset_key(user))
            raise ValidationError({"code": "验证码错误次数过多，请重新获取"})
        cache.set(_reset_key(user), entry, RESET_CODE_SECONDS)
        raise ValidationError({"code": "验证码不正确"})
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    cache.delete(_reset_key(user))
    audit_record(actor=None, action="account.password_reset", obj=user)
    return user


# 登录保护: a lockout is recorded and the 系统管理员 are told ------------------------------------
LOCKOUT_SCOPES = {"login-account": "账号", "login-address": "网络地址"}


def login_lockout_record(*, scope: str, ident: str, failures: int) -> None:
    """An account or an address reached its failure limit: one audit record (the identifier
    masked) and an e-mail to every 系统管理员 with an address, after the request's writes."""

    what = LOCKOUT_SCOPES[scope]
    shown = mask_personal_data(ident)[:100]
    audit_record(
        actor=None,
        action="login.locked",
        object_type=scope,
        object_id=shown[:64],
        object_repr=f"{what} {shown}",
        new={"failures": failures},
        note=f"{what}连续登录失败{failures}次，已暂停登录15分钟",
    )
    recipients = list(
        User.objects.filter(roles__role=Role.SYSADMIN, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                "【政务公开平台】登录失败次数过多",
                f"{what} {shown} 连续登录失败{failures}次，已暂停登录15分钟。"
                "如非本人操作，请检查是否存在暴力破解行为（详见审计日志）。",
                None,
                recipients,
                fail_silently=True,
            )
        )
