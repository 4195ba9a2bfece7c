"""依申请公开 back office: register, confirm, 补正, extend, consult, fees, decide (docs/foi.md)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from rest_framework import serializers

from gongkai.accounts.models import Organisation, OrgKind, User, UserKind
from gongkai.core.deadlines import remaining_text
from gongkai.core.links import STAFF, subject_links
from gongkai.core.views_util import add_service_errors, staff_required
from gongkai.core.workdays import HolidayCalendar
from gongkai.foi import selectors, services
from gongkai.foi.actions import FIELD_LABELS, STEPS
from gongkai.foi.forms import DecisionForm, OfflineForm
from gongkai.foi.law import OUTCOME_BY_CODE
from gongkai.foi.models import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    Action,
    Application,
    DocKind,
    Status,
)


def _app(request: HttpRequest, pk: int) -> Application:
    app = selectors.application_for_staff(request.user, pk)
    if app is None:
        raise Http404("没有找到该申请，或您无权查看")
    return app


@staff_required
def app_list(request: HttpRequest) -> HttpResponse:
    apps = selectors.applications_for_staff(request.user)
    show = request.GET.get("show", "open")
    if show == "open":
        apps = apps.filter(status__in=OPEN_STATUSES).order_by("reply_due", "id")
    else:
        apps = apps.order_by("-created_at")
    apps = list(apps[:200])
    calendar = HolidayCalendar()  # one holiday lookup for the whole list
    for app in apps:  # reply_due is refreshed by core.deadlines on every change
        running = app.reply_due and app.status in CLOCK_RUNNING
        app.remaining = remaining_text(app.reply_due, calendar=calendar) if running else ""
    return render(
        request,
        "foi/manage/list.html",
        {"apps": apps, "show": show, "column_name": "依申请公开办理"},
    )


@staff_required
def app_register(request: HttpRequest) -> HttpResponse:
    form = OfflineForm(request.POST or None, initial={"submitted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        org, data = form.to_data()
        cd = form.cleaned_data
        try:
            app, code = services.application_submit(
                data=data,
                organisation=org,
                channel=cd["channel"],
                submitted_on=cd["submitted_on"],
                confirmed_on=cd["confirmed_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"已登记：受理编号 {app.receipt_no}，查询码 {code}（请告知申请人）"
            )
            return redirect("manage:foi_app", pk=app.pk)
    return render(
        request, "foi/manage/register.html", {"form": form, "column_name": "登记线下申请"}
    )


@staff_required
def app_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _app(request, pk)
    from gongkai.foi.reports import similar_applications

    return render(
        request,
        "foi/manage/detail.html",
        {
            "app": app,
            "similar": similar_applications(app),
            "documents": app.documents.all(),
            "files": app.files.all(),
            "challenges": app.challenges.all(),
            "doc_kinds": DocKind.choices,
            "staff": User.objects.filter(
                organisation=app.organisation, kind=UserKind.STAFF, is_active=True
            ),
            "organisations": Organisation.objects.filter(is_active=True)
            .exclude(kind=OrgKind.VILLAGE)
            .exclude(pk=app.organisation_id),
            "events": app.events.all(),
            "subject_links": subject_links(app, audience=STAFF, user=request.user),
            "consultations": app.consultations.all(),
            "outcome": OUTCOME_BY_CODE.get(app.outcome),
            "actions": app.allowed_actions(),
            "remaining": remaining_text(app.reply_due)
            if app.reply_due and app.status in CLOCK_RUNNING
            else "",
            "decision_form": DecisionForm(),
            "today": timezone.localdate(),
            "column_name": "依申请公开办理",
        },
    )


@staff_required
@require_POST
def app_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One staff step from the detail page's forms; the step's own input class validates it
    and calls its service (foi.actions, shared with the REST API)."""
    app = _app(request, pk)
    step_in = STEPS.get(step)
    if step_in is None:
        raise Http404("没有这项办理操作")
    data = request.POST.copy()
    data.update(request.FILES)
    form = step_in(data=data)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = FIELD_LABELS.get(name, "")
            for message in errors:
                messages.error(request, f"{label}：{message}" if label else str(message))
        return redirect("manage:foi_app", pk=app.pk)
    try:
        result = form.perform(actor=request.user, app=app)
    except (ValidationError, serializers.ValidationError) as exc:
        for message in _messages(exc):
            messages.error(request, message)
        return redirect("manage:foi_app", pk=app.pk)
    messages.success(request, form.success)
    if step == Action.TRANSFER:
        return redirect("manage:foi_apps")
    if step == Action.TO_PROACTIVE:
        return redirect("manage:publication", pk=result.pk)
    return redirect("manage:foi_app", pk=app.pk)


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, serializers.ValidationError):
        detail = exc.detail
        items = detail.values() if isinstance(detail, dict) else [detail]
        return [str(m) for value in items for m in (value if isinstance(value, list) else [value])]
    return list(getattr(exc, "messages", ["输入不正确"]))


@staff_required
def statistics(request: HttpRequest) -> HttpResponse:
    from gongkai.foi.reports import foi_statistics, statistics_xlsx

    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        start, end = dt.date(today.year, 1, 1), today
        messages.error(request, "日期格式不正确，已显示本年度数据")
    stats = foi_statistics(selectors.applications_for_staff(request.user), start, end)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            statistics_xlsx(stats, title="政府信息公开申请办理情况统计"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="foi-statistics.xlsx"'
        return response
    return render(
        request, "foi/manage/statistics.html", {"stats": stats, "column_name": "依申请公开统计"}
    )


@staff_required
def document_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from django.http import FileResponse

    from gongkai.foi.models import ReplyDocument

    document = ReplyDocument.objects.filter(
        pk=pk, application__in=selectors.applications_for_staff(request.user)
    ).first()
    if document is None or fmt not in ("docx", "pdf"):
        raise Http404("没有找到该文书，或您无权查看")
    field = document.docx if fmt == "docx" else document.pdf
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{document.number}.{fmt}")


@staff_required
def app_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """An applicant's attachment or a released file, for the application's handlers only."""
    from django.http import FileResponse

    stored = _app(request, pk).files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404("没有找到该文件")
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


__all__ = [
    "Status",
    "app_detail",
    "app_file",
    "app_list",
    "app_register",
    "app_step",
    "document_file",
    "statistics",
]
