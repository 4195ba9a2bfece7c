"""Forms of 惠民资金: bounded inputs with Chinese messages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from gongkai.accounts.validators import validate_resident_id
from gongkai.ledgers.models import Programme


class LookupForm(forms.Form):
    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        min_length=15,
        help_text="18位公民身份号码，最后一位可以是X",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    name = forms.CharField(label="姓名", max_length=50, help_text="与发放名单上的姓名一致")
    remember = forms.BooleanField(
        label="保存为本人身份，下次登录后免输入（仅保存加密摘要，可随时删除）", required=False
    )

    def clean_id_number(self) -> str:
        try:
            return validate_resident_id(self.cleaned_data["id_number"], label="身份证号")
        except ValidationError as exc:
            raise ValidationError(exc.messages[0]) from None

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("请填写姓名")
        return name


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["organisation", "code", "name", "basis", "standard", "description", "phone"]
        help_texts = {"code": "字母、数字、连字符，用于网址，如 gengdi-2026"}

    def __init__(self, *args, organisations=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ImportForm(forms.Form):
    file = forms.FileField(
        label="发放名单（.xlsx）",
        help_text="表头：项目名称、发放期次、姓名、身份证号、村（社区）、金额、发放日期；不超过5MB",
    )


class ReviewForm(forms.Form):
    action = forms.CharField(max_length=20)
    note = forms.CharField(label="审核意见", max_length=300, required=False)
