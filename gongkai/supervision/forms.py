"""Forms of the annual report's staff pages."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.supervision.models import AnnualFigure, AnnualReport


class ReportCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(label="报告机关", queryset=None)  # type: ignore[arg-type]
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)

    def __init__(self, *args, organisations=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other"]
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in fields}


class FigureForm(forms.ModelForm):
    class Meta:
        model = AnnualFigure
        fields = [
            "rules_issued",
            "rules_abolished",
            "rules_current",
            "licences",
            "penalties",
            "enforcements",
            "fees_wan",
        ]


class ScoreRuleForm(forms.Form):
    """A new version of the weights (考核规则), from its effective day on."""

    effective_from = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    timeliness = forms.IntegerField(label="法定时限按期完成率 权重", min_value=0, max_value=100)
    interaction = forms.IntegerField(label="留言按期答复率 权重", min_value=0, max_value=100)
    satisfaction = forms.IntegerField(label="留言满意率 权重", min_value=0, max_value=100)
    foi = forms.IntegerField(label="依申请公开按时答复率 权重", min_value=0, max_value=100)
    challenges = forms.IntegerField(label="复议诉讼纠错 权重", min_value=0, max_value=100)
    note = forms.CharField(label="说明", max_length=200, required=False)


class MonitorRuleForm(forms.Form):
    """在线监督规则: a new version from a day on."""

    effective_from = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    warn_days = forms.IntegerField(label="预警提前天数", min_value=0, max_value=30, initial=3)
    checks = forms.MultipleChoiceField(
        label="启用的检查",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    digest = forms.BooleanField(label="每日发送汇总邮件", required=False, initial=True)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.monitor_rules import Check

        super().__init__(*args, **kwargs)
        self.fields["checks"].choices = Check.choices
        self.fields["checks"].initial = list(Check.values)
