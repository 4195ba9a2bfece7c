"""第三方评估 / 社会评议 pages (docs/supervision.md#evaluation): the 政务公开办's rounds with
their evaluators and results, and the evaluator's own page behind their one-time link."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import add_service_errors, staff_required
from gongkai.supervision import evaluation as svc
from gongkai.supervision.evaluation_rules import RoundStatus
from gongkai.supervision.forms import EvaluationForm, EvaluationRoundForm, EvaluatorForm
from gongkai.supervision.models import EvaluationRound

CONTEXT = {"column_name": "第三方评估和社会评议", "column_type": "工作台"}


def _office_only(request: HttpRequest) -> None:
    if not (is_office(request.user) or is_sysadmin(request.user)):
        raise PermissionDenied("评估评议由政务公开办组织")


@staff_required
def round_list(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = EvaluationRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = svc.round_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flash.success(request, "已建立评议，请邀请评议人")
            return redirect("manage:evaluation", pk=rnd.pk)
    return render(
        request,
        "supervision/manage/evaluations.html",
        {"rounds": EvaluationRound.objects.all()[:100], "form": form, **CONTEXT},
    )


@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    rnd = get_object_or_404(EvaluationRound, pk=pk)
    form = EvaluatorForm(request.POST or None)
    link = ""
    if request.method == "POST" and form.is_valid():
        try:
            _evaluator, token = svc.evaluator_invite(
                actor=request.user, rnd=rnd, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # shown once: only the hash is kept
            link = request.build_absolute_uri(reverse("supervision:evaluate", args=[token]))
            form = EvaluatorForm()
    return render(
        request,
        "supervision/manage/evaluation.html",
        {
            "rnd": rnd,
            "form": form,
            "link": link,
            "evaluators": rnd.evaluators.all(),
            "results": svc.round_results(rnd),
            "next_status": {
                RoundStatus.DRAFT: RoundStatus.OPEN,
                RoundStatus.OPEN: RoundStatus.CLOSED,
            }.get(rnd.status),
            "RoundStatus": RoundStatus,
            **CONTEXT,
        },
    )


@staff_required
@require_POST
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    rnd = get_object_or_404(EvaluationRound, pk=pk)
    try:
        svc.round_set_status(actor=request.user, rnd=rnd, status=request.POST.get("status", ""))
    except ValidationError as exc:
        flash.error(request, "；".join(exc.messages))
    else:
        flash.success(request, f"评议状态已改为“{rnd.get_status_display()}”")
    return redirect("manage:evaluation", pk=pk)


def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    """The evaluator's page: no account, the one-time link is the credential."""
    if request.method == "POST" and rate_limited(
        request, key="evaluate", limit=20, window_seconds=600
    ):
        return render(
            request,
            "accounts/too_many.html",
            {"message": "提交过于频繁，请10分钟后再试。"},
            status=429,
        )
    evaluator = svc.evaluator_by_token(token)
    if evaluator is None:
        raise Http404("评议链接无效，请联系政务公开办")
    rnd = evaluator.round
    orgs = list(svc.evaluated_organisations())
    form = EvaluationForm(request.POST or None, questions=rnd.questions, organisations=orgs)
    done = evaluator.submitted_at is not None
    if request.method == "POST" and not done and form.is_valid():
        try:
            svc.evaluation_submit(token=token, points=form.points())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
        else:
            flash.success(request, "评议已提交，感谢您的参与")
            return redirect("supervision:evaluate", token=token)
    return render(
        request,
        "supervision/evaluate.html",
        {
            "evaluator": evaluator,
            "rnd": rnd,
            "form": form,
            "done": done,
            "column_name": rnd.get_kind_display(),
            "column_type": "政务公开",
        },
    )
