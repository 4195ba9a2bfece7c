"""在线监督 pages (docs/supervision.md#obligations): the compliance scan of the user's
organisations, the 政务公开办's monitoring rule, each person's 预警/告警, and the
公开过程完整还原 timelines for staff and the public. Thin: each calls one service or read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.core.views_util import (
    add_service_errors,
    flash_form_errors,
    paginate,
    staff_required,
)
from gongkai.opendata.selectors import usage_by_organisation
from gongkai.supervision import alerts, obligations, timeline
from gongkai.supervision.forms import MonitorRuleForm
from gongkai.supervision.models import ItemPeriod, MonitorRule

STAFF = {"column_name": "在线监督", "column_type": "工作台"}
PUBLIC = {"column_name": "公开过程", "column_type": "政府信息公开"}


def _is_office(request: HttpRequest) -> bool:
    return is_office(request.user) or is_sysadmin(request.user)


@staff_required
def monitor(request: HttpRequest) -> HttpResponse:
    orgs = list(orgs_visible_to(request.user).order_by("kind", "code"))
    scan = obligations.compliance_scan(organisation_ids=[o.pk for o in orgs])
    rows = [
        {"organisation": o, "counts": scan["by_organisation"][o.pk]}
        for o in orgs
        if o.pk in scan["by_organisation"]
    ]
    return render(
        request,
        "supervision/manage/monitor.html",
        {
            "scan": scan,
            "rows": rows,
            "office": _is_office(request),
            "rule": obligations.monitor_rule_in_force(scan["today"]),
            "rules": MonitorRule.objects.all()[:10],
            "form": MonitorRuleForm(),
            "data_usage": usage_by_organisation(organisation_ids=[o.pk for o in orgs]),
            **STAFF,
        },
    )


@staff_required
@require_POST
def monitor_start(request: HttpRequest) -> HttpResponse:
    from gongkai.supervision.tasks import monitoring_now

    if not _is_office(request):
        raise PermissionDenied("立即检查由政务公开办发起")
    try:
        monitoring_now.enqueue()
        flash.success(request, "已开始检查，完成后刷新本页查看结果")
    except Exception:  # the queue is down: the nightly run still comes
        flash.error(request, "后台任务暂时不可用，请稍后再试；每日1:30的定时检查不受影响")
    return redirect("manage:monitor")


@staff_required
@require_POST
def monitor_rule_add(request: HttpRequest) -> HttpResponse:
    form = MonitorRuleForm(request.POST)
    if form.is_valid():
        try:
            obligations.monitor_rule_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flash.success(request, "已保存在线监督规则，自生效日期起适用")
            return redirect("manage:monitor")
    flash_form_errors(request, form)
    return redirect("manage:monitor")


@staff_required
def alerts_page(request: HttpRequest) -> HttpResponse:
    qs = alerts.alerts_of(request.user)
    show = request.GET.get("show", "open")
    if show != "all":
        qs = qs.filter(acknowledged_at__isnull=True)
    page, query = paginate(request, qs, 50)
    return render(
        request,
        "supervision/manage/alerts.html",
        {"page": page, "query": query, "show": show, **STAFF, "column_name": "监督提醒"},
    )


@staff_required
@require_POST
def alerts_ack(request: HttpRequest) -> HttpResponse:
    raw = request.POST.getlist("alert")
    try:
        ids = None if request.POST.get("all") else [int(x) for x in raw][:500]
    except ValueError:
        ids = []
    n = alerts.alerts_acknowledge(actor=request.user, alert_ids=ids)
    flash.success(request, f"已确认{n}条提醒")
    return redirect("manage:alerts")


@staff_required
def obligation_period(request: HttpRequest, pk: int) -> HttpResponse:
    """A periodic obligation's page is its item's timeline (where each period is shown)."""
    period = get_object_or_404(ItemPeriod, pk=pk, organisation__in=orgs_visible_to(request.user))
    return redirect("manage:timeline", kind="item", pk=period.item_id)


def _staff_subject(request: HttpRequest, kind: str, pk: int) -> tuple[Any, list, str]:
    if kind == "publication":
        from gongkai.publishing.selectors import publication_for_staff

        pub = publication_for_staff(user=request.user, pk=pk)
        return pub, timeline.publication_timeline(pub, public=False), pub.title
    if kind == "item":
        from gongkai.catalog.selectors import catalog_item_for_staff

        item = catalog_item_for_staff(user=request.user, pk=pk)
        return item, timeline.item_timeline(item, public=False), str(item)
    if kind == "application":
        from gongkai.foi.selectors import application_for_staff

        app = application_for_staff(request.user, pk)
        if app is None:
            raise Http404("没有找到该申请，或无权查看")
        return app, timeline.application_timeline(app), f"依申请公开 {app}"
    if kind == "message":
        from gongkai.interaction.selectors import messages_for_staff

        msg = messages_for_staff(user=request.user).filter(pk=pk).first()
        if msg is None:
            raise Http404("没有找到该留言，或无权查看")
        return msg, timeline.message_timeline(msg, public=False), str(msg)
    if kind == "complaint":
        from gongkai.supervision.views_complaints import _get

        complaint = _get(request, pk)
        return complaint, timeline.complaint_timeline(complaint), f"公开投诉 {complaint}"
    raise Http404("没有这类事项")


@staff_required
def timeline_staff(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    subject, steps, title = _staff_subject(request, kind, pk)
    return render(
        request,
        "supervision/timeline.html",
        {"subject": subject, "steps": steps, "title": title, "staff": True, **STAFF},
    )


def timeline_publication(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.publishing.selectors import publication_public_get

    pub = publication_public_get(pk=pk)
    return render(
        request,
        "supervision/timeline.html",
        {
            "subject": pub,
            "steps": timeline.publication_timeline(pub, public=True),
            "title": pub.title,
            **PUBLIC,
        },
    )


def timeline_item(request: HttpRequest, code: str) -> HttpResponse:
    from gongkai.catalog.selectors import catalog_item_public_get

    item = catalog_item_public_get(code=code)
    return render(
        request,
        "supervision/timeline.html",
        {
            "subject": item,
            "steps": timeline.item_timeline(item, public=True),
            "title": str(item),
            **PUBLIC,
        },
    )


def timeline_message(request: HttpRequest, number: str) -> HttpResponse:
    from gongkai.interaction.selectors import message_public_get

    msg = message_public_get(number=number[:20])
    if msg is None:
        raise Http404("没有找到该留言，或留言人未同意公开")
    return render(
        request,
        "supervision/timeline.html",
        {
            "subject": msg,
            "steps": timeline.message_timeline(msg, public=True),
            "title": f"留言 {msg.number}",
            **PUBLIC,
        },
    )
