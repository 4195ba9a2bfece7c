"""Public law-clock calculator, and staff pages for the audit log and the holiday table."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.core.forms import AuditFilterForm, HolidayYearForm, WorkdayForm
from gongkai.core.holidays import holiday_year_save
from gongkai.core.models import AuditEvent, HolidayYear
from gongkai.core.views_util import add_service_errors, paginate, staff_required


def workday_calculator(request: HttpRequest) -> HttpResponse:
    form = WorkdayForm(request.GET or None)
    result = form.is_valid() and form.cleaned_data["result"]
    return render(
        request,
        "core/workdays.html",
        {
            "form": form,
            "result": result or None,
            "column_name": "工作日计算器",
            "column_type": "便民服务",
        },
    )


def _audit_events_for(request: HttpRequest) -> QuerySet[AuditEvent]:
    user = request.user
    if is_sysadmin(user):
        return AuditEvent.objects.all()
    if is_office(user):
        return AuditEvent.objects.filter(organisation__in=orgs_visible_to(user))
    raise PermissionDenied("只有政务公开办和系统管理员可以查看审计日志")


def _filtered_audit(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    form = AuditFilterForm(request.GET or None)
    events = _audit_events_for(request)
    if form.is_valid():
        cd = form.cleaned_data
        if cd["object_type"]:
            events = events.filter(object_type=cd["object_type"])
        if cd["object_id"]:
            events = events.filter(object_id=cd["object_id"])
        if cd["action"]:
            events = events.filter(
                Q(action=cd["action"]) | Q(action__startswith=cd["action"] + ".")
            )
        if cd["date_from"]:
            events = events.filter(at__date__gte=cd["date_from"])
        if cd["date_to"]:
            events = events.filter(at__date__lte=cd["date_to"])
    return form, events


@staff_required
def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_audit(request)
    page, query = paginate(request, events, 50)
    return render(
        request,
        "core/audit.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "column_name": "审计日志",
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    _form, events = _filtered_audit(request)
    writer = csv.writer(_Echo())
    header = [
        "时间（北京时间）",
        "操作人",
        "机构",
        "操作",
        "操作代码",
        "对象类型",
        "对象编号",
        "对象",
        "变更",
        "IP",
        "说明",
    ]

    def rows():  # type: ignore[no-untyped-def]
        yield "\ufeff" + writer.writerow(header)
        for e in events.select_related("organisation").order_by("at", "id").iterator():
            yield writer.writerow(
                [
                    timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                    e.actor_label,
                    e.organisation.name if e.organisation else "",
                    e.action_label,
                    e.action,
                    e.object_type_label,
                    e.object_id,
                    e.object_repr,
                    "；".join(f"{c.field}：{c.old} → {c.new}" for c in e.changes),
                    e.ip or "",
                    e.note,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@staff_required
def holiday_list(request: HttpRequest) -> HttpResponse:
    if not is_sysadmin(request.user):
        raise PermissionDenied("只有系统管理员可以维护节假日")
    return render(
        request,
        "core/holidays.html",
        {
            "years": HolidayYear.objects.all(),
            "column_name": "节假日维护",
        },
    )


@staff_required
def holiday_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    if not is_sysadmin(request.user):
        raise PermissionDenied("只有系统管理员可以维护节假日")
    existing = HolidayYear.objects.filter(year=year).first() if year else None
    initial = {}
    if existing:
        initial = {
            "year": existing.year,
            "source_notice": existing.source_notice,
            "source_url": existing.source_url,
            "published_on": existing.published_on,
            "days_text": "\n".join(
                f"{d.date} {'上班' if d.kind == 'makeup' else '放假'} {d.name}"
                for d in existing.days.all()
            ),
        }
    form = HolidayYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hy = holiday_year_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:  # line-by-line problems of the schedule text
                form.add_error("days_text", exc.messages)
        else:
            messages.success(request, f"{hy.year}年节假日安排已保存，相关办理时限将在后台重新计算")
            return redirect("manage:holidays")
    return render(
        request,
        "core/holiday_form.html",
        {
            "form": form,
            "existing": existing,
            "column_name": "节假日维护",
        },
    )
