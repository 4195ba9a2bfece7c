"""API plumbing shared by every app, and the working-day calculator endpoint (docs/api.md)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.workdays import MAX_WORKING_DAYS, ClockRangeError, add_working_days


class WorkdaysQuery(serializers.Serializer):
    start = serializers.DateField(
        error_messages={
            "invalid": "start 应为日期，格式 YYYY-MM-DD",
            "required": "缺少参数 start（起算日期）",
        }
    )
    days = serializers.IntegerField(
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
        parameters=[
            OpenApiParameter("start", str, required=True, description="起算日期 YYYY-MM-DD"),
            OpenApiParameter("days", int, required=True, description="工作日数（0–1000）"),
        ],
        responses={
            200: WorkdaysOut,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="参数错误：每个参数对应一组中文说明，如超出计算范围（2001–2099年）",
            ),
        },
    )
    def get(self, request: Request) -> Response:
        query = WorkdaysQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = query.validated_data["result"]

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
