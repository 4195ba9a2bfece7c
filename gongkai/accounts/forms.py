from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from gongkai.accounts.models import TokenScope, User
from gongkai.accounts.validators import validate_mobile


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="用户名、手机号或邮箱", max_length=150)
    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入。",
        "inactive": "该账号已停用。",
    }


class PublicRegistrationForm(forms.Form):
    """公众用户注册: mobile number or e-mail (at least one) and a password."""

    display_name = forms.CharField(label="姓名或昵称", max_length=50, required=False)
    phone = forms.CharField(
        label="手机号码", max_length=11, required=False, validators=[validate_mobile]
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址"}
    )
    password1 = forms.CharField(
        label="密码", widget=forms.PasswordInput, help_text="至少8位，不能全是数字"
    )
    password2 = forms.CharField(label="确认密码", widget=forms.PasswordInput)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and User.objects.filter(phone=phone).exists():
            raise forms.ValidationError("该手机号码已注册，请直接登录")
        return phone

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("该邮箱已注册，请直接登录")
        return email

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        if not self.errors and not (cd.get("phone") or cd.get("email")):
            raise forms.ValidationError("请至少填写手机号码或电子邮箱中的一项")
        p1, p2 = cd.get("password1"), cd.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致")
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cd


class PasswordResetRequestForm(forms.Form):
    identifier = forms.CharField(label="注册时填写的手机号码或电子邮箱", max_length=254)

    def clean_identifier(self) -> str:
        ident = self.cleaned_data["identifier"].strip()
        if "@" in ident:
            forms.EmailField(error_messages={"invalid": "请输入有效的电子邮箱地址"}).clean(ident)
        else:
            validate_mobile(ident)
        return ident


class PasswordResetConfirmForm(forms.Form):
    identifier = forms.CharField(label="手机号码或电子邮箱", max_length=254)
    code = forms.RegexField(
        label="验证码", regex=r"^\d{6}$", error_messages={"invalid": "验证码为6位数字"}
    )
    password1 = forms.CharField(
        label="新密码", widget=forms.PasswordInput, help_text="至少8位，不能全是数字"
    )
    password2 = forms.CharField(label="确认新密码", widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        if cd.get("password1") and cd.get("password1") != cd.get("password2"):
            self.add_error("password2", "两次输入的密码不一致")
        return cd


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=60, help_text="如“省级依申请公开平台对接”")
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=TokenScope.choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.TypedChoiceField(
        label="有效期",
        choices=[("30", "30天"), ("90", "90天"), ("366", "一年"), ("0", "长期（需手动撤销）")],
        initial="90",
    )
