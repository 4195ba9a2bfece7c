"""Public pages of 政策计算器 (docs/calculators.md): the list, and one calculator with its
inputs, its result line by line and the standard it was computed by. GET, so a result can be
linked and nothing of it is stored."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.calculators import selectors as sel
from gongkai.calculators.definition import compute
from gongkai.calculators.forms import inputs_form
from gongkai.calculators.formula import FormulaError

CONTEXT = {"column_name": "政策计算器", "column_type": "办事服务"}


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "calculators/index.html", {"calculators": sel.calculators_public(), **CONTEXT}
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    calc = sel.calculator_public_get(slug=slug)
    version = sel.version_in_force(calc) if calc is not None else None
    if version is None:
        raise Http404("没有这个计算器")
    asked = any(spec["key"] in request.GET for spec in version.inputs)
    form = inputs_form(version.inputs, request.GET if asked else None)
    result, error = None, ""
    if asked and form.is_valid():
        try:
            result = compute(version.definition(), form.cleaned_data, unit=version.result_unit)
        except FormulaError as exc:
            error = str(exc)
    return render(
        request,
        "calculators/detail.html",
        {
            "calc": calc,
            "version": version,
            "form": form,
            "result": result,
            "error": error,
            **CONTEXT,
            "column_name": calc.name,
        },
    )
