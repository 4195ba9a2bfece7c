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
    complaint_days = forms.IntegerField(
        label="投诉办理时限（工作日）", min_value=1, max_value=60, initial=15
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.monitor_rules import Check

        super().__init__(*args, **kwargs)
        self.fields["checks"].choices = Check.choices
        self.fields["checks"].initial = list(Check.values)


class ComplaintForm(forms.Form):
    """公开投诉 taken by phone, on site or by letter."""

    organisation = forms.ModelChoiceField(label="被投诉机构", queryset=None)  # type: ignore[arg-type]
    channel = forms.ChoiceField(label="来源", choices=[])
    received_on = forms.DateField(
        label="收到日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="补录时填写实际收到的日期（近90日内），期限自该日起算",
    )
    subject = forms.CharField(label="投诉事项", max_length=100)
    content = forms.CharField(label="投诉内容", max_length=5000, widget=forms.Textarea)
    about = forms.CharField(
        label="涉及的信息、事项或申请",
        max_length=100,
        required=False,
        help_text="如索引号、申请编号",
    )
    name = forms.CharField(label="投诉人", max_length=50, required=False)
    phone = forms.RegexField(
        label="联系电话",
        regex=r"^[0-9\-+ ]{5,20}$",
        required=False,
        error_messages={"invalid": "请填写正确的电话号码"},
    )
    email = forms.EmailField(label="电子邮箱", required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        from gongkai.supervision.complaint_rules import ComplaintChannel

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["channel"].choices = [
            c for c in ComplaintChannel.choices if c[0] != ComplaintChannel.ONLINE
        ]


class ComplaintDispatchForm(forms.Form):
    organisation = forms.ModelChoiceField(label="承办机构", queryset=None)  # type: ignore[arg-type]
    note = forms.CharField(label="分办意见", max_length=300, required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ComplaintAnswerForm(forms.Form):
    finding = forms.ChoiceField(label="调查结论", choices=[])
    text = forms.CharField(label="答复内容", max_length=5000, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.complaint_rules import Finding

        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = Finding.choices


class ComplaintCloseForm(forms.Form):
    feedback = forms.ChoiceField(label="投诉人评价（回访）", choices=[], required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.complaint_rules import Feedback

        super().__init__(*args, **kwargs)
        self.fields["feedback"].choices = [("", "未评价"), *Feedback.choices]


class ComplaintRejectForm(forms.Form):
    reason = forms.CharField(label="不予受理理由", max_length=300)


class EvaluationRoundForm(forms.Form):
    title = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=[])
    start = forms.DateField(label="评议期起", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="评议期止", widget=forms.DateInput(attrs={"type": "date"}))
    questions = forms.CharField(
        label="评议问题",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一个问题，格式“问题|满分”，如：信息公开是否及时准确|40",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.evaluation_rules import RoundKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RoundKind.choices


class EvaluatorForm(forms.Form):
    name = forms.CharField(label="评议人姓名", max_length=50)
    category = forms.ChoiceField(label="身份", choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.supervision.evaluation_rules import EvaluatorKind

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = EvaluatorKind.choices


class EvaluationForm(forms.Form):
    """One evaluator's scores: a number for each question and organisation."""

    def __init__(self, *args: Any, questions: list[dict], organisations: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows = []
        for org in organisations:
            names = []
            for i, q in enumerate(questions):
                name = f"p_{org.pk}_{i}"
                self.fields[name] = forms.IntegerField(
                    label=f"{org.name}：{q['text']}（满分{q['max']}）",
                    min_value=0,
                    max_value=int(q["max"]),
                    error_messages={
                        "required": "请打分",
                        "min_value": "不能低于0分",
                        "max_value": f"不能超过{q['max']}分",
                        "invalid": "请填写整数",
                    },
                )
                names.append(name)
            self.rows.append((org, names))

    def points(self) -> dict[int, list[int]]:
        return {org.pk: [self.cleaned_data[n] for n in names] for org, names in self.rows}
