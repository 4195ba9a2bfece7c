"""The public's side of 数据开放 (docs/opendata.md#participation): report an error, submit a
reuse, apply for a 有条件开放 dataset, see one's applications and take the key."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import add_service_errors
from gongkai.opendata import participation as svc
from gongkai.opendata import selectors
from gongkai.opendata.forms import AccessForm, CorrectionForm, ReuseForm
from gongkai.opendata.models import AccessApplication

CONTEXT = {"column_name": "数据开放", "column_type": "数据开放"}


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/too_many.html",
        {"message": "提交过于频繁，请10分钟后再试。", **CONTEXT},
        status=429,
    )


def _public_form(
    request: HttpRequest, name: str, form_class: Any, run: Any, done: str, anchor: str
) -> HttpResponse:
    ds = selectors.dataset_public_get(name=name)
    form = form_class(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, key=f"data-{anchor}", limit=10, window_seconds=600):
            return _too_many(request)
        if form.is_valid():
            try:
                run(ds, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, done)
                return redirect(ds.get_absolute_url() + f"#{anchor}")
    return render(
        request, "opendata/form.html", {"ds": ds, "form": form, "title": TITLES[anchor], **CONTEXT}
    )


TITLES = {"corrections": "数据纠错", "reuses": "提交应用成果", "apply": "申请使用数据"}


def correct(request: HttpRequest, name: str) -> HttpResponse:
    return _public_form(
        request,
        name,
        CorrectionForm,
        lambda ds, d: svc.correction_report(dataset=ds, **d),
        "已收到您的纠错，数据提供方将按时答复，答复会在本页公开。",
        "corrections",
    )


def reuse(request: HttpRequest, name: str) -> HttpResponse:
    return _public_form(
        request,
        name,
        ReuseForm,
        lambda ds, d: svc.reuse_submit(dataset=ds, **d),
        "已收到您的应用成果，审核后将在本页展示。",
        "reuses",
    )


def apply(request: HttpRequest, name: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    ds = selectors.dataset_public_get(name=name)
    form = AccessForm(request.POST or None, initial={"applicant": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        try:
            app = svc.access_apply(user=request.user, dataset=ds, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError):
                add_service_errors(form, exc)
            else:
                form.add_error(None, str(exc))
        else:
            flash.success(
                request, f"已提交申请，编号 {app.number}，答复期限 {app.due_date:%Y-%m-%d}"
            )
            return redirect("opendata:my_applications")
    return render(
        request, "opendata/form.html", {"ds": ds, "form": form, "title": TITLES["apply"], **CONTEXT}
    )


def my_applications(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    apps = AccessApplication.objects.filter(user=request.user).select_related("dataset")
    return render(
        request,
        "opendata/my_applications.html",
        {"apps": apps, **CONTEXT, "column_name": "我的数据申请"},
    )


@require_POST
def take_key(request: HttpRequest, number: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login("/data/my/")
    app = (
        AccessApplication.objects.filter(number=number[:20], user=request.user)
        .select_related("dataset")
        .first()
    )
    if app is None:
        raise Http404("没有找到该申请")
    try:
        key = svc.access_key_issue(user=request.user, application=app)
    except ValidationError as exc:
        flash.error(request, "；".join(exc.messages))
        return redirect("opendata:my_applications")
    apps = AccessApplication.objects.filter(user=request.user).select_related("dataset")
    return render(
        request,
        "opendata/my_applications.html",
        {"apps": apps, "new_key": key, "key_app": app, **CONTEXT, "column_name": "我的数据申请"},
    )
