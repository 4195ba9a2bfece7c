"""数据开放 staff pages under /manage/data/: the user's datasets, one dataset with its
resources and versions, and one endpoint per action. Thin: each calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import (
    can_edit_org,
    can_review_org,
    is_office,
    is_sysadmin,
    orgs_editable_by,
)
from gongkai.catalog.selectors import catalog_items_for_staff
from gongkai.core.views_util import (
    add_service_errors,
    flash_form_errors,
    paginate,
    run_step,
    staff_required,
)
from gongkai.opendata import participation, selectors
from gongkai.opendata import services as svc
from gongkai.opendata.forms import (
    AccessDecisionForm,
    CorrectionAnswerForm,
    DatasetForm,
    OpendataRuleForm,
    ReasonForm,
    ResourceForm,
    RetypeForm,
    ReviewForm,
    VersionForm,
)
from gongkai.opendata.models import (
    AccessApplication,
    Correction,
    OpendataRule,
    Resource,
    ResourceVersion,
    Reuse,
)
from gongkai.opendata.rules import TABULAR, DatasetAction
from gongkai.opendata.stats import usage_totals

CONTEXT = {"column_name": "数据开放管理", "column_type": "工作台"}


def _form(request: HttpRequest, instance: Any = None) -> DatasetForm:
    return DatasetForm(
        request.POST or None,
        instance=instance,
        organisations=orgs_editable_by(request.user),
        items=catalog_items_for_staff(user=request.user).filter(is_group=False),
    )


@staff_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            ds = svc.dataset_create(
                actor=request.user,
                data=form.data_dict(),
                catalog_items=form.cleaned_data.get("catalog_items"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"tags": "tags_text"})
        else:
            flash.success(request, "已建立数据集草稿，请添加数据资源后提交审核")
            return redirect("manage:dataset", pk=ds.pk)
    page, query = paginate(request, selectors.datasets_for_staff(user=request.user), 30)
    office = is_office(request.user) or is_sysadmin(request.user)
    return render(
        request,
        "opendata/manage/list.html",
        {
            "page": page,
            "query": query,
            "form": form,
            "office": office,
            "rules": OpendataRule.objects.all()[:10],
            "rule_form": OpendataRuleForm() if office else None,
            **CONTEXT,
        },
    )


@staff_required
@require_POST
def rule_add(request: HttpRequest) -> HttpResponse:
    form = OpendataRuleForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            participation.opendata_rule_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                flash.error(request, message)
        else:
            flash.success(request, "已保存数据开放规则，自生效日期起适用")
    return redirect("manage:datasets")


@staff_required
def dataset_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    ds = selectors.dataset_for_staff(user=request.user, pk=pk)
    editor = can_edit_org(request.user, ds.organisation_id)
    reviewer = can_review_org(request.user, ds.organisation_id)
    form = _form(request, ds) if editor and ds.can(DatasetAction.EDIT) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            svc.dataset_update(
                actor=request.user,
                dataset=ds,
                data=form.data_dict(),
                catalog_items=form.cleaned_data.get("catalog_items"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"tags": "tags_text"})
        else:
            flash.success(request, "已保存")
            return redirect("manage:dataset", pk=ds.pk)
    resources = []
    for r in ds.resources.prefetch_related("versions"):
        current = r.latest()
        retype = RetypeForm(fields=current.fields) if current and current.fields else None
        resources.append({"r": r, "current": current, "retype": retype})
    return render(
        request,
        "opendata/manage/detail.html",
        {
            "ds": ds,
            "form": form,
            "editor": editor,
            "reviewer": reviewer,
            "resources": resources,
            "resource_form": ResourceForm(),
            "version_form": VersionForm(),
            "review_form": ReviewForm(),
            "reason_form": ReasonForm(),
            "events": ds.events.select_related("actor")[:100],
            "corrections": ds.corrections.all()[:100],
            "usage": usage_totals(ds.pk),
            "reuses": ds.reuses.all()[:100],
            "applications": ds.applications.select_related("user")[:100],
            "answer_form": CorrectionAnswerForm(),
            "decision_form": AccessDecisionForm(),
            "A": DatasetAction,
            "tabular": TABULAR,
            **CONTEXT,
        },
    )


def _step(
    form_class: type[forms.Form] | None, run: Callable[..., Any], done: str
) -> Callable[..., HttpResponse]:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: Any) -> HttpResponse:
        ds = selectors.dataset_for_staff(user=request.user, pk=pk)
        form = form_class(request.POST, request.FILES) if form_class else None
        run_step(request, form, lambda data: run(request, ds, data), done)
        return redirect("manage:dataset", pk=pk)

    return view


dataset_submit = _step(
    None, lambda rq, ds, d: svc.dataset_submit(actor=rq.user, dataset=ds), "已提交审核"
)
dataset_review = _step(
    ReviewForm,
    lambda rq, ds, d: svc.dataset_review(
        actor=rq.user, dataset=ds, approve=d["decision"] == "approve", comment=d["comment"]
    ),
    "已审核",
)
dataset_withdraw = _step(
    ReasonForm,
    lambda rq, ds, d: svc.dataset_withdraw(actor=rq.user, dataset=ds, reason=d["reason"]),
    "已撤回",
)
resource_add = _step(
    ResourceForm,
    lambda rq, ds, d: svc.resource_add(
        actor=rq.user,
        dataset=ds,
        name=d["name"],
        description=d["description"],
        file=d["file"],
        url=d["url"] or "",
        note=d["note"],
    ),
    "已添加数据资源",
)


@staff_required
@require_POST
def resource_upload(request: HttpRequest, pk: Any, rid: Any) -> HttpResponse:
    ds = selectors.dataset_for_staff(user=request.user, pk=pk)
    res = get_object_or_404(Resource, pk=rid, dataset=ds)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            v = svc.resource_upload(
                actor=request.user,
                resource=res,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                flash.error(request, message)
        else:
            flash.success(request, f"已上传第{v.number}版，原版本仍可下载")
    return redirect("manage:dataset", pk=pk)


@staff_required
@require_POST
def version_review(request: HttpRequest, pk: Any, vid: int) -> HttpResponse:
    ds = selectors.dataset_for_staff(user=request.user, pk=pk)
    version = get_object_or_404(ResourceVersion, pk=vid, resource__dataset=ds)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            svc.version_review(
                actor=request.user,
                version=version,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                flash.error(request, message)
        else:
            flash.success(request, "已审核新版本")
    return redirect("manage:dataset", pk=pk)


@staff_required
@require_POST
def resource_retype(request: HttpRequest, pk: Any, vid: int) -> HttpResponse:
    ds = selectors.dataset_for_staff(user=request.user, pk=pk)
    version = get_object_or_404(ResourceVersion, pk=vid, resource__dataset=ds)
    form = RetypeForm(request.POST, fields=version.fields)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            svc.resource_retype(actor=request.user, version=version, types=form.types())
        except ValidationError as exc:
            for message in exc.messages:
                flash.error(request, message)
        else:
            flash.success(request, "已按新的字段类型重新入库")
    return redirect("manage:dataset", pk=pk)


def _participation(
    form_class: Any, model: Any, run: Callable[..., Any], done: str
) -> Callable[..., HttpResponse]:
    """One endpoint per action on a correction, reuse or application of the user's dataset."""

    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: Any, item: int) -> HttpResponse:
        ds = selectors.dataset_for_staff(user=request.user, pk=pk)
        obj = get_object_or_404(model, pk=item, dataset=ds)
        form = form_class(request.POST) if form_class else None
        run_step(request, form, lambda data: run(request.user, obj, data or request.POST), done)
        return redirect("manage:dataset", pk=pk)

    return view


correction_answer = _participation(
    CorrectionAnswerForm,
    Correction,
    lambda u, c, d: participation.correction_answer(
        actor=u, correction=c, status=d["status"], answer=d["answer"]
    ),
    "已答复纠错",
)
reuse_moderate = _participation(
    None,
    Reuse,
    lambda u, r, d: participation.reuse_moderate(actor=u, reuse=r, approve=d.get("approve") == "1"),
    "已审核应用成果",
)
application_decide = _participation(
    AccessDecisionForm,
    AccessApplication,
    lambda u, a, d: participation.access_decide(
        actor=u, application=a, approve=d["decision"] == "approve", reason=d["reason"]
    ),
    "已审核申请",
)


@staff_required
def application_goto(request: HttpRequest, pk: int) -> HttpResponse:
    """A 有条件开放 application's staff page is its dataset's (where it is decided)."""
    app = get_object_or_404(AccessApplication, pk=pk)
    ds = selectors.dataset_for_staff(user=request.user, pk=app.dataset_id)
    return redirect(reverse("manage:dataset", args=[ds.pk]) + "#applications")


@staff_required
def correction_goto(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(Correction, pk=pk)
    ds = selectors.dataset_for_staff(user=request.user, pk=c.dataset_id)
    return redirect(reverse("manage:dataset", args=[ds.pk]) + "#corrections")
