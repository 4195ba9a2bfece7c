"""Public pages of 意见征集 (docs/interaction.md#consultations): the list, one draft with its
paragraphs and comments, the comment form, and the 意见采纳情况 report. Thin over services."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.core.ratelimit import counter_add, rate_limited
from gongkai.core.views_util import add_service_errors, paginate
from gongkai.interaction.consult_rules import MINIMUM_PERIOD, ConsultStatus, Disposition
from gongkai.interaction.consultations import comment_submit, consultation_counts
from gongkai.interaction.forms_consult import CommentForm
from gongkai.interaction.models import Consultation
from gongkai.interaction.selectors import (
    comments_in_report,
    comments_public,
    consultation_public_get,
    consultations_public,
)
from gongkai.interaction.verification import contact_verified, needs_code

CONTEXT = {"column_name": "意见征集", "column_type": "互动交流"}
COMMENTS_PER_DAY = 20  # per phone


def consultation_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, consultations_public(), 20)
    return render(
        request, "interaction/consult_list.html", {"page": page, "query": query, **CONTEXT}
    )


def _get(pk: int) -> Consultation:
    c = consultation_public_get(pk=pk)
    if c is None:
        raise Http404("该意见征集不存在或尚未发布")
    return c


def _detail_page(request: HttpRequest, c: Consultation, form: CommentForm | None) -> HttpResponse:
    by_paragraph: dict[int | None, list] = defaultdict(list)
    for comment in comments_public(c):
        by_paragraph[comment.paragraph.number if comment.paragraph else None].append(comment)
    paragraphs = [(p, by_paragraph.get(p.number, [])) for p in c.paragraphs.all()]
    return render(
        request,
        "interaction/consult_detail.html",
        {
            "c": c,
            "paragraphs": paragraphs,
            "overall": by_paragraph.get(None, []),
            "form": form,
            "needs_code": needs_code(request),
            "minimum": MINIMUM_PERIOD.get(c.decision_kind),
            **CONTEXT,
        },
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(pk)
    form = CommentForm(consultation=c) if c.is_open else None
    if form is not None and not needs_code(request):
        del form.fields["code"], form.fields["phone"]
    return _detail_page(request, c, form)


def consultation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(pk)
    if request.method != "POST" or not c.is_open:
        return redirect("interaction:consultation", pk=pk)
    form = CommentForm(request.POST, consultation=c)
    if not needs_code(request):
        del form.fields["code"], form.fields["phone"]
    if not form.is_valid():
        return _detail_page(request, c, form)
    data = form.cleaned_data
    phone = data.get("phone", "")
    if needs_code(request) and not phone:
        form.add_error("phone", "请填写手机号码并获取验证码")
        return _detail_page(request, c, form)
    if not contact_verified(request, form, purpose="zj", contact=phone, what="提交意见"):
        return _detail_page(request, c, form)
    if rate_limited(request, key="zj-comment", limit=30, window_seconds=3600):
        form.add_error(None, "提交过于频繁，请1小时后再试")
        return _detail_page(request, c, form)
    who = phone or str(request.user.pk)
    if counter_add("zj-contact", who, window_seconds=24 * 3600) > COMMENTS_PER_DAY:
        form.add_error(None, f"同一手机号码每日最多提交{COMMENTS_PER_DAY}条意见，请明日再试")
        return _detail_page(request, c, form)
    try:
        comment_submit(consultation=c, data=data, user=request.user)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _detail_page(request, c, form)
    flash.success(request, "意见已提交，审核后显示。感谢您的参与！")
    return redirect("interaction:consultation", pk=pk)


def consultation_report(request: HttpRequest, pk: int) -> HttpResponse:
    c = _get(pk)
    if c.status != ConsultStatus.REPORTED:
        raise Http404("意见采纳情况尚未发布")
    return render(
        request,
        "interaction/consult_report.html",
        {
            "c": c,
            "counts": consultation_counts(c),
            "comments": comments_in_report(c),
            "Disposition": Disposition,
            **CONTEXT,
        },
    )
