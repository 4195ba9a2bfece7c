"""Staff pages of 政策计算器 (docs/calculators.md#staff): the 政务公开办 creates calculators and
publishes new versions of their standards; a version is tried on the public page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.permissions import is_office, is_sysadmin, orgs_visible_to
from gongkai.calculators import selectors as sel
from gongkai.calculators import services as svc
from gongkai.calculators.forms import CalculatorForm, VersionForm
from gongkai.calculators.models import Calculator
from gongkai.core.views_util import add_service_errors, staff_required

CONTEXT = {"column_name": "政策计算器管理"}


def _office_only(request: HttpRequest) -> None:
    if not (is_office(request.user) or is_sysadmin(request.user)):
        raise PermissionDenied("只有政务公开办可以设置政策计算器")


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = CalculatorForm(request.POST or None)
    form.fields["organisation"].queryset = orgs_visible_to(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            calc = svc.calculator_create(
                actor=request.user,
                slug=data["slug"],
                name=data["name"],
                organisation=data["organisation"],
                description=data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已新建计算器，请发布第一个版本")
            return redirect("manage:calculator", pk=calc.pk)
    return render(
        request,
        "calculators/manage/overview.html",
        {"calculators": sel.calculators_for_staff(), "form": form, **CONTEXT},
    )


@staff_required
def calculator(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    calc = Calculator.objects.filter(pk=pk).select_related("organisation").first()
    if calc is None:
        raise Http404("没有这个计算器")
    latest = calc.versions.order_by("-effective_from").first()
    initial = {}
    if latest is not None:
        initial = {
            "standard_title": latest.standard_title,
            "standard_source": latest.standard_source,
            "standard_url": latest.standard_url,
            "inputs": json.dumps(latest.inputs, ensure_ascii=False, indent=2),
            "tables": json.dumps(latest.tables, ensure_ascii=False, indent=2),
            "items": json.dumps(latest.items, ensure_ascii=False, indent=2),
            "result_label": latest.result_label,
            "result_unit": latest.result_unit,
        }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.calculator_version_create(actor=request.user, calculator=calc, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc, {"definition": "items"})
        else:
            messages.success(request, "已发布新版本，施行日期起生效")
            return redirect("manage:calculator", pk=calc.pk)
    return render(
        request,
        "calculators/manage/calculator.html",
        {"calc": calc, "versions": calc.versions.all(), "form": form, **CONTEXT},
    )
