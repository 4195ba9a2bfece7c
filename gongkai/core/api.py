"""API plumbing shared by every app, and the working-day calculator endpoint (docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.api_fields import IntField, query
from gongkai.core.workdays import CLOCK_MIN, MAX_WORKING_DAYS, ClockRangeError, add_working_days

# the latest start from which the longest count (MAX_WORKING_DAYS) still ends within the clock
START_MAX = dt.date(2094, 12, 31)
START_MESSAGE = "start 超出计算范围：起算日期应在2001年1月1日至2094年12月31日之间"


@extend_schema_field(
    {
        "type": "string",
        "format": "date",
        "pattern": r"^20(0[1-9]|[1-8][0-9]|9[0-4])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "description": "起算日期 YYYY-MM-DD，2001年至2094年之间",
    }
)
class StartField(serializers.DateField):
    def to_internal_value(self, value: Any) -> dt.date:
        day = super().to_internal_value(value)
        if not CLOCK_MIN <= day <= START_MAX:
            raise serializers.ValidationError(START_MESSAGE)
        return day


class WorkdaysQuery(serializers.Serializer):
    start = StartField(
        error_messages={
            "invalid": "start 应为日期，格式 YYYY-MM-DD",
            "required": "缺少参数 start（起算日期）",
        }
    )
    days = IntField(
        min_value=0,
        max_value=MAX_WORKING_DAYS,
        error_messages={
            "invalid": "days 应为整数",
            "required": "缺少参数 days（工作日数）",
            "min_value": "days 不能为负数",
            "max_value": f"days 不能超过{MAX_WORKING_DAYS}",
        },
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            attrs["result"] = add_working_days(attrs["start"], attrs["days"])
        except ClockRangeError as exc:
            raise serializers.ValidationError({"start": [str(exc)]}) from exc
        return attrs


class DayOut(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField(help_text="周末 / 节日名称 / 调休上班")
    estimated = serializers.BooleanField()


class WorkdaysOut(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    due_date = serializers.DateField()
    is_estimate = serializers.BooleanField(
        help_text="某年节假日安排尚未公布、按法定节日推算时为 true"
    )
    estimated_years = serializers.ListField(child=serializers.IntegerField())
    skipped = DayOut(many=True)
    makeup_workdays = DayOut(many=True)
    rule = serializers.CharField()


class WorkdaysAddApi(APIView):
    """Due date of N working days from a start date, on the law clock (cn-rules §1.1, §5)."""

    @extend_schema(
        operation_id="workdays_add",
        summary="法定工作日期限计算",
        parameters=[WorkdaysQuery],
        responses={200: WorkdaysOut},
    )
    def get(self, request: Request) -> Response:
        result = query(request, WorkdaysQuery)["result"]

        def days(items: list) -> list[dict[str, Any]]:
            return [{"date": d.date, "reason": d.reason, "estimated": d.estimated} for d in items]

        return Response(
            WorkdaysOut(
                {
                    "start": result.start,
                    "days": result.working_days,
                    "due_date": result.due,
                    "is_estimate": result.is_estimate,
                    "estimated_years": result.estimated_years,
                    "skipped": days(result.skipped),
                    "makeup_workdays": days(result.makeup_days),
                    "rule": "自起算日次日开始计算；法定节假日不计入；调休上班日计入；"
                    "尚未公布安排的年份按《全国年节及纪念日放假办法》第二条、第六条估算",
                }
            ).data
        )
