"""Helpers shared by views: access decorator, mapping service errors onto forms, paging."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse

from gongkai.accounts.permissions import is_staff_user


def paginate(request: HttpRequest, items: Any, per_page: int) -> tuple[Page, str]:
    """The requested page of ``items`` (a bad or out-of-range number gives the first or last
    page, never an error) and the query string without ``page``, for the page links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_user(request.user):
            raise PermissionDenied("工作台仅限工作人员使用。公众用户请前往个人中心。")
        return view(request, *args, **kwargs)

    return wrapper


def add_service_errors(
    form: forms.Form, exc: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Attach a service's ValidationError to the form fields it concerns (else non-field)."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field_map.get(field, field)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def flash_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """A form posted from a page that redirects back: each error as a message, "字段：错误"."""
    from django.contrib import messages

    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = "；".join(errors)
        messages.error(request, f"{label}：{text}" if label else text)


def run_step(
    request: HttpRequest,
    form: forms.Form | None,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> None:
    """The shape every staff action endpoint shares: validate the step's form, run its one
    service; every form error, the service's refusal, or ``done`` becomes a flash message."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied

    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    try:
        run(form.cleaned_data if form is not None else {})
        messages.success(request, done)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
