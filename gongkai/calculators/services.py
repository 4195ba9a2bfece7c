"""Writes of 政策计算器 (docs/calculators.md): only the 政务公开办 configures calculators; a
new standard is a new version from its effective day, checked whole before it is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.calculators.definition import check
from gongkai.calculators.formula import FormulaError
from gongkai.calculators.models import Calculator, CalculatorVersion
from gongkai.core.audit import audit_record


def _need_office(actor: Any) -> None:
    if not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("只有政务公开办可以设置政策计算器")


@transaction.atomic
def calculator_create(
    *, actor: Any, slug: str, name: str, organisation: Organisation, description: str = ""
) -> Calculator:
    _need_office(actor)
    calc = Calculator(slug=slug, name=name, organisation=organisation, description=description)
    calc.full_clean()
    calc.save()
    audit_record(actor=actor, action="calculators.create", obj=calc, organisation=organisation)
    return calc


@transaction.atomic
def calculator_version_create(
    *,
    actor: Any,
    calculator: Calculator,
    effective_from: dt.date,
    standard_title: str,
    standard_source: str,
    inputs: Any,
    tables: Any,
    items: Any,
    standard_url: str = "",
    result_label: str = "合计",
    result_unit: str = "元",
    note: str = "",
) -> CalculatorVersion:
    """A new version of the calculator's standard. The definition is checked as a whole (every
    formula parsed against the inputs and tables); a day that already has a version is refused,
    because a published standard is never edited."""
    _need_office(actor)
    try:
        check(inputs, tables, items)
    except FormulaError as exc:
        raise ValidationError({"definition": [str(exc)]}) from None
    version = CalculatorVersion(
        calculator=calculator,
        effective_from=effective_from,
        standard_title=standard_title,
        standard_source=standard_source,
        standard_url=standard_url,
        inputs=inputs,
        tables=tables,
        items=items,
        result_label=result_label or "合计",
        result_unit=result_unit or "元",
        note=note,
        created_by=actor,
    )
    version.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        raise ValidationError(
            {"effective_from": ["这一天已有一个版本；已发布的标准不能修改，请另选施行日期"]}
        ) from None
    audit_record(
        actor=actor,
        action="calculators.version_create",
        obj=version,
        organisation=calculator.organisation,
        note=f"{standard_title}，{effective_from:%Y-%m-%d}起施行",
    )
    return version
