"""依申请公开 back office: register, confirm, 补正, extend, consult, fees, decide (docs/foi.md)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind, User, UserKind
from gongkai.accounts.permissions import orgs_visible_to
from gongkai.core.deadlines import remaining_text
from gongkai.core.views_util import add_service_errors, staff_required
from gongkai.core.workdays import HolidayCalendar
from gongkai.foi import services
from gongkai.foi.forms import DecisionForm, OfflineForm
from gongkai.foi.law import OUTCOME_BY_CODE
from gongkai.foi.models import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    Application,
    Consultation,
    DocKind,
    ReplyDocument,
    Status,
)


def _apps(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Application.objects.filter(
        organisation__in=orgs_visible_to(request.user)
    ).select_related("organisation", "handler")


def _app(request: HttpRequest, pk: int) -> Application:
    app = _apps(request).filter(pk=pk).first()
    if app is None:
        raise Http404("没有找到该申请，或您无权查看")
    return app


def _date(value: str | None, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{label}格式不正确，应为 YYYY-MM-DD") from exc


def _date_or_today(value: str | None, label: str) -> dt.date | None:
    """An optional step date: empty means today (the service checks it against the case)."""
    return _date(value, label) if value else None


def _int(value: str | None, label: str) -> int:
    try:
        return int(value or "")
    except ValueError as exc:
        raise ValidationError(f"{label}应为整数") from exc


@staff_required
def app_list(request: HttpRequest) -> HttpResponse:
    apps = _apps(request)
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
    if request.method == "POST":
        action, p, user = request.POST.get("action", ""), request.POST, request.user
        try:
            on = _date_or_today(p.get("on"), "日期")
            if action == "confirm":
                services.application_confirm(actor=user, app=app, on=on)
            elif action == "correction":
                services.correction_request(
                    actor=user,
                    app=app,
                    items=p.get("items", ""),
                    deadline=_date(p.get("deadline"), "补正期限"),
                    on=on,
                )
            elif action == "corrected":
                services.correction_submit(app=app, text=p.get("text", ""), actor=user, on=on)
            elif action == "extend":
                services.extension_approve(
                    actor=user,
                    app=app,
                    days=_int(p.get("days"), "延长工作日"),
                    reason=p.get("reason", ""),
                    on=on,
                )
            elif action == "consult":
                services.consultation_start(
                    actor=user,
                    app=app,
                    kind=p.get("kind", "third_party"),
                    party=p.get("party", ""),
                    sent_on=_date_or_today(p.get("sent_on"), "送达日期"),
                )
            elif action == "consulted":
                consultation = app.consultations.get(pk=_int(p.get("consultation"), "征求意见"))
                answered = p.get("answered_on")
                agrees = {"yes": True, "no": False}.get(p.get("agrees", ""))
                services.consultation_answer(
                    actor=user,
                    consultation=consultation,
                    agrees=agrees,
                    answered_on=_date(answered, "收到意见日期") if answered else None,
                    reasons=p.get("reasons", ""),
                )
            elif action == "fee":
                services.fee_notice(
                    actor=user,
                    app=app,
                    basis=p.get("basis", ""),
                    quantity=_int(p.get("quantity"), "件数/页数"),
                    on=on,
                )
            elif action == "paid":
                services.fee_paid(actor=user, app=app, on=on)
            elif action == "transfer":
                target = Organisation.objects.filter(pk=p.get("to") or 0, is_active=True).first()
                if target is None:
                    raise ValidationError("请选择转办机关")
                services.application_transfer(
                    actor=user, app=app, to=target, reason=p.get("reason", "")
                )
                messages.success(request, f"已转由{target.name}办理")
                return redirect("manage:foi_apps")
            elif action == "assign":
                handler = User.objects.filter(pk=p.get("handler") or 0).first()
                if handler is None:
                    raise ValidationError("请选择承办人")
                services.application_assign(actor=user, app=app, handler=handler)
            elif action == "document":
                from gongkai.foi.documents import reply_document_generate

                extra = {
                    "延期理由": p.get("reason", ""),
                    "第三方": p.get("party", ""),
                    "补正事项": p.get("items", ""),
                }
                reply_document_generate(
                    actor=user,
                    app=app,
                    kind=p.get("kind", ""),
                    extra={k: v for k, v in extra.items() if v},
                )
            elif action == "serve":
                from gongkai.foi.documents import reply_document_serve

                document = app.documents.get(pk=_int(p.get("document"), "文书"))
                reply_document_serve(
                    actor=user,
                    document=document,
                    method=p.get("method", ""),
                    on=_date(p.get("on"), "送达日期"),
                    receipt=p.get("receipt", ""),
                )
            elif action == "challenge":
                decided = p.get("decided_on")
                services.challenge_record(
                    actor=user,
                    app=app,
                    kind=p.get("kind", ""),
                    result=p.get("result", "pending"),
                    filed_on=_date(p.get("filed_on"), "提起日期"),
                    decided_on=_date(decided, "审结日期") if decided else None,
                    note=p.get("note", ""),
                )
            elif action == "proactive":
                pub = services.application_to_proactive(actor=user, app=app)
                messages.success(request, "已生成主动公开草稿，请补充后提交审核")
                return redirect("manage:publication", pk=pub.pk)
            elif action == "excessive_ask":
                services.excessive_ask_reasons(
                    actor=user, app=app, reply_by=_date(p.get("reply_by"), "说明期限"), on=on
                )
            elif action == "excessive_period":
                services.excessive_set_period(
                    actor=user,
                    app=app,
                    due=_date(p.get("due"), "合理期限"),
                    reason=p.get("reason", ""),
                    on=on,
                )
            elif action == "secrecy":
                services.secrecy_review(actor=user, app=app)
            elif action == "decide":
                form = DecisionForm(p)
                if not form.is_valid():
                    raise ValidationError([e for errs in form.errors.values() for e in errs])
                services.application_decide(actor=user, app=app, **form.cleaned_data)
            messages.success(request, "已办理")
        except (
            ValidationError,
            ValueError,
            Consultation.DoesNotExist,
            ReplyDocument.DoesNotExist,
        ) as exc:
            for message in getattr(exc, "messages", ["输入不正确"]):
                messages.error(request, message)
        return redirect("manage:foi_app", pk=app.pk)
    from gongkai.foi.reports import similar_applications

    return render(
        request,
        "foi/manage/detail.html",
        {
            "app": app,
            "similar": similar_applications(app),
            "documents": app.documents.all(),
            "challenges": app.challenges.all(),
            "doc_kinds": DocKind.choices,
            "staff": User.objects.filter(
                organisation=app.organisation, kind=UserKind.STAFF, is_active=True
            ),
            "organisations": Organisation.objects.filter(is_active=True)
            .exclude(kind=OrgKind.VILLAGE)
            .exclude(pk=app.organisation_id),
            "events": app.events.all(),
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
def statistics(request: HttpRequest) -> HttpResponse:
    from gongkai.foi.reports import foi_statistics, statistics_xlsx

    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        start, end = dt.date(today.year, 1, 1), today
        messages.error(request, "日期格式不正确，已显示本年度数据")
    stats = foi_statistics(_apps(request), start, end)
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

    document = ReplyDocument.objects.filter(pk=pk, application__in=_apps(request)).first()
    if document is None or fmt not in ("docx", "pdf"):
        raise Http404("没有找到该文书，或您无权查看")
    field = document.docx if fmt == "docx" else document.pdf
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{document.number}.{fmt}")


__all__ = ["Status", "app_detail", "app_list", "app_register", "document_file", "statistics"]
