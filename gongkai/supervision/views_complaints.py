"""公开投诉 staff pages (docs/supervision.md#complaints): the list (the 政务公开办 sees all, a
department the ones it is named in or handles), registering a phone, on-site or letter
complaint, and one complaint with one endpoint per action. Thin: each calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import can_edit_org, is_office, is_sysadmin, orgs_visible_to
from gongkai.core.privacy import mask_email, mask_phone
from gongkai.core.views_util import (
    add_service_errors,
    paginate,
    run_step,
    staff_required,
)
from gongkai.supervision import complaints as svc
from gongkai.supervision.complaint_rules import ComplaintAction, ComplaintStatus
from gongkai.supervision.forms import (
    ComplaintAnswerForm,
    ComplaintCloseForm,
    ComplaintDispatchForm,
    ComplaintForm,
    ComplaintRejectForm,
)
from gongkai.supervision.models import Complaint

CONTEXT = {"column_name": "公开投诉", "column_type": "工作台"}


def _office(request: HttpRequest) -> bool:
    return is_office(request.user) or is_sysadmin(request.user)


def _visible(request: HttpRequest) -> Any:
    qs = Complaint.objects.select_related("organisation", "handler")
    if _office(request):
        return qs
    orgs = orgs_visible_to(request.user)
    return qs.filter(Q(organisation__in=orgs) | Q(handler__in=orgs))


def _get(request: HttpRequest, pk: int) -> Complaint:
    complaint = _visible(request).filter(pk=pk).first()
    if complaint is None:
        raise Http404("没有找到该投诉，或无权查看")
    return complaint


def _orgs() -> Any:
    return Organisation.objects.filter(is_active=True).order_by("kind", "code")


@staff_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = _visible(request)
    if status in ComplaintStatus.values:
        qs = qs.filter(status=status)
    form = None
    if _office(request):
        form = ComplaintForm(request.POST or None, organisations=_orgs())
        if request.method == "POST" and form.is_valid():
            try:
                complaint = svc.complaint_register(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, f"已登记投诉，编号 {complaint.number}")
                return redirect("manage:complaint", pk=complaint.pk)
    elif request.method == "POST":
        raise PermissionDenied("公开投诉由政务公开办登记")
    page, query = paginate(request, qs, 30)
    return render(
        request,
        "supervision/manage/complaints.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": ComplaintStatus.choices,
            "form": form,
            **CONTEXT,
        },
    )


@staff_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _get(request, pk)
    office = _office(request)
    may_answer = office or can_edit_org(request.user, complaint.handler_id)
    actions = [
        a
        for a in ComplaintAction.values
        if complaint.can(a) and (office if a != ComplaintAction.ANSWER else may_answer)
    ]
    return render(
        request,
        "supervision/manage/complaint.html",
        {
            "c": complaint,
            "phone": mask_phone(complaint.phone),
            "email": mask_email(complaint.email),
            "events": complaint.events.select_related("actor"),
            "actions": actions,
            "forms": {
                ComplaintAction.DISPATCH: ComplaintDispatchForm(
                    organisations=_orgs(), initial={"organisation": complaint.handler_id}
                ),
                ComplaintAction.ANSWER: ComplaintAnswerForm(),
                ComplaintAction.CLOSE: ComplaintCloseForm(),
                ComplaintAction.REJECT: ComplaintRejectForm(),
            },
            **CONTEXT,
        },
    )


def _step(
    form_class: type[forms.Form], run: Callable[[Any, Complaint, dict[str, Any]], Any], done: str
) -> Callable[..., HttpResponse]:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        complaint = _get(request, pk)
        kwargs = {"organisations": _orgs()} if form_class is ComplaintDispatchForm else {}
        form = form_class(request.POST, **kwargs)
        run_step(request, form, lambda data: run(request.user, complaint, data), done)
        return redirect("manage:complaint", pk=pk)

    return view


complaint_dispatch = _step(
    ComplaintDispatchForm,
    lambda u, c, d: svc.complaint_dispatch(actor=u, complaint=c, **d),
    "已分办",
)
complaint_answer = _step(
    ComplaintAnswerForm,
    lambda u, c, d: svc.complaint_answer(actor=u, complaint=c, **d),
    "已答复",
)
complaint_close = _step(
    ComplaintCloseForm,
    lambda u, c, d: svc.complaint_close(actor=u, complaint=c, **d),
    "已办结",
)
complaint_reject = _step(
    ComplaintRejectForm,
    lambda u, c, d: svc.complaint_reject(actor=u, complaint=c, **d),
    "已不予受理",
)
