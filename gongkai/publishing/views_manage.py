"""信息发布 back office: drafts, 先审后发, 三同步, revisions, withdrawal (docs/publishing.md)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.permissions import can_review_org
from gongkai.core.links import STAFF, subject_links
from gongkai.core.models import AuditEvent
from gongkai.core.views_util import add_service_errors, paginate, staff_required
from gongkai.core.workdays import HolidayCalendar, working_days_between
from gongkai.publishing.choices import PubStatus
from gongkai.publishing.forms import PublicationForm, ReasonForm, ReviewForm, ReviseForm
from gongkai.publishing.selectors import publication_for_staff, publications_for_staff
from gongkai.publishing.services import (
    publication_create,
    publication_exempt_interpretation,
    publication_review,
    publication_revise,
    publication_submit,
    publication_update,
    publication_withdraw,
)

DUE_SOON_WORKING_DAYS = 3


def deadline_flag(due: dt.date | None, today: dt.date, calendar: HolidayCalendar) -> str:
    """即将到期 (≤3 working days left) / 已超期 for unpublished items."""
    if due is None:
        return ""
    left = working_days_between(today, due, calendar=calendar)
    if left < 0:
        return f"已超期{-left}个工作日"
    if left <= DUE_SOON_WORKING_DAYS:
        return f"即将到期（剩余{left}个工作日）"
    return ""


@staff_required
def pub_list(request: HttpRequest) -> HttpResponse:
    pubs = publications_for_staff(user=request.user)
    status = request.GET.get("status", "")
    if status in PubStatus.values:
        pubs = pubs.filter(status=status)
    unpublished = request.GET.get("open") == "1"
    if unpublished:
        pubs = pubs.exclude(status__in=[PubStatus.PUBLISHED, PubStatus.WITHDRAWN])
    pubs = pubs.order_by("due_date", "-id") if unpublished else pubs.order_by("-updated_at")
    page, query = paginate(request, pubs, 50)
    today, calendar = timezone.localdate(), HolidayCalendar()
    for pub in page:
        pub.flag = (
            ""
            if pub.status in (PubStatus.PUBLISHED, PubStatus.WITHDRAWN)
            else deadline_flag(pub.due_date, today, calendar)
        )
    return render(
        request,
        "publishing/manage/list.html",
        {
            "page": page,
            "status": status,
            "statuses": PubStatus.choices,
            "open": unpublished,
            "query": query,
            "column_name": "信息发布",
        },
    )


@staff_required
def pub_create(request: HttpRequest) -> HttpResponse:
    initial = {"formed_on": timezone.localdate(), "organisation": request.user.organisation}
    if request.GET.get("interprets", "").isdigit():
        policy = publication_for_staff(user=request.user, pk=int(request.GET["interprets"]))
        initial.update(
            interprets=policy,
            genre="interpretation",
            interpretation_kind="text",
            organisation=policy.organisation,
            title=f"《{policy.title}》政策解读",
        )
    form = PublicationForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data, files = form.to_data()
        try:
            pub = publication_create(actor=request.user, data=data, files=files)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已保存草稿")
            return redirect("manage:publication", pk=pub.pk)
    return render(
        request,
        "publishing/manage/form.html",
        {"form": form, "title": "新建信息", "column_name": "信息发布"},
    )


@staff_required
def pub_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pub = publication_for_staff(user=request.user, pk=pk)
    form = PublicationForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial=PublicationForm.initial_for(pub),
    )
    if request.method == "POST" and form.is_valid():
        data, files = form.to_data()
        try:
            publication_update(actor=request.user, pub=pub, data=data, files=files)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "草稿已保存")
            return redirect("manage:publication", pk=pub.pk)
    return render(
        request,
        "publishing/manage/form.html",
        {"form": form, "pub": pub, "title": f"编辑：{pub.title}", "column_name": "信息发布"},
    )


@staff_required
def pub_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pub = publication_for_staff(user=request.user, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                publication_submit(actor=request.user, pub=pub)
                messages.success(request, "已提交审核")
            elif action == "review":
                form = ReviewForm(request.POST)
                if form.is_valid():
                    publication_review(
                        actor=request.user,
                        pub=pub,
                        approve=form.cleaned_data["decision"] == "approve",
                        comment=form.cleaned_data["comment"],
                    )
                    messages.success(request, "审核意见已提交")
                else:
                    messages.error(request, "请选择审核结果")
            elif action in ("exempt", "withdraw"):
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    messages.error(request, "请填写理由")
                elif action == "exempt":
                    publication_exempt_interpretation(
                        actor=request.user, pub=pub, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, "已记录免于同步解读的理由")
                else:
                    publication_withdraw(
                        actor=request.user, pub=pub, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, "已撤回")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("manage:publication", pk=pub.pk)
    history = AuditEvent.objects.filter(object_type="publishing.publication", object_id=str(pub.pk))
    pub.refresh_from_db()
    return render(
        request,
        "publishing/manage/detail.html",
        {
            "pub": pub,
            "actions": pub.allowed_actions(),
            "reviews": pub.reviews.select_related("reviewer"),
            "revisions": pub.revisions.all(),
            "interpretations": pub.interpretations.all(),
            "attachments": pub.attachments.all(),
            "history": history.order_by("at", "id"),
            "can_review": can_review_org(request.user, pub.organisation_id),
            "subject_links": subject_links(pub, audience=STAFF, user=request.user),
            "review_form": ReviewForm(),
            "reason_form": ReasonForm(),
            "flag": deadline_flag(pub.due_date, timezone.localdate(), HolidayCalendar()),
            "column_name": "信息发布",
        },
    )


@staff_required
def pub_revise(request: HttpRequest, pk: int) -> HttpResponse:
    pub = publication_for_staff(user=request.user, pk=pk)
    initial = {
        f: getattr(pub, f)
        for f in ("title", "doc_number", "validity", "invalid_on", "keywords", "body")
    }
    form = ReviseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            publication_revise(actor=request.user, pub=pub, data=data, note=note)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "修订已发布")
            return redirect("manage:publication", pk=pub.pk)
    return render(
        request,
        "publishing/manage/form.html",
        {"form": form, "pub": pub, "title": f"修订：{pub.title}", "column_name": "信息发布"},
    )
