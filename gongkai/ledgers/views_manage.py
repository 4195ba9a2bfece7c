"""Staff pages of 惠民资金 (docs/ledgers.md#staff): programmes, payment-list imports (plan,
confirm, discard) and the review of batches. One view per action, thin over services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import can_edit_org, can_review_org, orgs_editable_by
from gongkai.core.views_util import add_service_errors, paginate, run_step, staff_required
from gongkai.ledgers import imports
from gongkai.ledgers import selectors as sel
from gongkai.ledgers import services as svc
from gongkai.ledgers.choices import BatchAction, ImportStatus
from gongkai.ledgers.forms import ImportForm, ProgrammeForm, ReviewForm

CONTEXT = {"column_name": "惠民资金管理"}


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    editable = orgs_editable_by(request.user)
    form = ProgrammeForm(request.POST or None, organisations=editable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = svc.programme_create(
                actor=request.user,
                organisation=data["organisation"],
                code=data["code"],
                name=data["name"],
                basis=data["basis"],
                standard=data["standard"],
                description=data["description"],
                phone=data["phone"],
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError):
                add_service_errors(form, exc)
            else:
                form.add_error(None, str(exc))
        else:
            messages.success(request, "已新建惠民资金项目")
            return redirect("manage:huimin_programme", pk=programme.pk)
    return render(
        request,
        "ledgers/manage/overview.html",
        {
            "programmes": sel.programmes_for_staff(user=request.user),
            "form": form,
            "can_create": editable.exists(),
            **CONTEXT,
        },
    )


@staff_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    obj = sel.programme_for_staff(user=request.user, pk=pk)
    if obj is None:
        raise Http404("项目不存在，或不在您的权限范围内")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            form.add_error("file", "文件不能超过5MB")
        else:
            try:
                imp = svc.payments_import_plan(
                    actor=request.user,
                    programme=obj,
                    file_name=upload.name,
                    content=upload.read(),
                )
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("manage:huimin_import", pk=imp.pk)
    return render(
        request,
        "ledgers/manage/programme.html",
        {
            "programme": obj,
            "form": form,
            "imports": sel.imports_of(obj),
            "batches": sel.batches_of(obj),
            "can_edit": can_edit_org(request.user, obj.organisation_id),
            **CONTEXT,
        },
    )


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    imp = sel.import_for_staff(user=request.user, pk=pk)
    if imp is None:
        raise Http404("导入记录不存在，或不在您的权限范围内")
    return render(
        request,
        "ledgers/manage/import.html",
        {
            "imp": imp,
            "plan": imp.plan,
            "more_errors": imp.plan.get("error_count", 0) - len(imp.plan.get("errors", [])),
            "planned": imp.status == ImportStatus.PLANNED,
            "can_edit": can_edit_org(request.user, imp.programme.organisation_id),
            **CONTEXT,
        },
    )


def _import_step(request: HttpRequest, pk: int, step: Any, done: str) -> HttpResponse:
    """Confirm or discard a planned import: the one shape of both endpoints."""
    imp = sel.import_for_staff(user=request.user, pk=pk)
    if imp is None:
        raise Http404("导入记录不存在，或不在您的权限范围内")
    run_step(request, None, lambda _: step(actor=request.user, imp=imp), done)
    return redirect("manage:huimin_programme", pk=imp.programme_id)


@staff_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    done = "已导入，发放名单待审核人审核后公示"
    return _import_step(request, pk, svc.payments_import_apply, done)


@staff_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_step(request, pk, svc.payments_import_discard, "已放弃这份名单")


@staff_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    obj = sel.batch_for_staff(user=request.user, pk=pk)
    if obj is None:
        raise Http404("发放批次不存在，或不在您的权限范围内")
    page, query = paginate(request, obj.payments.order_by("row_no"), 100)
    may_review = can_review_org(request.user, obj.programme.organisation_id)
    actions = [a for a in BatchAction if may_review and obj.can(a)]
    return render(
        request,
        "ledgers/manage/batch.html",
        {"batch": obj, "page": page, "query": query, "actions": actions, **CONTEXT},
    )


@staff_required
@require_POST
def batch_review(request: HttpRequest, pk: int) -> HttpResponse:
    obj = sel.batch_for_staff(user=request.user, pk=pk)
    if obj is None:
        raise Http404("发放批次不存在，或不在您的权限范围内")
    form = ReviewForm(request.POST)
    run_step(
        request,
        form,
        lambda d: svc.batch_act(actor=request.user, batch=obj, action=d["action"], note=d["note"]),
        "已保存审核结果",
    )
    return redirect("manage:huimin_batch", pk=obj.pk)
