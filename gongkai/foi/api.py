"""依申请公开 over REST, for applicants' apps and a provincial FOI platform (docs/foi.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import IsStaff
from gongkai.accounts.validators import IdType, validate_identity, validate_uscc
from gongkai.foi import services
from gongkai.foi.law import (
    DECISION_CHOICES,
    MAX_FEE_PAGES,
    ApplicantKind,
    Delivery,
    OrgCategory,
)
from gongkai.foi.limits import submission_refused
from gongkai.foi.models import STAFF_ACTIONS, Application, Consultation
from gongkai.foi.views_manage import _apps


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
    receipt_no = serializers.CharField(max_length=24)
    query_code = serializers.CharField(max_length=12)


class ApplicationSubmitApi(APIView):
    """The same limits as the web form (foi.limits), so the API is no way around them."""

    @extend_schema(
        operation_id="foi_submit",
        summary="提交政府信息公开申请",
        request=SubmitIn,
        responses={
            201: ReceiptOut,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="输入有误（逐项中文说明）"),
            429: OpenApiResponse(OpenApiTypes.OBJECT, description="提交过于频繁（中文说明）"),
        },
    )
    def post(self, request: Request) -> Response:
        data = SubmitIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        org = values.pop("organisation")
        refused = submission_refused(request, values)
        if refused:
            return Response({"detail": refused}, status=429)
        app, code = services.application_submit(data=values, organisation=org)
        return Response(
            ReceiptOut(
                {
                    "receipt_no": app.receipt_no,
                    "query_code": code,
                    "received_on": app.received_on,
                    "reply_due": app.reply_due,
                    "due_is_estimate": app.due_is_estimate,
                }
            ).data,
            status=201,
        )


class ApplicationTrackApi(APIView):
    @extend_schema(
        operation_id="foi_track",
        summary="凭受理编号和查询码查询进度",
        request=TrackIn,
        responses={200: StatusOut},
    )
    def post(self, request: Request) -> Response:
        data = TrackIn(data=request.data)
        data.is_valid(raise_exception=True)
        app = services.application_for_tracking(
            receipt_no=data.validated_data["receipt_no"], code=data.validated_data["query_code"]
        )
        if app is None:
            return Response({"detail": "受理编号或查询码不正确"}, status=404)
        return Response(StatusOut(app).data)


class StaffApplicationOut(StatusOut):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    description = serializers.CharField()
    channel = serializers.CharField()
    clock_start = serializers.DateField(allow_null=True)
    extension_days = serializers.IntegerField()
    excessive_days = serializers.IntegerField()
    paused_days = serializers.IntegerField()
    due_is_estimate = serializers.BooleanField()
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=[a.value for a in STAFF_ACTIONS]),
        source="allowed_actions",
        help_text="当前状态下允许的办理操作（与办理页面显示的按钮一致）",
    )


class StaffApplicationListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="manage_foi_list",
        summary="本机关的申请（工作人员）",
        responses={200: StaffApplicationOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            StaffApplicationOut(_apps(request).order_by("-created_at")[:500], many=True).data
        )


ACTIONS: dict[str, tuple[type[serializers.Serializer], Any]] = {}


def action(name: str, fields: dict[str, serializers.Field]):  # type: ignore[no-untyped-def]
    def register(fn):  # type: ignore[no-untyped-def]
        ACTIONS[name] = (type(f"{name.title()}In", (serializers.Serializer,), dict(fields)), fn)
        return fn

    return register


D = {"error_messages": {"invalid": "日期格式应为 YYYY-MM-DD"}}


def ON() -> serializers.DateField:  # the optional step date, default today
    return serializers.DateField(
        required=False, allow_null=True, help_text="办理日期，默认今天；不得晚于今天", **D
    )


action("confirm", {"on": ON()})(
    lambda user, app, d: services.application_confirm(actor=user, app=app, on=d.get("on"))
)
action(
    "correction",
    {
        "items": serializers.CharField(max_length=3000),
        "deadline": serializers.DateField(**D),
        "on": ON(),
    },
)(lambda user, app, d: services.correction_request(actor=user, app=app, **d))
action("corrected", {"text": serializers.CharField(max_length=3000), "on": ON()})(
    lambda user, app, d: services.correction_submit(app=app, actor=user, **d)
)
action(
    "extend",
    {
        "days": serializers.IntegerField(min_value=1, max_value=20),
        "reason": serializers.CharField(max_length=1000),
        "on": ON(),
    },
)(lambda user, app, d: services.extension_approve(actor=user, app=app, **d))
action(
    "consult",
    {
        "kind": serializers.ChoiceField(choices=["third_party", "agency"]),
        "party": serializers.CharField(max_length=100),
        "sent_on": ON(),
    },
)(lambda user, app, d: services.consultation_start(actor=user, app=app, **d).application)
action(
    "consulted",
    {
        "consultation": serializers.IntegerField(),
        "answered_on": serializers.DateField(required=False, allow_null=True, **D),
        "agrees": serializers.BooleanField(required=False, allow_null=True),
        "reasons": serializers.CharField(required=False, allow_blank=True, default=""),
    },
)(
    lambda user, app, d: services.consultation_answer(
        actor=user,
        consultation=app.consultations.get(pk=d["consultation"]),
        answered_on=d.get("answered_on"),
        agrees=d.get("agrees"),
        reasons=d["reasons"],
    )
)
action(
    "fee",
    {
        "basis": serializers.ChoiceField(choices=["item", "volume"]),
        "quantity": serializers.IntegerField(min_value=1, max_value=MAX_FEE_PAGES),
        "on": ON(),
    },
)(lambda user, app, d: services.fee_notice(actor=user, app=app, **d))
action("paid", {"on": ON()})(
    lambda user, app, d: services.fee_paid(actor=user, app=app, on=d.get("on"))
)
action("secrecy", {})(lambda user, app, d: services.secrecy_review(actor=user, app=app))
action(
    "decide",
    {
        "outcome": serializers.ChoiceField(choices=DECISION_CHOICES),
        "reply_text": serializers.CharField(max_length=10000),
        "public_interest_reason": serializers.CharField(
            required=False, allow_blank=True, default="", max_length=2000
        ),
        "on": ON(),
    },
)(lambda user, app, d: services.application_decide(actor=user, app=app, **d))


def _transfer(user, app, d):  # type: ignore[no-untyped-def]
    target = Organisation.objects.filter(pk=d["to"], is_active=True).first()
    if target is None:
        raise serializers.ValidationError({"to": ["机关不存在"]})
    return services.application_transfer(actor=user, app=app, to=target, reason=d["reason"])


def _assign(user, app, d):  # type: ignore[no-untyped-def]
    from gongkai.accounts.models import User

    handler = User.objects.filter(pk=d["handler"]).first()
    if handler is None:
        raise serializers.ValidationError({"handler": ["用户不存在"]})
    return services.application_assign(actor=user, app=app, handler=handler)


def _document(user, app, d):  # type: ignore[no-untyped-def]
    from gongkai.foi.documents import reply_document_generate

    reply_document_generate(actor=user, app=app, kind=d["kind"], extra=d.get("extra") or {})
    return app


def _serve(user, app, d):  # type: ignore[no-untyped-def]
    from gongkai.foi.documents import reply_document_serve

    document = app.documents.filter(pk=d["document"]).first()
    if document is None:
        raise serializers.ValidationError({"document": ["没有这个文书"]})
    reply_document_serve(
        actor=user, document=document, method=d["method"], on=d["on"], receipt=d["receipt"]
    )
    return app


action("transfer", {"to": serializers.IntegerField(), "reason": serializers.CharField()})(_transfer)
action("assign", {"handler": serializers.IntegerField()})(_assign)
action("excessive_ask", {"reply_by": serializers.DateField(**D), "on": ON()})(
    lambda user, app, d: services.excessive_ask_reasons(actor=user, app=app, **d)
)
action(
    "excessive_period",
    {
        "due": serializers.DateField(**D),
        "reason": serializers.CharField(max_length=1000),
        "on": ON(),
    },
)(lambda user, app, d: services.excessive_set_period(actor=user, app=app, **d))
action(
    "document",
    {
        "kind": serializers.ChoiceField(
            choices=[
                k
                for k, _l in __import__("gongkai.foi.models", fromlist=["DocKind"]).DocKind.choices
            ]
        ),
        "extra": serializers.DictField(child=serializers.CharField(), required=False),
    },
)(_document)
action(
    "serve",
    {
        "document": serializers.IntegerField(),
        "method": serializers.CharField(),
        "on": serializers.DateField(**D),
        "receipt": serializers.CharField(required=False, allow_blank=True, default=""),
    },
)(_serve)


class ApplicantActionIn(TrackIn):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class ApplicantCorrectionApi(APIView):
    @extend_schema(
        operation_id="foi_correct",
        summary="在线补正（凭受理编号和查询码）",
        request=ApplicantActionIn,
        responses={200: StatusOut},
    )
    def post(self, request: Request) -> Response:
        return _applicant_action(
            request, lambda app, text: services.correction_submit(app=app, text=text)
        )


class ApplicantWithdrawApi(APIView):
    @extend_schema(
        operation_id="foi_withdraw",
        summary="撤回申请（凭受理编号和查询码）",
        request=TrackIn,
        responses={200: StatusOut},
    )
    def post(self, request: Request) -> Response:
        return _applicant_action(request, lambda app, _text: services.application_withdraw(app=app))


def _applicant_action(request: Request, fn) -> Response:  # type: ignore[no-untyped-def]
    data = ApplicantActionIn(data=request.data)
    data.is_valid(raise_exception=True)
    app = services.application_for_tracking(
        receipt_no=data.validated_data["receipt_no"], code=data.validated_data["query_code"]
    )
    if app is None:
        return Response({"detail": "受理编号或查询码不正确"}, status=404)
    app = fn(app, data.validated_data["text"])
    return Response(StatusOut(app).data)


def _action_view(name: str) -> type[APIView]:
    serializer, fn = ACTIONS[name]

    class ActionApi(APIView):
        permission_classes = [IsStaff]

        @extend_schema(
            operation_id=f"manage_foi_{name}",
            summary=f"办理操作：{name}",
            request=serializer,
            responses={200: StaffApplicationOut},
        )
        def post(self, request: Request, id: int) -> Response:
            app = _apps(request).filter(pk=id).first()
            if app is None:
                return Response({"detail": "没有找到该申请，或您无权办理"}, status=404)
            data = serializer(data=request.data)
            data.is_valid(raise_exception=True)
            try:
                app = fn(request.user, app, dict(data.validated_data))
            except Consultation.DoesNotExist:
                return Response({"consultation": ["没有这个征求意见记录"]}, status=400)
            app.refresh_from_db()
            return Response(StaffApplicationOut(app).data)

    ActionApi.__name__ = f"Foi{name.title()}Api"
    return ActionApi


ACTION_VIEWS = {name: _action_view(name) for name in ACTIONS}
