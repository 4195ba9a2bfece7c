"""Forms of 政策计算器: the citizen's inputs are built from the version in force; the 政务公开办's
definition is entered as JSON and checked whole by the service."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gongkai.calculators.models import Calculator


def inputs_form(inputs: list[dict[str, Any]], data: Any = None) -> forms.Form:
    """A form with one field per input of the version (numbers bounded, choices closed)."""
    fields: dict[str, forms.Field] = {}
    for spec in inputs:
        label = spec["label"] + (f"（{spec['unit']}）" if spec.get("unit") else "")
        if spec.get("kind", "number") == "choice":
            fields[spec["key"]] = forms.ChoiceField(
                label=label,
                choices=[(str(c["value"]), c.get("label") or c["value"]) for c in spec["choices"]],
                help_text=spec.get("help", ""),
            )
        else:
            attrs = {"inputmode": "decimal"}
            for bound in ("min", "max", "step"):
                if spec.get(bound) is not None:
                    attrs[bound] = str(spec[bound])
            fields[spec["key"]] = forms.CharField(
                label=label,
                max_length=20,
                help_text=spec.get("help", ""),
                widget=forms.TextInput(attrs=attrs),
            )
    form_class = type("CalculatorInputs", (forms.Form,), fields)
    return form_class(data)


class _JsonField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}))
        kwargs.setdefault("max_length", 20000)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        try:
            return json.loads(text or "null")
        except ValueError as exc:
            raise ValidationError(
                f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列附近有误"
            ) from None


class VersionForm(forms.Form):
    effective_from = forms.DateField(
        label="施行日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    standard_title = forms.CharField(label="所依据的标准", max_length=200)
    standard_source = forms.CharField(label="标准出处（文号、发布机关）", max_length=300)
    standard_url = forms.URLField(label="标准原文链接", required=False, assume_scheme="https")
    inputs = _JsonField(label="输入项（JSON 列表）")
    tables = _JsonField(label="标准表（JSON 对象：表名 → 分档表或对照表）", required=False)
    items = _JsonField(label="计算项（JSON 列表：label、formula）")
    result_label = forms.CharField(label="结果名称", max_length=40, initial="合计")
    result_unit = forms.CharField(label="结果单位", max_length=10, initial="元")
    note = forms.CharField(label="版本说明", max_length=200, required=False)

    def clean_tables(self) -> Any:
        return self.cleaned_data["tables"] or {}


class CalculatorForm(forms.ModelForm):
    class Meta:
        model = Calculator
        fields = ["slug", "name", "organisation", "description"]
