"""Staff forms for government information; messages in plain Chinese."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.accounts.permissions import orgs_editable_by, orgs_visible_to
from gongkai.catalog.choices import Stage
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.core.forms import MultipleFileField
from gongkai.publishing.choices import Attribute, AudienceTag, Genre, InterpretationKind, Validity
from gongkai.publishing.models import Publication, Topic

DATE = {"invalid": "请输入有效日期，格式为 YYYY-MM-DD"}


class PublicationForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    organisation = forms.ModelChoiceField(None, label="发布机构")  # type: ignore[arg-type]
    doc_number = forms.CharField(
        label="文号",
        max_length=80,
        required=False,
        help_text="例如：皋政发〔2026〕12号（保留六角括号）",
    )
    written_on = forms.DateField(
        label="成文日期",
        required=False,
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    formed_on = forms.DateField(
        label="形成/变更日期",
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="公开期限从此日期起算（条例第二十六条）",
    )
    scheduled_at = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={"invalid": "请输入有效的日期时间"},
    )
    genre = forms.ChoiceField(label="体裁", choices=Genre.choices)
    topic = forms.ModelChoiceField(Topic.objects.all(), label="主题分类", required=False)
    stage = forms.ChoiceField(
        label="五公开", choices=[("", "请选择"), *Stage.choices], required=False
    )
    domains = forms.ModelMultipleChoiceField(Domain.objects.none(), label="领域", required=False)
    catalog_items = forms.ModelMultipleChoiceField(
        CatalogItem.objects.none(),
        label="对应公开事项",
        required=False,
        help_text="公开期限按所选事项的公开时限计算",
    )
    attribute = forms.ChoiceField(
        label="公开属性",
        choices=Attribute.choices,
        widget=forms.RadioSelect,
        initial=Attribute.PROACTIVE,
    )
    attribute_reason = forms.CharField(
        label="不公开理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices, initial=Validity.VALID)
    valid_from = forms.DateField(
        label="施行日期",
        required=False,
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    invalid_on = forms.DateField(
        label="失效/废止日期",
        required=False,
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    is_normative = forms.BooleanField(label="规范性文件", required=False)
    needs_interpretation = forms.BooleanField(
        label="需解读（三同步：解读审核通过后同时发布）", required=False
    )
    audience_tags = forms.MultipleChoiceField(
        label="受众标签",
        choices=AudienceTag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    keywords = forms.CharField(label="关键词", max_length=200, required=False)
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="可使用段落、标题、列表、表格等格式；脚本和样式会被自动去除",
    )
    interprets = forms.ModelChoiceField(
        Publication.objects.none(), label="所解读的政策", required=False
    )
    interpretation_kind = forms.ChoiceField(
        label="解读形式", choices=[("", "—"), *InterpretationKind.choices], required=False
    )
    files = MultipleFileField(
        label="附件",
        required=False,
        help_text="PDF、Word、Excel、PowerPoint、OFD 或图片，每个不超过50MB",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editable = orgs_editable_by(user)
        self.fields["organisation"].queryset = editable
        self.fields["domains"].queryset = Domain.objects.filter(
            is_active=True, merged_into__isnull=True
        )
        self.fields["catalog_items"].queryset = CatalogItem.objects.published().filter(
            organisation__in=editable, is_group=False
        )
        self.fields["interprets"].queryset = Publication.objects.filter(
            organisation__in=orgs_visible_to(user), interprets__isnull=True
        )

    def to_data(self) -> tuple[dict[str, Any], list[Any]]:
        data = dict(self.cleaned_data)
        files = data.pop("files", [])
        return data, files

    @staticmethod
    def initial_for(pub: Publication) -> dict[str, Any]:
        fields = [
            "title",
            "organisation",
            "doc_number",
            "written_on",
            "formed_on",
            "scheduled_at",
            "genre",
            "topic",
            "stage",
            "attribute",
            "attribute_reason",
            "validity",
            "valid_from",
            "invalid_on",
            "is_normative",
            "needs_interpretation",
            "audience_tags",
            "keywords",
            "body",
            "interprets",
            "interpretation_kind",
        ]
        initial = {f: getattr(pub, f) for f in fields}
        initial["domains"] = list(pub.domains.all())
        initial["catalog_items"] = list(pub.catalog_items.all())
        return initial


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "通过"), ("return", "退回")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ReviseForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=80, required=False)
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    invalid_on = forms.DateField(
        label="失效/废止日期",
        required=False,
        error_messages=DATE,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    keywords = forms.CharField(label="关键词", max_length=200, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), required=False)
    note = forms.CharField(label="修订说明（读者可见）", max_length=300)
