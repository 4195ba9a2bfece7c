"""Forms of the annual report's staff pages."""

from __future__ import annotations

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
