from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.forms import (
    LoginForm,
    PasswordResetConfirmForm,
    PasswordResetRequestForm,
    PublicRegistrationForm,
)
from gongkai.accounts.permissions import is_staff_user
from gongkai.accounts.services import (
    login_lockout_record,
    password_reset_confirm,
    password_reset_request,
    public_user_register,
)
from gongkai.core.middleware import request_ip
from gongkai.core.ratelimit import counter_add, counter_clear, counter_value, rate_limited
from gongkai.core.views_util import add_service_errors, staff_required

LOGIN_WINDOW = 15 * 60
ACCOUNT_FAILURES = 5  # per account: guessing one person's password
ADDRESS_FAILURES = 50  # per address: an office behind one NAT is not locked out by one typo


class RateLimitedLoginView(LoginView):
    """Login that counts failures, not successes, per account and per address."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    extra_context = {"column_name": "登录"}
    # a signed-in citizen who follows 登录 on a page published as a file goes on to 个人中心
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        account = (request.POST.get("username") or "")[:150]
        if counter_value("login-account", account) >= ACCOUNT_FAILURES:
            return _too_many(request, "该账号连续登录失败次数过多，请15分钟后再试，或找回密码。")
        if counter_value("login-address", request_ip(request)) >= ADDRESS_FAILURES:
            return _too_many(request, "本网络登录失败次数过多，请15分钟后再试。")
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        if self.request.method == "POST":
            account = (self.request.POST.get("username") or "")[:150]
            for scope, ident, limit in (
                ("login-account", account, ACCOUNT_FAILURES),
                ("login-address", request_ip(self.request), ADDRESS_FAILURES),
            ):
                if counter_add(scope, ident, window_seconds=LOGIN_WINDOW) == limit:
                    login_lockout_record(scope=scope, ident=ident, failures=limit)
        return super().form_invalid(form)

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        counter_clear("login-account", (self.request.POST.get("username") or "")[:150])
        return super().form_valid(form)

    def get_default_redirect_url(self) -> str:
        """Staff land on the 工作台, citizens on their 个人中心."""
        return "/manage/" if is_staff_user(self.request.user) else "/me/"


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request, "accounts/too_many.html", {"message": message, "column_name": "登录"}, status=429
    )


def register(request: HttpRequest) -> HttpResponse:
    form = PublicRegistrationForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key="register", limit=10, window_seconds=3600):
            return render(request, "accounts/too_many.html", status=429)
        if form.is_valid():
            cd = form.cleaned_data
            user = public_user_register(
                phone=cd["phone"],
                email=cd["email"],
                password=cd["password1"],
                display_name=cd["display_name"],
            )
            login(request, user, backend="gongkai.accounts.backends.EmailOrPhoneBackend")
            messages.success(request, "注册成功，欢迎使用。")
            return redirect("/")
    return render(request, "accounts/register.html", {"form": form, "column_name": "注册"})


def password_reset(request: HttpRequest) -> HttpResponse:
    """找回密码 step 1: a code to the registered phone or e-mail (same answer for any input)."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key="pwreset", limit=10, window_seconds=3600):
            return _too_many(request, "获取验证码过于频繁，请1小时后再试。")
        if form.is_valid():
            ident = form.cleaned_data["identifier"]
            if counter_add("pwreset-account", ident, window_seconds=3600) <= 3:
                password_reset_request(identifier=ident)
            request.session["pwreset_identifier"] = ident
            messages.success(request, "如该手机号码或邮箱已注册，验证码已发送，15分钟内有效。")
            return redirect("accounts:password_reset_confirm")
    return render(
        request, "accounts/password_reset.html", {"form": form, "column_name": "找回密码"}
    )


def password_reset_confirm_view(request: HttpRequest) -> HttpResponse:
    """找回密码 step 2: the code and a new password."""
    initial = {"identifier": request.session.get("pwreset_identifier", "")}
    form = PasswordResetConfirmForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            password_reset_confirm(
                identifier=cd["identifier"], code=cd["code"], password=cd["password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session.pop("pwreset_identifier", None)
            messages.success(request, "密码已重设，请用新密码登录。")
            return redirect("accounts:login")
    return render(
        request, "accounts/password_reset_confirm.html", {"form": form, "column_name": "找回密码"}
    )


@staff_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """工作人员的 API 访问令牌: create (shown once) and revoke."""
    from gongkai.accounts.forms import ApiTokenForm
    from gongkai.accounts.models import ApiToken
    from gongkai.accounts.tokens import api_token_create, api_token_revoke

    form = ApiTokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and request.POST.get("revoke"):
        token = ApiToken.objects.filter(pk=_int_or_zero(request.POST["revoke"])).first()
        if token is None or token.user_id != request.user.pk:
            messages.error(request, "没有找到该令牌")
        else:
            api_token_revoke(actor=request.user, token=token)
            messages.success(request, f"已撤销令牌“{token.name}”，使用它的系统将无法再访问")
        return redirect("accounts:api_tokens")
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = api_token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=int(form.cleaned_data["days"]) or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": ApiToken.objects.filter(user=request.user),
            "column_name": "API访问令牌",
        },
    )


def _int_or_zero(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 12 else 0


def phone_verify(request: HttpRequest) -> HttpResponse:
    """验证本人手机号: a code to the account's phone; afterwards 本人办件 and 惠民资金 open
    without retyping an ID number."""
    from django.contrib.auth.views import redirect_to_login

    from gongkai.accounts.services import phone_verify_confirm, phone_verify_send

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = ""
    error = ""
    if request.method == "POST":
        if rate_limited(request, key="phone-verify", limit=20, window_seconds=3600):
            return _too_many(request, "操作过于频繁，请1小时后再试。")
        try:
            if "send_code" in request.POST:
                phone_verify_send(user=user)  # type: ignore[arg-type]
                messages.info(request, "验证码已发送至您的手机，10分钟内有效。")
            else:
                phone_verify_confirm(user=user, code=request.POST.get("code", "")[:10])  # type: ignore[arg-type]
                messages.success(request, "手机号码已验证。")
                return redirect(next_url or "portal:me")
        except ValidationError as exc:
            error = exc.messages[0]
    return render(
        request,
        "accounts/phone_verify.html",
        {"error": error, "next": next_url, "column_name": "验证手机号码"},
    )
