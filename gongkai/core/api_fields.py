"""Input fields shared by the API's serializers, each documented exactly as it validates
(schemathesis checks both directions: docs/api.md#contract)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gongkai.core.params import YEAR_MAX, YEAR_MIN
from gongkai.core.workdays import CLOCK_MAX, CLOCK_MIN, RANGE_MESSAGE

DB_INT_MAX = 2**31 - 1  # fits any database's integer primary key
# YYYY-MM-DD with a year the law clock can count (2001–2099); the date itself must exist
CLOCK_DATE_PATTERN = r"^20(0[1-9]|[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


@extend_schema_field(
    {
        "type": "string",
        "format": "date",
        "pattern": CLOCK_DATE_PATTERN,
        "description": "YYYY-MM-DD，2001年至2099年之间（法定工作日时钟的计算范围）",
    }
)
class ClockDateField(serializers.DateField):
    """A date the working-day clock can count (core.workdays.CLOCK_MIN..CLOCK_MAX)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid": "日期格式应为 YYYY-MM-DD"})
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> dt.date:
        day = super().to_internal_value(value)
        if not CLOCK_MIN <= day <= CLOCK_MAX:
            raise serializers.ValidationError(RANGE_MESSAGE)
        return day


class IntField(serializers.IntegerField):
    """An integer, strictly: DRF would also take 1.0, "1.0" and true, which the document
    (type: integer) does not allow."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not (
            isinstance(data, int) or (isinstance(data, str) and re.fullmatch(r"-?[0-9]+", data))
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


class TextField(serializers.CharField):
    """A string and only a string: JSON numbers are refused (DRF would turn 0 into "0"),
    so what the OpenAPI document says (type: string) is what the server accepts. A required
    text must hold something besides white space (it is trimmed; the document says so with
    the pattern ``\\S``, which also excludes a lone no-break or ideographic space)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not self.allow_blank:
            from django.core.validators import RegexValidator

            self.validators.append(RegexValidator(r"\S", message="不能只填写空白字符"))

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class BoolField(serializers.BooleanField):
    """true or false only (DRF would also take 0, 1, "yes" and "on")."""

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        if data in ("true", "false"):  # form-encoded
            return data == "true"
        self.fail("invalid")
        raise AssertionError  # fail() raises


def id_field(**kwargs: Any) -> serializers.IntegerField:
    kwargs.setdefault("error_messages", {"invalid": "应为正整数编号"})
    return IntField(min_value=1, max_value=DB_INT_MAX, **kwargs)


def year_field(**kwargs: Any) -> serializers.IntegerField:
    message = f"应为{YEAR_MIN}至{YEAR_MAX}之间的年份"
    kwargs.setdefault(
        "error_messages", {"invalid": message, "min_value": message, "max_value": message}
    )
    return IntField(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def query(request: Any, params_class: type[serializers.Serializer]) -> dict[str, Any]:
    """Validated query parameters (400 in the API's error shape otherwise).

    Given as a plain dict, not a QueryDict: DRF treats an empty value in form input as
    "not given", so ``?stage=`` would be accepted although "" is not one of the documented
    choices; an API client that sends a parameter must send a valid one.
    """
    params = params_class(data=request.query_params.dict())
    params.is_valid(raise_exception=True)
    return dict(params.validated_data)
