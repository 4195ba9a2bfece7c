"""依申请公开 pages: apply online, receipt, track without login, 在线补正 and 撤回."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.models import Organisation
from gongkai.core.privacy import mask_phone
from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import add_service_errors
from gongkai.foi.forms import ApplicationForm, CorrectionForm, TrackForm
from gongkai.foi.law import OUTCOME_BY_CODE
from gongkai.foi.limits import submission_refused
from gongkai.foi.models import Application, Status
from gongkai.foi.services import (
    application_for_tracking,
    application_submit,
    application_withdraw,
    correction_submit,
)

SESSION_KEY = "foi_tracked"


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(
        request.POST or None, request.FILES or None, initial={"organisation": request.GET.get("to")}
    )
    if request.method == "POST" and form.is_valid():
        org, data = form.to_data()
        refused = submission_refused(request, data)
        if refused:
            return render(
                request,
                "accounts/too_many.html",
                {"message": refused, "column_name": "依申请公开"},
                status=429,
            )
        try:
            app, code = application_submit(
                data=data,
                organisation=org,
                user=request.user if request.user.is_authenticated else None,
                files=form.cleaned_data.get("files") or [],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[SESSION_KEY] = app.pk
            return render(
                request,
                "foi/receipt.html",
                {
                    "app": app,
                    "code": code,
                    "qr": receipt_qr(app.receipt_no),
                    "column_name": "依申请公开",
                    "column_type": "互动交流",
                },
            )
    return render(
        request,
        "foi/apply.html",
        {
            "form": form,
            "column_name": "依申请公开",
            "column_type": "互动交流",
            "orgs": Organisation.objects.filter(is_active=True).exclude(foi_office="")[:30],
        },
    )


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key="foi-track", limit=30, window_seconds=600):
            return render(request, "accounts/too_many.html", status=429)
        if form.is_valid():
            app = application_for_tracking(
                receipt_no=form.cleaned_data["receipt_no"], code=form.cleaned_data["code"]
            )
            if app is None:
                form.add_error(None, "受理编号或查询码不正确，请核对回执后重新输入")
            else:
                request.session[SESSION_KEY] = app.pk
                return redirect("foi:status")
    return render(
        request,
        "foi/track.html",
        {"form": form, "column_name": "申请查询", "column_type": "互动交流"},
    )


def _tracked(request: HttpRequest) -> Application:
    pk = request.session.get(SESSION_KEY)
    app = Application.objects.filter(pk=pk).select_related("organisation").first() if pk else None
    if app is None:
        raise Http404("请先输入受理编号和查询码")
    return app


def status(request: HttpRequest) -> HttpResponse:
    app = _tracked(request)
    correction = (
        CorrectionForm(request.POST or None) if app.status == Status.AWAITING_CORRECTION else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                application_withdraw(app=app)
                messages.success(request, "申请已撤回")
            elif correction is not None and correction.is_valid():
                correction_submit(app=app, text=correction.cleaned_data["text"])
                messages.success(request, "补正已提交，答复期限自今日起重新计算")
            else:
                messages.error(request, "请填写补正内容")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("foi:status")
    return render(
        request,
        "foi/status.html",
        {
            "app": app,
            "events": app.events.filter(public=True),
            "masked_name": mask_name(app.name),
            "masked_phone": mask_phone(app.phone),
            "outcome": OUTCOME_BY_CODE.get(app.outcome),
            "documents": app.documents.filter(served_on__isnull=False),
            "released": app.files.filter(released=True),
            "correction": correction,
            "column_name": "申请查询",
            "column_type": "互动交流",
        },
    )


def document(request: HttpRequest, pk: int) -> HttpResponse:
    """A served 告知书 (PDF), for the applicant who has opened this application."""
    from django.http import FileResponse

    app = _tracked(request)
    doc = app.documents.filter(pk=pk, served_on__isnull=False).first()
    if doc is None:
        raise Http404("没有找到该文书")
    return FileResponse(doc.pdf.open("rb"), as_attachment=True, filename=f"{doc.number}.pdf")


def released_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Information released with the reply, for the applicant who has opened the application."""
    from django.http import FileResponse

    stored = _tracked(request).files.filter(pk=pk, released=True).first()
    if stored is None:
        raise Http404("没有找到该文件")
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


def case_list(request: HttpRequest) -> HttpResponse:
    from gongkai.foi.models import TypicalCase

    return render(
        request,
        "foi/cases.html",
        {
            "cases": TypicalCase.objects.filter(published=True).select_related("organisation"),
            "column_name": "典型案例",
            "column_type": "互动交流",
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from gongkai.foi.models import TypicalCase

    case = get_object_or_404(TypicalCase, pk=pk, published=True)
    return render(
        request,
        "foi/case.html",
        {
            "case": case,
            "outcome": OUTCOME_BY_CODE.get(case.outcome),
            "column_name": "典型案例",
            "column_type": "互动交流",
        },
    )


def receipt_qr(receipt_no: str) -> str:
    """Inline SVG QR code of the 受理编号 for the printable receipt (no personal data in it)."""
    import io

    import segno
    from django.utils.safestring import mark_safe

    out = io.BytesIO()
    segno.make(receipt_no, error="m").save(
        out, kind="svg", scale=4, xmldecl=False, title="受理编号二维码"
    )
    return mark_safe(out.getvalue().decode())


def mine(request: HttpRequest) -> HttpResponse:
    """A registered public user's own applications."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    pk = request.GET.get("open")
    apps = Application.objects.filter(user=request.user).select_related("organisation")
    if pk and pk.isdigit() and apps.filter(pk=pk).exists():
        request.session[SESSION_KEY] = int(pk)
        return redirect("foi:status")
    return render(
        request,
        "foi/mine.html",
        {"apps": apps, "column_name": "我的申请", "column_type": "互动交流"},
    )
