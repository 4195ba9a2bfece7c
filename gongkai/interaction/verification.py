"""The contact check on public forms (docs/interaction.md#verification): a citizen who is not
logged in proves the phone or e-mail they give with a one-time code (core/contact_code.py);
a logged-in citizen's account already did. The form keeps everything typed between the two
steps, and no JavaScript is needed: "获取验证码" is a second submit button."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from gongkai.core.contact_code import contact_code_check, contact_code_send
from gongkai.core.ratelimit import rate_limited

SEND = "send_code"  # name of the 获取验证码 button
SENDS_PER_HOUR = 10  # codes one address may ask for


def contact_code_request(
    request: HttpRequest, *, purpose: str, contact: str, what: str
) -> tuple[str, str] | None:
    """Send a code to ``contact`` within the per-address limit. When it was not sent:
    (a code for programs — "throttled" or "code_not_sent" — and a Chinese reason). The web
    form and the REST API both ask here."""
    if rate_limited(request, key="ccode", limit=SENDS_PER_HOUR, window_seconds=3600):
        return "throttled", "获取验证码过于频繁，请1小时后再试"
    try:
        contact_code_send(purpose=purpose, contact=contact, what=what)
    except ValidationError as exc:
        return "code_not_sent", exc.messages[0]
    return None


def needs_code(request: HttpRequest) -> bool:
    return not request.user.is_authenticated


def contact_verified(
    request: HttpRequest, form: forms.Form, *, purpose: str, contact: str, what: str
) -> bool:
    """True when the form may be submitted. Otherwise a code was sent, or an error was put on
    the form's ``code`` field (or its contact field); the caller re-renders the form."""
    if not needs_code(request):
        return True
    if not contact:
        form.add_error(None, "请填写手机号码或电子邮箱并获取验证码")
        return False
    if SEND in request.POST:
        refused = contact_code_request(request, purpose=purpose, contact=contact, what=what)
        if refused:
            form.add_error(None, refused[1])
        else:
            flash.info(request, "验证码已发送，请查收后填写，10分钟内有效")
        return False
    try:
        contact_code_check(purpose=purpose, contact=contact, code=request.POST.get("code", ""))
    except ValidationError as exc:
        form.add_error(None if "code" not in form.fields else "code", exc.messages[0])
        return False
    return True
