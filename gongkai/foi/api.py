"""依申请公开 over REST for applicants: submit, track, correct, withdraw (docs/foi.md).

The staff endpoints are in foi.api_manage."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.models import Organisation
from gongkai.accounts.validators import IdType, validate_identity, validate_uscc
from gongkai.core.api_base import error_response
from gongkai.core.api_fields import TextField
from gongkai.core.api_schema import error
from gongkai.foi import services
from gongkai.foi.law import ApplicantKind, Delivery, OrgCategory
from gongkai.foi.limits import submission_refused
from gongkai.foi.models import Application

WRONG_CODE = "受理编号或查询码不正确"


class SubmitIn(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        error_messages={"does_not_exist": "受理机关不存在"},
    )
    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    org_category = serializers.ChoiceField(
        choices=OrgCategory.choices, required=False, allow_blank=True
    )
    name = serializers.CharField(max_length=100)
    id_type = serializers.ChoiceField(
        choices=IdType.choices, required=False, default=IdType.RESIDENT, help_text="证件类型"
    )
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    uscc = serializers.CharField(
        max_length=18, required=False, allow_blank=True, validators=[validate_uscc]
    )
    phone = serializers.RegexField(
        r"^1[3-9]\d{9}$", error_messages={"invalid": "请输入11位手机号码"}
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=3000)
    purpose = serializers.CharField(max_length=500, required=False, allow_blank=True)
    delivery = serializers.ChoiceField(choices=Delivery.choices)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["applicant_kind"] == ApplicantKind.PERSON and not attrs.get("id_number"):
            raise serializers.ValidationError({"id_number": "自然人请填写证件号码"})
        if attrs.get("id_number"):
            try:
                attrs["id_number"] = validate_identity(attrs["id_type"], attrs["id_number"])
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"id_number": exc.messages}) from exc
        if attrs["applicant_kind"] == ApplicantKind.ORGANISATION and not attrs.get("uscc"):
            raise serializers.ValidationError({"uscc": "法人或其他组织请填写统一社会信用代码"})
        return attrs


class ReceiptOut(serializers.Serializer):
    receipt_no = serializers.CharField()
    query_code = serializers.CharField(help_text="只返回这一次")
    received_on = serializers.DateField(allow_null=True)
    reply_due = serializers.DateField(allow_null=True)
    due_is_estimate = serializers.BooleanField()


def receipt(app: Application, code: str) -> dict[str, Any]:
    """What the one who submitted (or registered) an application is told, once."""
    return {
        "id": app.pk,
        "receipt_no": app.receipt_no,
        "query_code": code,
        "received_on": app.received_on,
        "reply_due": app.reply_due,
        "due_is_estimate": app.due_is_estimate,
    }


class EventOut(serializers.Serializer):
    on = serializers.DateField()
    label = serializers.CharField()


class StatusOut(serializers.Serializer):
    receipt_no = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    received_on = serializers.DateField(allow_null=True)
    reply_due = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    reply_text = serializers.CharField()
    events = serializers.SerializerMethodField()

    def get_events(self, app: Application) -> list[dict[str, Any]]:
        return EventOut(app.events.filter(public=True), many=True).data  # type: ignore[return-value]


class TrackIn(serializers.Serializer):
    # TextField: a value of only white space or control characters is documented as refused
    receipt_no = TextField(max_length=24)
    query_code = TextField(max_length=12)


class ApplicationSubmitApi(APIView):
    """The same limits as the web form (foi.limits), so the API is no way around them."""

    @extend_schema(
        operation_id="foi_submit",
        summary="提交政府信息公开申请",
        request=SubmitIn,
        responses={
            201: ReceiptOut,
            429: error(429, "提交过于频繁，或超过同一申请人的申请数量限制（中文说明）"),
        },
    )
    def post(self, request: Request) -> Response:
        data = SubmitIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        org = values.pop("organisation")
        refused = submission_refused(request, values)
        if refused:
            return error_response(429, refused, code="submission_limited")
        app, code = services.application_submit(data=values, organisation=org)
        return Response(ReceiptOut(receipt(app, code)).data, status=201)


class ApplicationTrackApi(APIView):
    @extend_schema(
        operation_id="foi_track",
        summary="凭受理编号和查询码查询进度",
        request=TrackIn,
        responses={200: StatusOut, 404: error(404, WRONG_CODE)},
    )
    def post(self, request: Request) -> Response:
        data = TrackIn(data=request.data)
        data.is_valid(raise_exception=True)
        app = services.application_for_tracking(
            receipt_no=data.validated_data["receipt_no"], code=data.validated_data["query_code"]
        )
        if app is None:
            return error_response(404, WRONG_CODE)
        return Response(StatusOut(app).data)


class ApplicantCorrectionIn(TrackIn):
    text = serializers.CharField(max_length=3000, help_text="补正内容")


def _tracked(data: TrackIn) -> Application | None:
    data.is_valid(raise_exception=True)
    return services.application_for_tracking(
        receipt_no=data.validated_data["receipt_no"], code=data.validated_data["query_code"]
    )


class ApplicantCorrectionApi(APIView):
    @extend_schema(
        operation_id="foi_correct",
        summary="在线补正（凭受理编号和查询码）",
        request=ApplicantCorrectionIn,
        responses={200: StatusOut, 404: error(404, WRONG_CODE), 409: error(409)},
    )
    def post(self, request: Request) -> Response:
        data = ApplicantCorrectionIn(data=request.data)
        app = _tracked(data)
        if app is None:
            return error_response(404, WRONG_CODE)
        app = services.correction_submit(app=app, text=data.validated_data["text"])
        return Response(StatusOut(app).data)


class ApplicantWithdrawApi(APIView):
    @extend_schema(
        operation_id="foi_withdraw",
        summary="撤回申请（凭受理编号和查询码）",
        request=TrackIn,
        responses={200: StatusOut, 404: error(404, WRONG_CODE), 409: error(409)},
    )
    def post(self, request: Request) -> Response:
        app = _tracked(TrackIn(data=request.data))
        if app is None:
            return error_response(404, WRONG_CODE)
        return Response(StatusOut(services.application_withdraw(app=app)).data)
