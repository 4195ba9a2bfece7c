"""Forms of 政民互动: each bounded, each error in Chinese."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from gongkai.accounts.models import Organisation
from gongkai.catalog.models import Domain
from gongkai.core.forms import MultipleFileField
from gongkai.interaction.choices import Rating
from gongkai.interaction.models import Message

PHONE = re.compile(r"^1[3-9]\d{9}$")


class MessageForm(forms.ModelForm):
    """What a citizen writes (and what a handler types in for a call, a visit or a letter)."""

    organisation = forms.ModelChoiceField(
        label="写给（可不选，由政务公开办分办）",
        queryset=Organisation.objects.filter(is_active=True).order_by("kind", "code"),
        required=False,
        empty_label="不确定，由政务公开办分办",
    )
    domain = forms.ModelChoiceField(
        label="所属领域（可不选）",
        queryset=Domain.objects.filter(is_active=True, merged_into__isnull=True),
        required=False,
        empty_label="不确定",
    )

    class Meta:
        model = Message
        fields = [
            "subject",
            "content",
            "organisation",
            "domain",
            "name",
            "phone",
            "email",
            "allow_public",
        ]
        labels = {
            "allow_public": "同意在网站公开留言内容和答复（姓名、联系方式不会公开）",
        }
        widgets = {"content": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}

    about = forms.CharField(
        label="涉及的信息、事项、申请或办件（可不填）",
        max_length=40,
        required=False,
        help_text="可填政府信息的索引号、公开事项编码、依申请公开受理编号或办件编号",
    )
    files = MultipleFileField(
        label="附件（可不传：PDF、Word 或图片，最多5个，每个不超过10MB）", required=False
    )
    code = forms.CharField(
        label="验证码",
        max_length=6,
        required=False,
        help_text="填写手机号码或电子邮箱后点“获取验证码”；登录后无需验证",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].widget.attrs["maxlength"] = 100
        self.fields["phone"].help_text = "手机号码或电子邮箱至少填写一项，用于接收答复"

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写11位手机号码")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("phone") or data.get("email")):
            self.add_error("phone", "请填写手机号码或电子邮箱，以便接收答复")
        return data

    def to_data(self) -> dict[str, Any]:
        from gongkai.interaction.selectors import about_resolve

        skip = {"code", "about", "files"}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "") and k not in skip}
        return {**data, **about_resolve(self.cleaned_data.get("about", ""))}

    def uploads(self) -> list[Any]:
        return list(self.cleaned_data.get("files") or [])


class TrackForm(forms.Form):
    number = forms.CharField(label="留言编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=12)


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对答复的评价", choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label="意见（可不填）", max_length=300, required=False)


class SolvedForm(forms.Form):
    solved = forms.TypedChoiceField(
        label="您反映的问题解决了吗？",
        choices=[("1", "已解决"), ("0", "没有解决")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class TextForm(forms.Form):
    text = forms.CharField(
        label="答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class TransferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="转至", queryset=Organisation.objects.filter(is_active=True).order_by("kind", "code")
    )
    reason = forms.CharField(label="转办理由", max_length=300)


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审核结果",
        choices=[("1", "通过，答复公开给留言人"), ("0", "退回修改")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="退回意见", max_length=300, required=False)
