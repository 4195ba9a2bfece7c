"""办件 staff pages under /manage/banjian/ (docs/services.md#staff): the sources with their lag
and errors, overdue cases, one case in full, and the 办事服务 handbook import. Thin."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import is_office, orgs_editable_by
from gongkai.core.jobs import enqueue_on_commit
from gongkai.core.views_util import paginate, run_step, staff_required
from gongkai.services import selectors as sel
from gongkai.services import services as svc
from gongkai.services.choices import SourceEngine
from gongkai.services.connector import DEFAULT_MAPPING, source_reset
from gongkai.services.models import CaseSource

CONTEXT = {"column_name": "办件管理"}


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    number = (request.GET.get("number") or "").strip().upper()[:40]
    cases = sel.cases_for_staff(user=request.user)
    if number:
        cases = cases.filter(number__startswith=number)
    page, query = paginate(request, sel.cases_overdue_for_staff(user=request.user), 50)
    return render(
        request,
        "services/manage/overview.html",
        {
            "sources": sel.sources_for_staff(user=request.user),
            "page": page,
            "query": query,
            "found": cases[:20] if number else None,
            "number": number,
            "source_form": SourceForm(user=request.user),
            **CONTEXT,
        },
    )


@staff_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.interaction.selectors import messages_for_staff

    obj = sel.case_for_staff(user=request.user, pk=pk)
    if obj is None:
        raise Http404("办件不存在，或不在您的权限范围内")
    messages = messages_for_staff(user=request.user).filter(about_case_no=obj.number)[:20]
    return render(
        request, "services/manage/case.html", {"case": obj, "messages": messages, **CONTEXT}
    )


def _mapping_json(text: str) -> dict[str, Any]:
    """A 字段映射 typed by staff: a JSON object, or a Chinese error."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ValidationError("字段映射不是有效的JSON") from exc
    if not isinstance(value, dict):
        raise ValidationError("字段映射应为JSON对象")
    return value


class SourceForm(forms.Form):
    organisation = forms.ModelChoiceField(label="所属部门", queryset=None)  # type: ignore[arg-type]
    code = forms.SlugField(label="来源代码", max_length=40, help_text="字母、数字、连字符")
    name = forms.CharField(label="业务系统名称", max_length=100)
    engine = forms.ChoiceField(
        label="中间库类型",
        required=False,
        choices=[("", "推送（无中间库）"), *SourceEngine.choices],
    )
    dsn = forms.CharField(label="中间库连接", required=False, max_length=300)
    mapping = forms.CharField(
        label="字段映射（JSON，留空用标准视图）",
        required=False,
        widget=forms.Textarea,
        max_length=20000,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = orgs_editable_by(user)  # type: ignore[attr-defined]

    def clean_mapping(self) -> dict[str, Any]:
        text = self.cleaned_data.get("mapping") or ""
        return _mapping_json(text) if text.strip() else {}


@require_POST
@staff_required
def source_add(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST, user=request.user)
    secret: dict[str, str] = {}

    def run(cd: dict[str, Any]) -> None:
        source, plain = svc.source_create(actor=request.user, **cd)
        secret.update(code=source.code, secret=plain)

    run_step(request, form, run, "办件来源已添加")
    if secret:
        flash.warning(
            request,
            f"来源“{secret['code']}”的推送签名密钥：{secret['secret']}（只显示这一次，请妥善保存）",
        )
    return redirect("manage:banjian")


def _source(request: HttpRequest, pk: int) -> CaseSource:
    source = sel.sources_for_staff(user=request.user).filter(pk=pk).first()
    if source is None:
        raise Http404("办件来源不存在，或不在您的权限范围内")
    return source


@staff_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    mapping = source.mapping or DEFAULT_MAPPING
    return render(
        request,
        "services/manage/source.html",
        {
            "source": source,
            "runs": source.runs.all()[:30],
            "mapping_text": json.dumps(mapping, ensure_ascii=False, indent=2),
            "dsn_shown": _dsn_shown(source.dsn),
            **CONTEXT,
        },
    )


def _dsn_shown(dsn: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(dsn)
    return dsn.replace(f":{parts.password}@", ":***@") if parts.password else dsn


class SourceEditForm(forms.Form):
    mapping = forms.CharField(label="字段映射（JSON）", widget=forms.Textarea, max_length=20000)
    is_active = forms.BooleanField(label="启用", required=False)

    def clean_mapping(self) -> dict[str, Any]:
        return _mapping_json(self.cleaned_data["mapping"])


@require_POST
@staff_required
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    run_step(
        request,
        SourceEditForm(request.POST),
        lambda cd: svc.source_update(actor=request.user, source=source, **cd),
        "已保存",
    )
    return redirect("manage:banjian_source", pk=source.pk)


@require_POST
@staff_required
def source_run(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    if not source.is_pull:
        flash.error(request, "推送来源无需同步")
    else:
        from gongkai.services.tasks import source_pull

        enqueue_on_commit(source_pull, source_id=source.pk)
        flash.success(request, "已安排立即同步，稍后刷新查看结果")
    return redirect("manage:banjian_source", pk=source.pk)


@require_POST
@staff_required
def source_restart(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    run_step(
        request,
        None,
        lambda cd: source_reset(actor=request.user, source=source),
        "已重置同步位置：下次同步将从头读取（已有办件不会重复）",
    )
    return redirect("manage:banjian_source", pk=source.pk)


@require_POST
@staff_required
def source_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    try:
        secret = svc.source_secret_rotate(actor=request.user, source=source)
    except PermissionDenied as exc:
        flash.error(request, str(exc))
    else:
        flash.warning(request, f"新的推送签名密钥：{secret}（只显示这一次，旧密钥已失效）")
    return redirect("manage:banjian_source", pk=source.pk)


class HandbookForm(forms.Form):
    file = forms.FileField(label="办事服务目录文件（YAML 或 JSON）")
    apply = forms.BooleanField(label="确认导入（不勾选则只预览）", required=False)


@staff_required
def handbook(request: HttpRequest) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied("只有政务公开办可以导入办事服务目录")
    form = HandbookForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            form.add_error("file", "文件不能超过2MB")
        else:
            try:
                data = yaml.safe_load(upload.read().decode("utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError):
                form.add_error("file", "文件不是有效的 UTF-8 YAML 或 JSON")
            else:
                try:
                    plan = svc.handbook_import(
                        actor=request.user, data=data, dry_run=not form.cleaned_data["apply"]
                    )
                except ValidationError as exc:
                    form.add_error("file", exc.messages[0])
    return render(request, "services/manage/handbook.html", {"form": form, "plan": plan, **CONTEXT})
