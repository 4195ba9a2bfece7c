from __future__ import annotations

from typing import Any

from django import forms

from gongkai.core.workdays import MAX_WORKING_DAYS, ClockRangeError, add_working_days

DATE_ERRORS = {
    "invalid": "请输入有效日期，格式为 YYYY-MM-DD（例如 2026-01-28）",
    "required": "请填写起算日期",
}


class WorkdayForm(forms.Form):
    start = forms.DateField(
        label="起算日期（如收到申请之日）",
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=MAX_WORKING_DAYS,
        initial=20,
        error_messages={
            "invalid": "工作日数应为整数",
            "required": "请填写工作日数",
            "min_value": "工作日数不能为负数",
            "max_value": f"工作日数不能超过{MAX_WORKING_DAYS}",
        },
    )

    def clean(self) -> dict:
        """The whole period must lie on the clock (2001–2099), or a Chinese error, never a 500."""
        cleaned = super().clean()
        start, days = cleaned.get("start"), cleaned.get("days")
        if start is not None and days is not None:
            try:
                cleaned["result"] = add_working_days(start, days)
            except ClockRangeError as exc:
                self.add_error("start", str(exc))
        return cleaned


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100, error_messages={"invalid": "年度应为四位数字"}
    )
    source_notice = forms.CharField(
        label="依据通知",
        max_length=200,
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    source_url = forms.URLField(
        assume_scheme="https",
        label="通知链接",
        required=False,
        error_messages={"invalid": "请输入有效的网址"},
    )
    published_on = forms.DateField(
        label="通知发布日期",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    days_text = forms.CharField(
        label="放假与调休安排",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="每行一天：日期 放假/上班 节日名称，例如“2027-02-06 上班 春节”",
    )


class AuditFilterForm(forms.Form):
    object_type = forms.CharField(label="对象类型", required=False, max_length=60)
    object_id = forms.CharField(label="对象编号", required=False, max_length=64)
    action = forms.CharField(label="操作", required=False, max_length=60)
    date_from = forms.DateField(
        label="起始日期",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label="截止日期",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []
