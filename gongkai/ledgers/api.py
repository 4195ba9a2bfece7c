"""惠民资金 over REST (docs/ledgers.md#api): the programmes with their 公示 figures, and the
lookup of one's own payments by ID number and name (POST, so neither reaches a log)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.validators import validate_resident_id
from gongkai.core.api_base import error_response
from gongkai.core.api_fields import TextField, query
from gongkai.core.ratelimit import rate_limited
from gongkai.ledgers import selectors as sel
from gongkai.ledgers import services as svc


class ProgrammeOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    basis = serializers.CharField(help_text="政策依据")
    standard = serializers.CharField(help_text="补助标准")
    batches = serializers.IntegerField(source="n_batches", help_text="已公示批次")
    payments = serializers.SerializerMethodField(help_text="已公示人次")
    amount = serializers.SerializerMethodField(help_text="已公示金额（元）")
    url = serializers.CharField(source="get_absolute_url")

    def get_payments(self, obj: Any) -> int:
        return int(obj.n_paid or 0)

    def get_amount(self, obj: Any) -> str:
        return f"{obj.amount or 0:.2f}"


class ProgrammeListParams(serializers.Serializer):
    q = serializers.CharField(max_length=50, required=False, help_text="项目名称中的词")


class ProgrammeListApi(APIView):
    @extend_schema(
        operation_id="huimin_programmes",
        summary="惠民资金项目及已公示发放情况",
        parameters=[ProgrammeListParams],
        responses={200: ProgrammeOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, ProgrammeListParams)
        items = sel.programmes_public()
        if p.get("q"):
            items = items.filter(name__icontains=p["q"])
        return Response(ProgrammeOut(items, many=True).data)


class LookupIn(serializers.Serializer):
    id_number = TextField(max_length=18, help_text="18位公民身份号码")
    name = TextField(max_length=50, help_text="姓名，须与身份证号同时相符")

    def validate_id_number(self, value: str) -> str:
        try:
            return validate_resident_id(value, label="身份证号")
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages[0]) from None


class PaymentOut(serializers.Serializer):
    programme = serializers.CharField(source="programme.name")
    programme_code = serializers.CharField(source="programme.code")
    organisation = serializers.CharField(source="programme.organisation.name")
    period = serializers.CharField(source="batch.period")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    paid_on = serializers.DateField(allow_null=True)
    village = serializers.CharField()


class LookupOut(serializers.Serializer):
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    payments = PaymentOut(many=True)


class LookupApi(APIView):
    @extend_schema(
        operation_id="huimin_lookup",
        summary="凭身份证号和姓名查询本人已公示的惠民资金",
        request=LookupIn,
        responses={200: LookupOut},
    )
    def post(self, request: Request) -> Response:
        if rate_limited(request, key="hm-lookup", limit=svc.LOOKUP_LIMIT, window_seconds=600):
            return error_response(429, "查询过于频繁，请10分钟后再试。")
        data = LookupIn(data=request.data)
        data.is_valid(raise_exception=True)
        found = svc.payments_lookup(
            actor=request.user,
            id_number=data.validated_data["id_number"],
            name=data.validated_data["name"],
        )
        totals = sel.totals(found)
        return Response(
            LookupOut({"count": totals.count, "total": totals.amount, "payments": found}).data
        )
