"""Forms of 意见征集: each bounded, each error in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.catalog.models import Domain
from gongkai.interaction.consult_rules import Disposition, HideReason
from gongkai.interaction.forms import PHONE
from gongkai.interaction.models import Consultation, Paragraph


class ConsultationForm(forms.ModelForm):
    domain = forms.ModelChoiceField(
        label="领域（可不选）",
        queryset=Domain.objects.filter(is_active=True, merged_into__isnull=True),
        required=False,
    )

    class Meta:
        model = Consultation
        fields = [
            "title",
            "decision_kind",
            "deciding_body",
            "domain",
            "draft",
            "explanation",
            "how_to_comment",
            "starts_on",
            "ends_on",
            "short_reason",
        ]
        widgets = {
            "draft": forms.Textarea(attrs={"rows": 14}),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "how_to_comment": forms.Textarea(attrs={"rows": 2}),
            "short_reason": forms.Textarea(attrs={"rows": 2}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"draft": "每段（每一条）单独一行；发布后按行编号，公众可逐段提出意见"}


class CommentForm(forms.Form):
    paragraph = forms.ModelChoiceField(
        label="针对段落", queryset=Paragraph.objects.none(), required=False, empty_label="整体意见"
    )
    content = forms.CharField(
        label="意见内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    name = forms.CharField(label="姓名（可不填，不会公开）", max_length=30, required=False)
    phone = forms.CharField(label="手机号码（不会公开）", max_length=11, required=False)
    code = forms.CharField(label="短信验证码", max_length=6, required=False)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = consultation.paragraphs.all()
        self.fields["paragraph"].label_from_instance = lambda p: f"第{p.number}段：{p.text[:30]}"

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写11位手机号码")
        return phone


class ModerateForm(forms.Form):
    show = forms.TypedChoiceField(
        label="审核结果",
        choices=[("1", "显示"), ("0", "不予显示")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label="不予显示理由", choices=[("", "—"), *HideReason.choices], required=False
    )


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label="采纳情况", choices=Disposition.choices)
    reason = forms.CharField(label="理由", max_length=500, required=False)


class ReportForm(forms.Form):
    summary = forms.CharField(
        label="意见采纳情况说明", max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )


class LinkFinalForm(forms.Form):
    publication = forms.IntegerField(label="正式文件的信息编号（ID）", min_value=1)
