from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.forms import LoginForm, PublicRegistrationForm
from gongkai.accounts.services import public_user_register
from gongkai.core.ratelimit import rate_limited


class RateLimitedLoginView(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    extra_context = {"column_name": "登录"}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        if rate_limited(request, key="login", limit=20, window_seconds=300):
            return render(request, "accounts/too_many.html", status=429)
        return super().post(request, *args, **kwargs)


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
