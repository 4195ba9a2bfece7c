"""Public pages of 政民互动 (docs/interaction.md): write, receipt, track, rate, reopen, and the
public list of answered messages. Thin: each calls one service."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.core.links import PUBLIC, subject_links
from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import add_service_errors, paginate
from gongkai.interaction.choices import Action, EventKind, Kind
from gongkai.interaction.forms import MessageForm, RateForm, ReasonForm, SolvedForm, TrackForm
from gongkai.interaction.limits import submission_refused
from gongkai.interaction.models import Message
from gongkai.interaction.selectors import message_public_get, messages_public
from gongkai.interaction.services import (
    message_for_tracking,
    message_rate,
    message_reopen,
    message_submit,
)
from gongkai.interaction.verification import contact_verified, needs_code

SESSION_KEY = "hd_tracked"  # numbers this browser has proved it may see
# steps the writer sees (internal drafts and returns are the office's own business)
WRITER_EVENTS = {
    EventKind.SUBMITTED,
    EventKind.ACCEPTED,
    EventKind.REJECTED,
    EventKind.TRANSFERRED,
    EventKind.ANSWERED,
    EventKind.RATED,
    EventKind.REOPENED,
    EventKind.PETITION,
    EventKind.PETITION_ACK,
    EventKind.MERGED,
    EventKind.SOLVED,
}
CONTEXT = {"column_name": "政民互动", "column_type": "互动交流"}


def index(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:50]
    kind = request.GET.get("kind") or ""
    if kind not in Kind.values:
        kind = ""
    page, query = paginate(request, messages_public(q=q, kind=kind), 20)
    return render(
        request,
        "interaction/index.html",
        {"kinds": Kind.choices, "page": page, "query": query, "q": q, "kind": kind, **CONTEXT},
    )


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "accounts/too_many.html", {"message": message, **CONTEXT}, status=429)


def write(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in Kind.values:
        raise Http404("没有这种留言类型")
    about = (request.GET.get("about") or request.GET.get("case") or "")[:40]
    form = MessageForm(request.POST or None, request.FILES or None, initial={"about": about})
    if not needs_code(request):
        del form.fields["code"]
    if request.method == "POST" and form.is_valid():
        data = {**form.to_data(), "kind": kind}
        contact = data.get("phone") or data.get("email", "")
        if not contact_verified(
            request, form, purpose="hd", contact=contact, what="提交政民互动留言"
        ):
            return _write_page(request, form, kind)
        refused = submission_refused(request, contact)
        if refused:
            return _too_many(request, refused)
        try:
            user = request.user if request.user.is_authenticated else None
            msg, code = message_submit(data=data, user=user, files=form.uploads())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _remember(request, msg)
            return render(
                request, "interaction/receipt.html", {"msg": msg, "code": code, **CONTEXT}
            )
    return _write_page(request, form, kind)


def _write_page(request: HttpRequest, form: MessageForm, kind: str) -> HttpResponse:
    return render(
        request,
        "interaction/write.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": Kind(kind).label,
            "needs_code": needs_code(request),
            **CONTEXT,
        },
    )


def _remember(request: HttpRequest, msg: Message) -> None:
    numbers = [n for n in request.session.get(SESSION_KEY, []) if n != msg.number][-9:]
    request.session[SESSION_KEY] = [*numbers, msg.number]


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key="hd-track", limit=30, window_seconds=600):
            return _too_many(request, "查询过于频繁，请10分钟后再试。")
        if form.is_valid():
            msg = message_for_tracking(
                number=form.cleaned_data["number"], code=form.cleaned_data["code"]
            )
            if msg is None:
                form.add_error(None, "留言编号或查询码不正确，请核对后重新输入")
            else:
                _remember(request, msg)
                return redirect("interaction:status", number=msg.number)
    return render(request, "interaction/track.html", {"form": form, **CONTEXT})


def _tracked(request: HttpRequest, number: str) -> Message:
    msg = Message.objects.select_related("organisation").filter(number=number).first()
    allowed = msg is not None and (
        number in request.session.get(SESSION_KEY, [])
        or (request.user.is_authenticated and msg.user_id == request.user.pk)
    )
    if not allowed:
        raise Http404("请先输入留言编号和查询码")
    return msg  # type: ignore[return-value]


def status(request: HttpRequest, number: str) -> HttpResponse:
    msg = _tracked(request, number)
    events = [e for e in msg.events.all() if e.kind in WRITER_EVENTS]
    return render(
        request,
        "interaction/status.html",
        {
            "msg": msg,
            "events": events,
            "rate_form": RateForm() if msg.can(Action.RATE) else None,
            "reopen_form": ReasonForm() if msg.can(Action.REOPEN) else None,
            "ask_solved": msg.can(Action.SOLVED),
            **CONTEXT,
        },
    )


def _writer_step(
    request: HttpRequest,
    number: str,
    form_class: type[forms.Form],
    run: Callable[[Message, dict], object],
    done: str,
    missing: str,
) -> HttpResponse:
    """One of the writer's own steps (POST), then back to the status page."""
    msg = _tracked(request, number)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run(msg, form.cleaned_data)
            flash.success(request, done)
        except ValidationError as exc:  # Conflict included
            flash.error(request, "；".join(exc.messages))
    elif request.method == "POST":
        flash.error(request, missing)
    return redirect("interaction:status", number=number)


def rate(request: HttpRequest, number: str) -> HttpResponse:
    return _writer_step(
        request,
        number,
        RateForm,
        lambda msg, d: message_rate(msg=msg, **d),
        "感谢您的评价",
        "请选择评价",
    )


def reopen(request: HttpRequest, number: str) -> HttpResponse:
    return _writer_step(
        request,
        number,
        ReasonForm,
        lambda msg, d: message_reopen(msg=msg, reason=d["reason"]),
        "已重新交办，办理期限自今日起重新计算",
        "请说明需要重新办理的原因",
    )


def solved(request: HttpRequest, number: str) -> HttpResponse:
    """回访: the writer says whether the problem was solved (yes or no, one POST)."""
    from gongkai.interaction.services import message_solved

    return _writer_step(
        request,
        number,
        SolvedForm,
        lambda msg, d: message_solved(msg=msg, solved=d["solved"]),
        "感谢您的反馈",
        "请选择问题是否解决",
    )


def detail(request: HttpRequest, number: str) -> HttpResponse:
    msg = message_public_get(number=number)
    if msg is None:
        raise Http404("该留言不存在或未公开")
    links = subject_links(msg, audience=PUBLIC)
    return render(
        request, "interaction/detail.html", {"msg": msg, "subject_links": links, **CONTEXT}
    )


def figures(request: HttpRequest) -> HttpResponse:
    """数据统计: the public figures of the whole government (every organisation)."""
    from django.utils import timezone

    from gongkai.interaction.figures import figures_overview, figures_period, message_figures

    start, end, note = figures_period(request.GET, timezone.localdate())
    qs = Message.objects.all()
    return render(
        request,
        "interaction/figures.html",
        {
            **figures_overview(qs, start=start, end=end),
            "by_kind": message_figures(qs, start=start, end=end, by="kind"),
            "by_org": message_figures(qs, start=start, end=end, by="organisation"),
            "note": note,
            **CONTEXT,
        },
    )
