"""Staff forms of 数据开放."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.opendata.models import Dataset
from gongkai.opendata.rules import FieldType
from gongkai.opendata.services import EDITABLE


class DatasetForm(forms.ModelForm):
    tags_text = forms.CharField(
        label="标签", required=False, max_length=400, help_text="多个标签用逗号或空格分隔"
    )

    class Meta:
        model = Dataset
        # the fields the services accept, with the catalog items after the 领域 (tags are
        # edited as text, tags_text)
        fields = [
            x
            for f in EDITABLE
            if f != "tags"
            for x in ((f, "catalog_items") if f == "domain" else (f,))
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "access_reason": forms.Textarea(attrs={"rows": 2}),
            "temporal_start": forms.DateInput(attrs={"type": "date"}),
            "temporal_end": forms.DateInput(attrs={"type": "date"}),
            "catalog_items": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, organisations: Any = None, items: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["catalog_items"].queryset = items
        self.fields["catalog_items"].required = False
        if self.instance.pk:
            self.fields["tags_text"].initial = "，".join(self.instance.tags)

    def data_dict(self) -> dict[str, Any]:
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("tags_text", "catalog_items")
        }
        raw = self.cleaned_data.get("tags_text") or ""
        data["tags"] = [
            t
            for t in raw.replace("，", ",").replace("、", ",").replace(" ", ",").split(",")
            if t.strip()
        ]
        return data


class ResourceForm(forms.Form):
    name = forms.CharField(label="资源名称", max_length=200)
    description = forms.CharField(
        label="说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label="文件（CSV、XLSX、JSON、GeoJSON、PDF）", required=False)
    url = forms.URLField(label="或接口地址", max_length=500, required=False, assume_scheme="https")
    note = forms.CharField(label="更新说明", max_length=300, required=False)


class VersionForm(forms.Form):
    file = forms.FileField(label="新版本文件")
    note = forms.CharField(label="更新说明", max_length=300, required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核意见",
        choices=[("approve", "通过并发布"), ("return", "退回修改")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="说明", max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=300)


class RetypeForm(forms.Form):
    """One select per field of the current version."""

    def __init__(self, *args: Any, fields: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = []
        for i, f in enumerate(fields):
            name = f"t{i}"
            self.fields[name] = forms.ChoiceField(
                label=f["id"], choices=FieldType.choices, initial=f["type"]
            )
            self.names.append((name, f["id"]))

    def types(self) -> dict[str, str]:
        return {field: self.cleaned_data[name] for name, field in self.names}


class CorrectionForm(forms.Form):
    location = forms.CharField(label="位置（如第几行、哪个字段）", max_length=200, required=False)
    description = forms.CharField(
        label="问题描述", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    name = forms.CharField(label="姓名（选填，不公开）", max_length=50, required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=100, required=False)


class ReuseForm(forms.Form):
    title = forms.CharField(label="成果名称", max_length=100)
    description = forms.CharField(
        label="简介", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    author = forms.CharField(label="作者或单位", max_length=100)
    url = forms.URLField(
        label="网址（选填）", max_length=300, required=False, assume_scheme="https"
    )
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=100, required=False)


class AccessForm(forms.Form):
    applicant = forms.CharField(label="申请人", max_length=100)
    company = forms.CharField(label="单位名称（选填）", max_length=100, required=False)
    purpose = forms.CharField(
        label="用途", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    scope = forms.CharField(
        label="所需数据范围", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    start = forms.DateField(label="使用期起", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="使用期止", widget=forms.DateInput(attrs={"type": "date"}))


class CorrectionAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label="处理结果",
        choices=[
            ("corrected", "已更正（已上传更正后的版本）"),
            ("explained", "已说明（数据无误或另有原因）"),
        ],
    )
    answer = forms.CharField(
        label="答复", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AccessDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核意见",
        choices=[("approve", "同意"), ("refuse", "不同意")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="意见和依据", max_length=1000, required=False)


class OpendataRuleForm(forms.Form):
    effective_from = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    access_days = forms.IntegerField(
        label="有条件开放申请答复时限（工作日）", min_value=1, max_value=60, initial=10
    )
    correction_days = forms.IntegerField(
        label="数据纠错答复时限（工作日）", min_value=1, max_value=60, initial=10
    )
    note = forms.CharField(label="说明", max_length=200, required=False)
