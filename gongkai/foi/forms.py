"""Citizen and staff forms for 依申请公开; every message is plain Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.accounts.validators import (
    IdType,
    validate_identity,
    validate_mobile,
    validate_uscc,
)
from gongkai.core.forms import MultipleFileField
from gongkai.foi.law import DECISION_CHOICES, ApplicantKind, Channel, Delivery, OrgCategory

DATE = {"invalid": "请输入有效日期，格式为 YYYY-MM-DD"}


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(is_active=True).exclude(kind=OrgKind.VILLAGE),
        label="向哪个机关申请",
        empty_label="请选择机关",
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.PERSON,
    )
    name = forms.CharField(label="姓名或单位名称", max_length=100)
    id_type = forms.ChoiceField(
        label="证件类型（自然人填写）",
        choices=IdType.choices,
        initial=IdType.RESIDENT,
        required=False,
    )
    id_number = forms.CharField(label="证件号码（自然人填写）", max_length=30, required=False)
    org_category = forms.ChoiceField(
        label="组织类别（法人或其他组织填写）",
        required=False,
        choices=[("", "—"), *OrgCategory.choices],
    )
    uscc = forms.CharField(
        label="统一社会信用代码（法人或其他组织填写）",
        max_length=18,
        required=False,
        validators=[validate_uscc],
    )
    legal_rep = forms.CharField(label="法定代表人或负责人", max_length=50, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="手机号码", max_length=11, validators=[validate_mobile])
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址"}
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字"},
    )
    description = forms.CharField(
        label="所需信息的名称、文号或便于查找的特征描述",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    purpose = forms.CharField(
        label="用途（选填）",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        initial=Delivery.EMAIL,
    )
    files = MultipleFileField(
        label="附件（选填：身份证明、相关材料，PDF、Word 或图片，每个不超过10MB）", required=False
    )

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        kind = cd.get("applicant_kind")
        if cd.get("id_number"):
            cd["id_type"] = cd.get("id_type") or IdType.RESIDENT
            try:
                cd["id_number"] = validate_identity(cd["id_type"], cd["id_number"])
            except ValidationError as exc:
                self.add_error("id_number", exc)
        if (
            kind == ApplicantKind.PERSON
            and not cd.get("id_number")
            and "id_number" not in self.errors
        ):
            self.add_error("id_number", "自然人请填写证件号码（条例第二十九条：申请人的身份证明）")
        if kind == ApplicantKind.ORGANISATION:
            if not cd.get("uscc") and "uscc" not in self.errors:
                self.add_error("uscc", "法人或其他组织请填写统一社会信用代码")
            if not cd.get("org_category"):
                self.add_error("org_category", "请选择组织类别")
        if (
            cd.get("delivery") == Delivery.EMAIL
            and not cd.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", "选择电子邮件获取时请填写电子邮箱")
        if cd.get("delivery") == Delivery.PAPER and not cd.get("address"):
            self.add_error("address", "选择纸质获取时请填写通信地址")
        return cd

    def to_data(self) -> tuple[Organisation, dict[str, Any]]:
        cd = dict(self.cleaned_data)
        cd.pop("files", None)
        org = cd.pop("organisation")
        return org, cd


class OfflineForm(ApplicationForm):
    channel = forms.ChoiceField(
        label="提交渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    submitted_on = forms.DateField(
        label="提交日期",
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    confirmed_on = forms.DateField(
        label="签收或双方确认日期",
        required=False,
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    oral = forms.BooleanField(
        label="口头提出，由工作人员代为填写（条例第二十九条）", required=False
    )
    assistance = forms.CharField(
        label="为阅读困难或视听障碍申请人提供的帮助（条例第四十三条）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def to_data(self) -> tuple[Organisation, dict[str, Any]]:
        org, cd = super().to_data()
        for key in ("channel", "submitted_on", "confirmed_on"):
            cd.pop(key)
        return org, cd


class TrackForm(forms.Form):
    receipt_no = forms.CharField(label="受理编号", max_length=24)
    code = forms.CharField(label="查询码", max_length=12)


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="补正内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="办理结果", choices=DECISION_CHOICES)
    reply_text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}))
    public_interest_reason = forms.CharField(
        label="第三方不同意但因公共利益决定公开的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = forms.DateField(
        label="答复日期（默认今天）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "答复日期格式应为 YYYY-MM-DD"},
    )
