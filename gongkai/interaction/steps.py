"""The shape every staff action endpoint of 政民互动 shares (messages, consultations,
comments): validate the step's form, run its one service, and say how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def run_step(
    request: HttpRequest,
    form: forms.Form | None,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> None:
    """Every form error, the service's refusal, or ``done`` becomes a flash message."""
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                flash.error(request, error)
        return
    try:
        run(form.cleaned_data if form is not None else {})
        flash.success(request, done)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
