"""Staff pages of 意见征集 under /manage/consultations/ (docs/interaction.md#consultations):
list, create and edit a draft, the consultation with its comments, and one endpoint per
action. Thin over interaction/consultations.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import can_review_org
from gongkai.core.views_util import add_service_errors, paginate, run_step, staff_required
from gongkai.interaction import consultations as svc
from gongkai.interaction.consult_rules import ConsultAction, ConsultStatus, earliest_end
from gongkai.interaction.forms_consult import (
    ConsultationForm,
    DisposeForm,
    LinkFinalForm,
    ModerateForm,
    ReportForm,
)
from gongkai.interaction.models import Comment, Consultation
from gongkai.interaction.selectors import consultations_for_staff

CONTEXT = {"column_name": "意见征集办理", "column_type": "工作台"}


def _get(request: HttpRequest, pk: int) -> Consultation:
    c = consultations_for_staff(user=request.user).filter(pk=pk).first()
    if c is None:
        raise Http404("没有找到该意见征集，或无权查看")
    return c


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, consultations_for_staff(user=request.user), 30)
    return render(
        request, "interaction/manage/consult_list.html", {"page": page, "query": query, **CONTEXT}
    )


def _edit(request: HttpRequest, c: Consultation | None) -> HttpResponse:
    form = ConsultationForm(request.POST or None, instance=c)
    if request.method == "POST" and form.is_valid():
        try:
            saved = svc.consultation_save(
                actor=request.user, data=form.cleaned_data, consultation=c
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(request, "已保存")
            return redirect("manage:consultation", pk=saved.pk)
    return render(
        request, "interaction/manage/consult_form.html", {"form": form, "c": c, **CONTEXT}
    )


@staff_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@staff_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(request, pk)
    if c.status != ConsultStatus.DRAFT:
        flash.error(request, "已发布的意见征集不能修改")
        return redirect("manage:consultation", pk=pk)
    return _edit(request, c)


@staff_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(request, pk)
    return render(
        request,
        "interaction/manage/consult_detail.html",
        {
            "c": c,
            "comments": c.comments.select_related("paragraph"),
            "counts": svc.consultation_counts(c),
            "earliest": earliest_end(c.decision_kind, c.starts_on),
            "actions": [a for a in ConsultAction if c.can(a)],
            "can_review": can_review_org(request.user, c.organisation_id),
            "moderate_form": ModerateForm(),
            "dispose_form": DisposeForm(),
            "report_form": ReportForm(),
            "link_form": LinkFinalForm(),
            "Status": ConsultStatus,
            **CONTEXT,
        },
    )


def _step(form_class: type[forms.Form] | None, run: Callable[..., Any], done: str) -> Any:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        c = _get(request, pk)
        form = form_class(request.POST) if form_class else None
        run_step(request, form, lambda data: run(request.user, c, data), done)
        return redirect("manage:consultation", pk=pk)

    return view


def _link(user: Any, c: Consultation, d: dict[str, Any]) -> Any:
    from gongkai.publishing.models import Publication

    pub = Publication.objects.filter(pk=d["publication"]).first()
    return svc.consultation_link_final(actor=user, consultation=c, publication=pub)


consultation_publish = _step(
    None, lambda u, c, d: svc.consultation_publish(actor=u, consultation=c), "已发布"
)
consultation_close = _step(
    None, lambda u, c, d: svc.consultation_close(actor=u, consultation=c), "征集已结束"
)
consultation_report = _step(
    ReportForm,
    lambda u, c, d: svc.consultation_report(actor=u, consultation=c, summary=d["summary"]),
    "意见采纳情况已发布",
)
consultation_link = _step(LinkFinalForm, _link, "已关联正式文件")


def _comment_step(form_class: type[forms.Form], run: Callable[..., Any]) -> Any:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
        c = _get(request, pk)
        comment = Comment.objects.filter(consultation=c, pk=comment_pk).first()
        if comment is None:
            raise Http404("没有找到该意见")
        form = form_class(request.POST)
        run_step(request, form, lambda data: run(request.user, comment, data), "已保存")
        return redirect(f"{reverse('manage:consultation', args=[c.pk])}#comment-{comment.pk}")

    return view


comment_moderate = _comment_step(
    ModerateForm, lambda u, cm, d: svc.comment_moderate(actor=u, comment=cm, **d)
)
comment_dispose = _comment_step(
    DisposeForm, lambda u, cm, d: svc.comment_dispose(actor=u, comment=cm, **d)
)
