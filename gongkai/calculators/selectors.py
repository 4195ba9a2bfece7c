"""Reads of 政策计算器 (docs/calculators.md)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.calculators.models import Calculator, CalculatorVersion


def calculators_public() -> QuerySet[Calculator]:
    return Calculator.objects.filter(is_active=True, versions__isnull=False).distinct()


def calculator_public_get(*, slug: str) -> Calculator | None:
    return (
        Calculator.objects.filter(slug=(slug or "")[:40], is_active=True)
        .select_related("organisation")
        .first()
    )


def version_in_force(calc: Calculator, day: dt.date | None = None) -> CalculatorVersion | None:
    return calc.version_on(day or timezone.localdate())


def calculators_for_staff() -> QuerySet[Calculator]:
    return Calculator.objects.select_related("organisation").prefetch_related("versions")
