"""政策计算器 over REST (docs/calculators.md#api): the calculators, the definition in force, and
a computation that cites the standard it used."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.calculators import selectors as sel
from gongkai.calculators.definition import compute
from gongkai.calculators.formula import FormulaError
from gongkai.core.api_base import error_response
from gongkai.core.api_fields import query

_SLUG = [OpenApiParameter("slug", str, OpenApiParameter.PATH)]


class StandardOut(serializers.Serializer):
    title = serializers.CharField(source="standard_title", help_text="所依据的标准")
    source = serializers.CharField(source="standard_source", help_text="文号、发布机关")
    url = serializers.CharField(source="standard_url")
    effective_from = serializers.DateField(help_text="施行日期")


class ChoiceOut(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField(required=False)


class InputOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField(default="number", help_text="number 或 choice")
    unit = serializers.CharField(required=False)
    min = serializers.FloatField(required=False, allow_null=True)
    max = serializers.FloatField(required=False, allow_null=True)
    choices = ChoiceOut(many=True, required=False)


class CalculatorOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    url = serializers.CharField(source="get_absolute_url")


class CalculatorDetailOut(CalculatorOut):
    description = serializers.CharField()
    standard = serializers.SerializerMethodField()
    inputs = serializers.SerializerMethodField()

    @extend_schema_field(StandardOut)
    def get_standard(self, obj: Any) -> dict[str, Any]:
        return StandardOut(self.context["version"]).data

    @extend_schema_field(InputOut(many=True))
    def get_inputs(self, obj: Any) -> list[dict[str, Any]]:
        return InputOut(self.context["version"].inputs, many=True).data


class LineOut(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    unit = serializers.CharField()
    in_total = serializers.BooleanField()


class ResultOut(serializers.Serializer):
    lines = LineOut(many=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=True)
    unit = serializers.CharField()
    used = serializers.ListField(child=serializers.CharField(), help_text="所用标准表的档次或项目")
    standard = StandardOut()


class ComputeIn(serializers.Serializer):
    inputs = serializers.DictField(
        child=serializers.CharField(max_length=40, allow_blank=True),
        help_text="输入项 key → 值",
    )


def _calc(slug: str) -> tuple[Any, Any]:
    calc = sel.calculator_public_get(slug=slug)
    version = sel.version_in_force(calc) if calc is not None else None
    if version is None:
        raise Http404
    return calc, version


class CalculatorListParams(serializers.Serializer):
    q = serializers.CharField(max_length=50, required=False, help_text="名称中的词")


class CalculatorListApi(APIView):
    @extend_schema(
        operation_id="calculators_list",
        summary="政策计算器",
        parameters=[CalculatorListParams],
        responses={200: CalculatorOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, CalculatorListParams)
        items = sel.calculators_public().select_related("organisation")
        if p.get("q"):
            items = items.filter(name__icontains=p["q"])
        return Response(CalculatorOut(items, many=True).data)


class CalculatorDetailApi(APIView):
    @extend_schema(
        operation_id="calculator_detail",
        summary="一个计算器现行的输入项和所依据的标准",
        parameters=_SLUG,
        responses={200: CalculatorDetailOut},
    )
    def get(self, request: Request, slug: str) -> Response:
        calc, version = _calc(slug)
        return Response(CalculatorDetailOut(calc, context={"version": version}).data)


class CalculatorComputeApi(APIView):
    @extend_schema(
        operation_id="calculator_compute",
        summary="按现行标准计算，并注明所依据的标准",
        parameters=_SLUG,
        request=ComputeIn,
        responses={200: ResultOut},
    )
    def post(self, request: Request, slug: str) -> Response:
        _, version = _calc(slug)
        data = ComputeIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = compute(
                version.definition(), data.validated_data["inputs"], unit=version.result_unit
            )
        except FormulaError as exc:
            return error_response(400, str(exc))
        return Response(
            ResultOut(
                {
                    "lines": result.lines,
                    "total": result.total,
                    "unit": version.result_unit,
                    "used": list(result.used),
                    "standard": version,
                }
            ).data
        )
