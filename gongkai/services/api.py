"""办事服务 and 办件 over REST (docs/services.md#api): the services on line, a case by number +
查询码 (POST, so the code stays out of logs), and the push intake for departments' systems
(token scope ``banjian:push``, signed — see ``push.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.permissions import IsStaff
from gongkai.core.api_base import error_response
from gongkai.core.api_fields import TextField, query
from gongkai.core.api_schema import error
from gongkai.core.ratelimit import rate_limited
from gongkai.services import rules
from gongkai.services import selectors as sel
from gongkai.services.choices import ApplyChannel, Audience, CaseStatus, NodeKind
from gongkai.services.push import SignatureError, push_accept

WRONG_CODE = "办件编号或查询码不正确"


class ServiceOut(serializers.Serializer):
    code = serializers.CharField(help_text="事项编码（与权责清单/公共服务清单、办件同码）")
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    for_person = serializers.BooleanField()
    for_company = serializers.BooleanField()
    life_events = serializers.SerializerMethodField()
    channels = serializers.ListField(child=serializers.ChoiceField(choices=ApplyChannel.choices))
    online_url = serializers.CharField()
    promised_time_limit = serializers.CharField(source="item.promised_time_limit")
    legal_time_limit = serializers.CharField(source="item.legal_time_limit")
    fee = serializers.CharField(source="item.fee")
    basis = serializers.CharField(source="item.basis")
    url = serializers.CharField(source="get_absolute_url")

    def get_life_events(self, obj: Any) -> list[str]:
        return [e.name for e in obj.life_events.all()]


class ServiceListParams(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    q = serializers.CharField(max_length=50, required=False)


class ServiceListApi(APIView):
    @extend_schema(
        operation_id="services_list",
        summary="办事服务（按服务对象、名称或编码筛选）",
        parameters=[ServiceListParams],
        responses={200: ServiceOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, ServiceListParams)
        qs = sel.services_public(audience=p.get("audience", ""), q=p.get("q", ""))
        return Response(ServiceOut(qs.prefetch_related("life_events")[:500], many=True).data)


class CaseFiguresOut(serializers.Serializer):
    total = serializers.IntegerField()
    this_year = serializers.IntegerField()
    open = serializers.IntegerField()
    closed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    judged = serializers.IntegerField(help_text="可判断是否按时的已办结件数")
    overdue = serializers.IntegerField(help_text="超过承诺办结日期仍在办")


class ServiceDetailOut(ServiceOut):
    figures = serializers.SerializerMethodField()

    @extend_schema_field(CaseFiguresOut)
    def get_figures(self, obj: Any) -> dict[str, int]:
        return CaseFiguresOut(sel.case_figures(code=obj.code)).data


class ServiceDetailApi(APIView):
    @extend_schema(
        operation_id="service_detail",
        summary="一项办事服务及其实时办件统计",
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)],
        responses={200: ServiceDetailOut},
    )
    def get(self, request: Request, code: str) -> Response:
        obj = sel.service_public_get(code=code)
        if obj is None:
            raise Http404
        return Response(ServiceDetailOut(obj).data)


class CaseTrackIn(serializers.Serializer):
    number = TextField(max_length=40, help_text="办件编号")
    code = TextField(max_length=20, help_text="查询码")


class NodeOut(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=NodeKind.choices)
    occurred_at = serializers.DateTimeField()
    office = serializers.CharField()
    note = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    on_time = serializers.BooleanField(allow_null=True)


class CaseOut(serializers.Serializer):
    number = serializers.CharField()
    item_code = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    applicant = serializers.SerializerMethodField(help_text="申请人（自然人只显示姓氏）")
    received_at = serializers.DateTimeField(allow_null=True)
    promised_due = serializers.DateField(allow_null=True)
    statutory_due = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    finished_at = serializers.DateTimeField(allow_null=True)
    finished_on_time = serializers.BooleanField(allow_null=True)
    result = serializers.CharField()
    nodes = NodeOut(many=True, source="nodes.all")

    def get_applicant(self, obj: Any) -> str:
        return rules.mask_name(obj.applicant_name, company=obj.applicant_is_company)


class CaseTrackApi(APIView):
    @extend_schema(
        operation_id="cases_track",
        summary="凭办件编号和查询码查询办件进度",
        request=CaseTrackIn,
        responses={200: CaseOut, 404: error(404, WRONG_CODE)},
    )
    def post(self, request: Request) -> Response:
        if rate_limited(request, key="bj-query", limit=30, window_seconds=600):
            return error_response(429, "查询过于频繁，请10分钟后再试。")
        data = CaseTrackIn(data=request.data)
        data.is_valid(raise_exception=True)
        found = sel.case_find(
            number=data.validated_data["number"], code=data.validated_data["code"]
        )
        if found is None:
            return error_response(404, WRONG_CODE)
        return Response(CaseOut(sel.case_public_get(pk=found.pk)).data)


class PushCaseIn(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    item_code = serializers.CharField(max_length=40, required=False)
    item_name = serializers.CharField(max_length=200, required=False)
    applicant_name = serializers.CharField(max_length=100, required=False)
    applicant_is_company = serializers.BooleanField(required=False)
    applicant_id = serializers.CharField(max_length=40, required=False, help_text="只存密钥散列")
    applicant_phone = serializers.CharField(max_length=40, required=False, help_text="只存密钥散列")
    query_code = serializers.CharField(max_length=40, required=False, help_text="只存密钥散列")
    received_at = serializers.DateTimeField(required=False)
    promised_due = serializers.DateField(required=False)
    statutory_due = serializers.DateField(required=False)
    result = serializers.CharField(max_length=300, required=False)
    decision_no = serializers.CharField(max_length=80, required=False)
    changed_at = serializers.DateTimeField(
        required=False, help_text="业务系统中的更新时间；比已收到的更早的版本被忽略"
    )


class PushNodeIn(serializers.Serializer):
    key = serializers.CharField(max_length=64, help_text="环节在业务系统中的唯一标识（去重）")
    case_number = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=40, help_text="受理、审查、决定、办结、送达等")
    occurred_at = serializers.DateTimeField()
    office = serializers.CharField(max_length=100, required=False)
    note = serializers.CharField(max_length=300, required=False)
    due = serializers.DateField(required=False, help_text="本环节时限")


class PushIn(serializers.Serializer):
    cases = PushCaseIn(many=True, required=False)
    nodes = PushNodeIn(many=True, required=False)


class PushOut(serializers.Serializer):
    cases = serializers.IntegerField(help_text="写入或更新的办件数")
    nodes = serializers.IntegerField(help_text="写入或更新的环节数")
    skipped = serializers.IntegerField(help_text="跳过的行（无法识别，或比已有版本更旧）")
    errors = serializers.ListField(child=serializers.CharField())
    replayed = serializers.BooleanField(help_text="同一幂等键、同一内容的重复推送，未再次写入")


_HEADERS = [
    OpenApiParameter("X-Gongkai-Source", str, OpenApiParameter.HEADER, required=True),
    OpenApiParameter("X-Gongkai-Timestamp", str, OpenApiParameter.HEADER, required=True),
    OpenApiParameter(
        "X-Gongkai-Signature",
        str,
        OpenApiParameter.HEADER,
        required=True,
        description="HMAC-SHA256(来源密钥, 时间戳 + '.' + 请求体) 的十六进制",
    ),
    OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=True),
]


class CasePushApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"POST": "banjian:push"}

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # another method is a 405 before anyone is asked to authenticate
        if request.method not in ("POST", "OPTIONS"):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="cases_push",
        summary="业务系统推送办件和办理环节（签名、幂等）",
        parameters=_HEADERS,
        request=PushIn,
        responses={200: PushOut, 409: error(409, "该幂等键已用于内容不同的推送")},
    )
    def post(self, request: Request) -> Response:
        body = request._request.body  # the signed bytes, before any parsing
        try:
            answer, replayed = push_accept(
                user=request.user,
                source_code=request.headers.get("X-Gongkai-Source", ""),
                timestamp=request.headers.get("X-Gongkai-Timestamp", ""),
                signature=request.headers.get("X-Gongkai-Signature", ""),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
                body=body,
            )
        except SignatureError as exc:
            return error_response(401, str(exc), code="bad_signature")
        return Response({**answer, "replayed": replayed})


# 双公示 -------------------------------------------------------------------------------------------
class DoubleParams(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("licensing", "行政许可"), ("penalty", "行政处罚")], help_text="公示类别"
    )
    q = serializers.CharField(
        max_length=50, required=False, help_text="决定文书号、事项名称或单位名称中的词"
    )


class DoubleOut(serializers.Serializer):
    decision_no = serializers.CharField(help_text="决定文书号")
    item_code = serializers.CharField()
    item = serializers.CharField(source="title")
    party = serializers.SerializerMethodField(help_text="行政相对人（自然人只显示姓氏）")
    decided_on = serializers.SerializerMethodField(help_text="决定日期")
    organisation = serializers.CharField(source="organisation.name", help_text="决定机关")
    result = serializers.CharField()
    disclose_by = serializers.SerializerMethodField(help_text="公示截止（决定之日起7个工作日）")

    def get_party(self, obj: Any) -> str:
        return rules.mask_name(obj.applicant_name, company=obj.applicant_is_company)

    def get_decided_on(self, obj: Any) -> dt.date | None:
        return rules.local_date(obj.decided_at) if obj.decided_at else None

    def get_disclose_by(self, obj: Any) -> dt.date | None:
        return rules.double_disclosure_due(obj.decided_at, self.context["calendar"])


@extend_schema_view(
    get=extend_schema(
        operation_id="double_disclosure_list",
        summary="“双公示”：行政许可和行政处罚决定（来自办件数据）",
        parameters=[DoubleParams],
    )
)
class DoubleListApi(generics.ListAPIView):
    serializer_class = DoubleOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        p = query(self.request, DoubleParams)
        return sel.double_disclosures(kind=p["kind"], q=p.get("q", ""))

    def get_serializer_context(self) -> dict[str, Any]:
        from gongkai.core.workdays import HolidayCalendar

        return {**super().get_serializer_context(), "calendar": HolidayCalendar()}
