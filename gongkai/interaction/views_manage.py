"""Staff pages of 政民互动 under /manage/messages/ (docs/interaction.md): the list, one message
with the actions its state allows, one endpoint per action, and 12345-style intake."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import orgs_visible_to
from gongkai.core.links import STAFF, subject_links
from gongkai.core.privacy import mask_phone
from gongkai.core.views_util import add_service_errors, paginate, run_step, staff_required
from gongkai.interaction import services
from gongkai.interaction.choices import INTAKE_CHANNELS, Action, Kind, Status
from gongkai.interaction.forms import MessageForm, ReasonForm, ReviewForm, TextForm, TransferForm
from gongkai.interaction.models import Message
from gongkai.interaction.selectors import messages_for_staff

CONTEXT = {"column_name": "政民互动办理", "column_type": "工作台"}


class IntakeForm(MessageForm):
    kind = forms.ChoiceField(label="类型", choices=Kind.choices)
    channel = forms.ChoiceField(label="来源", choices=INTAKE_CHANNELS)
    received_on = forms.DateField(
        label="收到日期（补录时填写，默认今天）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta(MessageForm.Meta):
        fields = ["kind", "channel", *MessageForm.Meta.fields]

    def clean(self) -> dict[str, Any]:
        # skips MessageForm's phone-or-e-mail rule: a caller may leave neither
        return forms.ModelForm.clean(self)


@staff_required
def message_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    if status not in Status.values:
        status = ""
    page, query = paginate(request, messages_for_staff(user=request.user, status=status), 30)
    return render(
        request,
        "interaction/manage/list.html",
        {"page": page, "query": query, "status": status, "statuses": Status.choices, **CONTEXT},
    )


def _get(request: HttpRequest, pk: int) -> Message:
    msg = messages_for_staff(user=request.user).filter(pk=pk).first()
    if msg is None:
        raise Http404("没有找到该留言，或无权查看")
    return msg


@staff_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    msg = _get(request, pk)
    transfer = TransferForm()
    transfer.fields["organisation"].queryset = transfer.fields["organisation"].queryset.exclude(
        pk=msg.organisation_id
    )
    from gongkai.interaction.duplicates import messages_similar

    return render(
        request,
        "interaction/manage/detail.html",
        {
            "msg": msg,
            "files": msg.files.all(),
            "similar": messages_similar(msg=msg, user=request.user)
            if msg.can(Action.MERGE)
            else [],
            "duplicates": msg.duplicates.only("pk", "number", "subject", "status"),
            "phone": mask_phone(msg.phone),
            "events": msg.events.select_related("actor"),
            "actions": msg.staff_actions(),
            "forms": {
                Action.REJECT: ReasonForm(),
                Action.TRANSFER: transfer,
                Action.ANSWER: TextForm(initial={"text": msg.answer_draft}),
                Action.APPROVE: ReviewForm(),
                Action.ON_SPOT: TextForm(),
                Action.REFER_PETITION: ReasonForm(),
            },
            "Action": Action,
            "subject_links": subject_links(msg, audience=STAFF, user=request.user),
            **CONTEXT,
        },
    )


def _step(form_class: type[forms.Form] | None, run: Callable[..., Any]) -> Callable[..., Any]:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        msg = _get(request, pk)
        form = form_class(request.POST) if form_class else None
        run_step(request, form, lambda data: run(request.user, msg, data), "已办理")
        return redirect("manage:message", pk=pk)

    return view


message_accept = _step(None, lambda u, m, d: services.message_accept(actor=u, msg=m))
message_reject = _step(
    ReasonForm, lambda u, m, d: services.message_reject(actor=u, msg=m, reason=d["reason"])
)
message_transfer = _step(
    TransferForm, lambda u, m, d: services.message_transfer(actor=u, msg=m, **d)
)
message_answer = _step(
    TextForm, lambda u, m, d: services.message_answer(actor=u, msg=m, text=d["text"])
)
message_review = _step(
    ReviewForm, lambda u, m, d: services.message_answer_review(actor=u, msg=m, **d)
)
message_on_spot = _step(
    TextForm, lambda u, m, d: services.message_answer_on_spot(actor=u, msg=m, text=d["text"])
)
message_petition = _step(
    ReasonForm,
    lambda u, m, d: services.message_refer_petition(actor=u, msg=m, note=d["reason"]),
)
message_petition_ack = _step(None, lambda u, m, d: services.message_petition_ack(actor=u, msg=m))


class MergeForm(forms.Form):
    into = forms.CharField(label="合并至留言编号", max_length=20)


def _merge(user: Any, msg: Message, data: dict[str, Any]) -> Any:
    from gongkai.interaction.duplicates import message_merge

    into = messages_for_staff(user=user).filter(number=data["into"].strip()).first()
    if into is None:
        raise ValidationError({"into": "没有找到该留言编号，或无权办理"})
    return message_merge(actor=user, msg=msg, into=into)


message_merge = _step(MergeForm, _merge)


@staff_required
def message_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """An attachment, for the message's handlers only (never under /media/)."""
    from django.http import FileResponse

    stored = _get(request, pk).files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404("没有找到该附件")
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


@staff_required
def message_intake(request: HttpRequest) -> HttpResponse:
    """电话、来访、来信登记: the handler records it, then answers on the spot or dispatches."""
    form = IntakeForm(request.POST or None, request.FILES or None)
    form.fields["organisation"].queryset = orgs_visible_to(request.user)
    form.fields["organisation"].required = True
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        channel = data.pop("channel")
        received_on = data.pop("received_on", None)
        try:
            msg, _code = services.message_submit(
                data=data,
                channel=channel,
                actor=request.user,
                files=form.uploads(),
                received_on=received_on,
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
            else:
                add_service_errors(form, exc)
        else:
            flash.success(request, f"已登记，留言编号 {msg.number}")
            return redirect("manage:message", pk=msg.pk)
    return render(request, "interaction/manage/intake.html", {"form": form, **CONTEXT})


@staff_required
def message_figures_page(request: HttpRequest) -> HttpResponse:
    """统计: the user's departments only; charts, tables and the xlsx export."""
    from django.utils import timezone

    from gongkai.interaction.figures import (
        figures_overview,
        figures_period,
        figures_xlsx,
        message_figures,
    )

    start, end, note = figures_period(request.GET, timezone.localdate())
    if note:
        flash.error(request, note)
    qs = messages_for_staff(user=request.user)
    overview = figures_overview(qs, start=start, end=end)
    tables = {
        "按机构": message_figures(qs, start=start, end=end, by="organisation"),
        "按类型": message_figures(qs, start=start, end=end, by="kind"),
        "按月份": overview["months"],
    }
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            figures_xlsx(tables, start=start, end=end),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="interaction-figures.xlsx"'
        return response
    return render(
        request,
        "interaction/manage/figures.html",
        {**overview, "tables": tables, **CONTEXT},
    )
