"""Staff forms of the catalog back office; every message is plain Chinese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from gongkai.accounts.permissions import orgs_editable_by, orgs_visible_to
from gongkai.catalog.choices import (
    Audience,
    Channel,
    DayUnit,
    DisclosureMode,
    Period,
    Stage,
    TimeLimitKind,
)
from gongkai.catalog.models import CatalogItem, Domain, PowerItem, ServiceItem
from gongkai.catalog.rules import format_legal_bases, parse_legal_bases

AUTO = "auto"
FIELD_MAP = {"legal_bases": "legal_bases_text"}


class CatalogItemForm(forms.Form):
    domain = forms.ModelChoiceField(Domain.objects.none(), label="领域")
    parent = forms.ModelChoiceField(
        CatalogItem.objects.none(), label="上级事项", required=False, help_text="留空表示一级事项"
    )
    name = forms.CharField(label="事项名称", max_length=200)
    organisation = forms.ModelChoiceField(None, label="公开主体")  # type: ignore[arg-type]
    is_group = forms.BooleanField(label="仅作归类（不单独公开，无需填写公开要素）", required=False)
    stage = forms.ChoiceField(
        label="五公开", choices=[("", "请选择"), *Stage.choices], required=False
    )
    content = forms.CharField(
        label="公开内容（要素）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    legal_bases_text = forms.CharField(
        label="公开依据",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一条，格式：【法律】《中华人民共和国政府信息公开条例》第二十条",
    )
    time_limit_text = forms.CharField(
        label="公开时限",
        max_length=300,
        required=False,
        help_text="例如：自信息形成或者变更之日起20个工作日内",
    )
    time_limit_kind = forms.ChoiceField(
        label="时限规则",
        choices=[(AUTO, "根据公开时限文字自动识别"), *TimeLimitKind.choices],
        initial=AUTO,
    )
    trigger_event = forms.CharField(label="起算事件", max_length=100, required=False)
    limit_days = forms.IntegerField(label="天数", min_value=0, max_value=365, required=False)
    limit_unit = forms.ChoiceField(
        label="单位", choices=[("", "—"), *DayUnit.choices], required=False
    )
    period = forms.ChoiceField(
        label="公开周期", choices=[("", "—"), *Period.choices], required=False
    )
    period_due_day = forms.IntegerField(
        label="周期内截止日", min_value=1, max_value=31, required=False
    )
    channels = forms.MultipleChoiceField(
        label="公开渠道和载体",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audience = forms.ChoiceField(
        label="公开对象",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.PUBLIC,
    )
    mode = forms.ChoiceField(
        label="公开方式",
        choices=DisclosureMode.choices,
        widget=forms.RadioSelect,
        initial=DisclosureMode.PROACTIVE,
    )
    non_proactive_reason = forms.CharField(
        label="不主动公开理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tier_county = forms.BooleanField(label="县级", required=False, initial=True)
    tier_township = forms.BooleanField(label="乡级", required=False)
    consult_method = forms.CharField(
        label="咨询方式", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    supervision_method = forms.CharField(
        label="监督方式", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    remarks = forms.CharField(
        label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    power_items = forms.ModelMultipleChoiceField(
        PowerItem.objects.none(), label="对应权责事项", required=False
    )
    service_items = forms.ModelMultipleChoiceField(
        ServiceItem.objects.none(), label="对应公共服务事项", required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = orgs_visible_to(user)
        self.fields["domain"].queryset = Domain.objects.filter(
            is_active=True, merged_into__isnull=True
        )
        self.fields["organisation"].queryset = orgs_editable_by(user)
        self.fields["parent"].queryset = CatalogItem.objects.filter(
            organisation__in=visible, depth__lt=3
        ).select_related("domain")
        self.fields["power_items"].queryset = PowerItem.objects.filter(organisation__in=visible)
        self.fields["service_items"].queryset = ServiceItem.objects.filter(organisation__in=visible)

    def clean_legal_bases_text(self) -> list[dict[str, str]]:
        try:
            return parse_legal_bases(self.cleaned_data["legal_bases_text"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def to_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        data = {
            k: v
            for k, v in cd.items()
            if k
            not in {
                "legal_bases_text",
                "time_limit_kind",
                "trigger_event",
                "limit_days",
                "limit_unit",
                "period",
                "period_due_day",
            }
        }
        data["legal_bases"] = cd["legal_bases_text"]
        if cd["time_limit_kind"] != AUTO:
            data.update(
                time_limit_kind=cd["time_limit_kind"],
                trigger_event=cd["trigger_event"],
                limit_days=cd["limit_days"],
                limit_unit=cd["limit_unit"],
                period=cd["period"],
                period_due_day=cd["period_due_day"],
            )
        return data

    @staticmethod
    def initial_for(item: CatalogItem) -> dict[str, Any]:
        initial = {
            f: getattr(item, f)
            for f in (
                "domain",
                "parent",
                "name",
                "organisation",
                "is_group",
                "stage",
                "content",
                "time_limit_text",
                "time_limit_kind",
                "trigger_event",
                "limit_days",
                "limit_unit",
                "period",
                "period_due_day",
                "channels",
                "audience",
                "mode",
                "non_proactive_reason",
                "tier_county",
                "tier_township",
                "consult_method",
                "supervision_method",
                "remarks",
            )
        }
        initial["legal_bases_text"] = format_legal_bases(item.legal_bases)
        initial["power_items"] = list(item.power_items.all())
        initial["service_items"] = list(item.service_items.all())
        return initial


class AdjustmentFields(forms.Form):
    reason = forms.CharField(
        label="调整原因", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    effective_date = forms.DateField(
        label="生效日期",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": "请输入有效日期，格式为 YYYY-MM-DD"},
    )

    def clean_effective_date(self) -> dt.date:
        value = self.cleaned_data["effective_date"]
        if value < timezone.localdate():
            raise forms.ValidationError("生效日期不能早于今天")
        return value


class CatalogItemAdjustForm(CatalogItemForm, AdjustmentFields):
    pass


class RevokeForm(AdjustmentFields):
    reason = forms.CharField(
        label="取消原因", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "同意"), ("return", "退回")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        if cd.get("decision") == "return" and not cd.get("comment", "").strip():
            self.add_error("comment", "退回时请填写审核意见")
        return cd


class ImportForm(forms.Form):
    file = forms.FileField(label="目录文件（.xlsx）")
    dry_run = forms.BooleanField(label="试导入：只校验，不保存", required=False)
    reason = forms.CharField(label="调整原因", max_length=200, initial="目录批量导入")
    effective_date = forms.DateField(
        label="生效日期",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件")
        if f.size > self.MAX_BYTES:
            raise forms.ValidationError("文件不能超过20MB")
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":  # xlsx is a zip container: check content, not the name
            raise forms.ValidationError("文件内容不是有效的 Excel（.xlsx）工作簿")
        return f


class DomainRenameForm(forms.Form):
    name = forms.CharField(label="新名称", max_length=50)


class DomainMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        Domain.objects.filter(is_active=True, merged_into__isnull=True), label="并入领域"
    )
