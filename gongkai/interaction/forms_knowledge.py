"""Staff forms of the knowledge family and surveys: each bounded, each error in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.accounts.permissions import orgs_editable_by
from gongkai.catalog.models import Domain
from gongkai.interaction.models import HotTopic, KnowledgeEntry, Spokesperson, Survey
from gongkai.publishing.models import Publication

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _OrgScoped(forms.ModelForm):
    """The organisation list holds only the user's own departments."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = orgs_editable_by(user)
        if "domain" in self.fields:
            self.fields["domain"].queryset = Domain.objects.filter(
                is_active=True, merged_into__isnull=True
            )
            self.fields["domain"].required = False


class KnowledgeEntryForm(_OrgScoped):
    class Meta:
        model = KnowledgeEntry
        fields = ["question", "answer", "organisation", "domain", "basis", "valid_until"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8}), "valid_until": DATE}
        help_texts = {
            "basis": "如《中华人民共和国政府信息公开条例》第三十三条；法律法规库收录的将自动链接",
            "valid_until": "政策调整后解答可能失效，到期后不再显示；不填为长期有效",
        }


class KnowledgeListForm(forms.Form):
    title = forms.CharField(label="标题（可不填，按期间命名）", max_length=100, required=False)
    start = forms.DateField(label="起始日期", widget=DATE)
    end = forms.DateField(label="截止日期", widget=DATE)
    note = forms.CharField(
        label="说明（可不填）", max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )


class HotTopicForm(_OrgScoped):
    link_numbers = forms.CharField(
        label="相关信息的索引号（可不填，每行一个）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = HotTopic
        fields = [
            "title",
            "concern",
            "response",
            "organisation",
            "spokesperson",
            "major",
            "arose_at",
            "conference_at",
        ]
        widgets = {
            "concern": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 8}),
            "arose_at": DATETIME,
            "conference_at": DATETIME,
        }
        help_texts = {
            "major": "勾选后按国办发〔2016〕80号：最迟5小时内发布权威信息、24小时内举行新闻发布会"
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["spokesperson"].queryset = Spokesperson.objects.filter(
            is_active=True, organisation__in=orgs_editable_by(user)
        )
        self.fields["spokesperson"].required = False
        for name in ("arose_at", "conference_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk and not self.is_bound:
            numbers = self.instance.links.values_list("index_no", flat=True)
            self.initial["link_numbers"] = "\n".join(n for n in numbers if n)

    def clean_link_numbers(self) -> list[Publication]:
        numbers = [n.strip() for n in self.cleaned_data["link_numbers"].splitlines() if n.strip()]
        if len(numbers) > 20:
            raise forms.ValidationError("相关信息最多20条")
        found = {
            p.index_no: p for p in Publication.objects.published().filter(index_no__in=numbers)
        }
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(f"没有找到已发布的信息：{'、'.join(missing[:5])}")
        return [found[n] for n in numbers]


class SurveyForm(_OrgScoped):
    class Meta:
        model = Survey
        fields = ["title", "intro", "organisation", "start_on", "end_on", "source"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 14}),
            "start_on": DATE,
            "end_on": DATE,
        }
        help_texts = {
            "source": "每题一行，以[单选]、[多选]或[问答]开头；选项另起一行，以“-”开头；"
            "题目末尾写“（选填）”的可不答"
        }
