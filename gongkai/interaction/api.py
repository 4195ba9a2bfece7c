"""政民互动 over REST (docs/interaction.md#api, docs/api.md): the public list and detail of
answered messages, submitting with a contact code, tracking and rating by number + 查询码,
意见征集 with comments and the adoption report, and the figures. Open311: interaction/open311.py.

The same services, verification and flood limits as the web forms, so the API is no way
around them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.models import Organisation
from gongkai.catalog.models import Domain
from gongkai.core.api_base import error_response
from gongkai.core.api_fields import BoolField, TextField, query
from gongkai.core.api_schema import error
from gongkai.core.contact_code import contact_code_check
from gongkai.core.ratelimit import rate_limited
from gongkai.interaction import consultations as consult_svc
from gongkai.interaction import services
from gongkai.interaction.choices import Kind, Rating
from gongkai.interaction.figures import GROUPS, figures_period, message_figures
from gongkai.interaction.limits import submission_refused
from gongkai.interaction.models import Comment, Consultation, Message, Paragraph
from gongkai.interaction.selectors import (
    comments_in_report,
    comments_public,
    consultation_public_get,
    consultations_public,
    message_public_get,
    messages_public,
)
from gongkai.interaction.verification import contact_code_request

WRONG_CODE = "留言编号或查询码不正确"
PHONE = r"^1[3-9]\d{9}$"


NOT_VERIFIED = error(403, "联系方式未经验证：验证码不正确、已失效或未获取（中文说明）")


def _not_verified(exc: DjangoValidationError) -> Response:
    """A code that does not prove the contact: the writer may not submit as that contact."""
    return error_response(403, exc.messages[0], {"code": exc.messages}, "contact_not_verified")


# 留言 ---------------------------------------------------------------------------------------
class MessagePublicOut(serializers.ModelSerializer):
    """An answered message the writer allowed to be shown: never the writer's details."""

    kind_label = serializers.CharField(source="get_kind_display")
    organisation = serializers.CharField(source="organisation.name")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Message
        fields = [
            "number",
            "kind",
            "kind_label",
            "subject",
            "content",
            "organisation",
            "status",
            "status_label",
            "received_on",
            "answer",
            "answered_at",
        ]


class MessageParams(serializers.Serializer):
    q = serializers.CharField(max_length=50, required=False, help_text="标题或内容关键词")
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)


@extend_schema_view(
    get=extend_schema(
        summary="已公开的留言及答复", operation_id="messages_list", parameters=[MessageParams]
    )
)
class MessageListApi(generics.ListAPIView):
    serializer_class = MessagePublicOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = query(self.request, MessageParams)
        return messages_public(q=params.get("q", ""), kind=params.get("kind", ""))


class MessageDetailApi(APIView):
    @extend_schema(
        summary="已公开的留言详情",
        operation_id="messages_retrieve",
        responses={200: MessagePublicOut, 404: error(404, "该留言不存在或未公开")},
    )
    def get(self, request: Request, number: str) -> Response:
        msg = message_public_get(number=number[:20])
        if msg is None:
            return error_response(404, "该留言不存在或未公开")
        return Response(MessagePublicOut(msg).data)


class ContactCodeIn(serializers.Serializer):
    contact = serializers.RegexField(
        r"^(1[3-9][0-9]{9}|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,4})$",
        max_length=254,
        help_text="手机号码或电子邮箱",
        error_messages={"invalid": "请填写11位手机号码或电子邮箱"},
    )


class ContactCodeApi(APIView):
    @extend_schema(
        summary="获取联系方式验证码（提交留言、意见前）",
        operation_id="interaction_contact_code",
        request=ContactCodeIn,
        responses={204: None, 429: error(429, "获取过于频繁（中文说明）")},
    )
    def post(self, request: Request) -> Response:
        data = ContactCodeIn(data=request.data)
        data.is_valid(raise_exception=True)
        refused = contact_code_request(
            request,
            purpose="hd",
            contact=data.validated_data["contact"],
            what="提交政民互动留言",
        )
        if refused:
            return error_response(429, refused[1], code=refused[0])
        return Response(status=204)


class MessageIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    subject = TextField(max_length=100)
    content = TextField(max_length=5000)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "承办机构不存在"},
    )
    domain = serializers.PrimaryKeyRelatedField(
        queryset=Domain.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "领域不存在"},
    )
    about_case_no = TextField(max_length=40, required=False, allow_blank=True)
    name = TextField(max_length=30)
    # absent when not given (an empty string is neither a number nor an address)
    phone = serializers.RegexField(
        PHONE, required=False, error_messages={"invalid": "请输入11位手机号码"}
    )
    email = serializers.EmailField(required=False)
    allow_public = BoolField(default=False, help_text="同意公开留言内容和答复")
    code = TextField(
        max_length=6, required=False, allow_blank=True, help_text="验证码（未登录时必填）"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("phone") or attrs.get("email")):
            raise serializers.ValidationError({"phone": "请填写手机号码或电子邮箱，以便接收答复"})
        return attrs


class MessageReceiptOut(serializers.Serializer):
    number = serializers.CharField()
    query_code = serializers.CharField(help_text="只返回这一次")
    received_on = serializers.DateField()
    reply_due = serializers.DateField(allow_null=True)
    organisation = serializers.CharField()


class MessageSubmitApi(APIView):
    @extend_schema(
        summary="提交留言（咨询、领导信箱、建言、投诉、举报）",
        operation_id="messages_submit",
        request=MessageIn,
        responses={
            201: MessageReceiptOut,
            403: NOT_VERIFIED,
            429: error(429, "提交过于频繁（中文说明）"),
        },
    )
    def post(self, request: Request) -> Response:
        data = MessageIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if v not in (None, "")}
        code = values.pop("code", "")
        contact = values.get("phone") or values.get("email", "")
        user = request.user if request.user.is_authenticated else None
        if user is None:
            try:
                contact_code_check(purpose="hd", contact=contact, code=code)
            except DjangoValidationError as exc:
                return _not_verified(exc)
        refused = submission_refused(request, contact)
        if refused:
            return error_response(429, refused, code="submission_limited")
        msg, query_code = services.message_submit(data=values, user=user)
        return Response(
            MessageReceiptOut(
                {
                    "number": msg.number,
                    "query_code": query_code,
                    "received_on": msg.received_on,
                    "reply_due": msg.reply_due,
                    "organisation": msg.organisation.name,
                }
            ).data,
            status=201,
        )


class MessageTrackIn(serializers.Serializer):
    number = TextField(max_length=20)
    query_code = TextField(max_length=12)


class MessageEventOut(serializers.Serializer):
    at = serializers.DateTimeField()
    label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()


class MessageStatusOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    organisation = serializers.CharField(source="organisation.name")
    status_label = serializers.CharField(source="get_status_display")
    rating_label = serializers.CharField(source="get_rating_display")
    events = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "number",
            "kind",
            "kind_label",
            "subject",
            "organisation",
            "status",
            "status_label",
            "received_on",
            "reply_due",
            "answer",
            "answered_at",
            "reject_reason",
            "rating",
            "rating_label",
            "petition_notice_due",
            "petition_done_due",
            "events",
        ]

    def get_events(self, msg: Message) -> list[dict[str, Any]]:
        from gongkai.interaction.views import WRITER_EVENTS

        events = [e for e in msg.events.all() if e.kind in WRITER_EVENTS]
        return MessageEventOut(events, many=True).data  # type: ignore[return-value]


def _tracked(request: Request, data: serializers.Serializer) -> Message | None:
    data.is_valid(raise_exception=True)
    return services.message_for_tracking(
        number=data.validated_data["number"], code=data.validated_data["query_code"]
    )


class MessageTrackApi(APIView):
    @extend_schema(
        summary="凭留言编号和查询码查询办理情况",
        operation_id="messages_track",
        request=MessageTrackIn,
        responses={200: MessageStatusOut, 404: error(404, WRONG_CODE)},
    )
    def post(self, request: Request) -> Response:
        if rate_limited(request, key="hd-track", limit=30, window_seconds=600):
            return error_response(429, "查询过于频繁，请10分钟后再试。")
        msg = _tracked(request, MessageTrackIn(data=request.data))
        if msg is None:
            return error_response(404, WRONG_CODE)
        return Response(MessageStatusOut(msg).data)


class RateIn(MessageTrackIn):
    rating = serializers.ChoiceField(choices=Rating.choices)
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True)


class MessageRateApi(APIView):
    @extend_schema(
        summary="评价答复（满意、基本满意、不满意）",
        operation_id="messages_rate",
        request=RateIn,
        responses={200: MessageStatusOut, 404: error(404, WRONG_CODE), 409: error(409)},
    )
    def post(self, request: Request) -> Response:
        data = RateIn(data=request.data)
        msg = _tracked(request, data)
        if msg is None:
            return error_response(404, WRONG_CODE)
        msg = services.message_rate(
            msg=msg,
            rating=data.validated_data["rating"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(MessageStatusOut(msg).data)


# 意见征集 -----------------------------------------------------------------------------------
class DraftConsultationListOut(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    decision_kind_label = serializers.CharField(source="get_decision_kind_display")
    phase = serializers.CharField(source="phase_label")

    class Meta:
        model = Consultation
        fields = [
            "id",
            "title",
            "decision_kind",
            "decision_kind_label",
            "organisation",
            "deciding_body",
            "starts_on",
            "ends_on",
            "short_reason",
            "status",
            "phase",
        ]


class ParagraphOut(serializers.ModelSerializer):
    class Meta:
        model = Paragraph
        fields = ["id", "number", "text"]


class DraftCommentOut(serializers.ModelSerializer):
    paragraph = serializers.IntegerField(source="paragraph.number", allow_null=True, default=None)

    class Meta:
        model = Comment
        fields = ["id", "paragraph", "content", "created_at"]


class DraftConsultationOut(DraftConsultationListOut):
    paragraphs = ParagraphOut(many=True)
    comments = serializers.SerializerMethodField()

    class Meta(DraftConsultationListOut.Meta):
        fields = [
            *DraftConsultationListOut.Meta.fields,
            "explanation",
            "how_to_comment",
            "paragraphs",
            "comments",
        ]

    def get_comments(self, c: Consultation) -> list[dict[str, Any]]:
        return DraftCommentOut(comments_public(c), many=True).data  # type: ignore[return-value]


@extend_schema_view(get=extend_schema(summary="意见征集列表", operation_id="consultations_list"))
class ConsultationListApi(generics.ListAPIView):
    serializer_class = DraftConsultationListOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return consultations_public()


def _consultation(pk: int) -> Consultation | None:
    return consultation_public_get(pk=pk)


class ConsultationDetailApi(APIView):
    @extend_schema(
        summary="意见征集详情（草案逐段、已显示的意见）",
        operation_id="consultations_retrieve",
        responses={200: DraftConsultationOut, 404: error(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        c = _consultation(id)
        if c is None:
            return error_response(404, "该意见征集不存在或尚未发布")
        return Response(DraftConsultationOut(c).data)


class DraftCommentIn(serializers.Serializer):
    paragraph = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="段落序号；不填为整体意见"
    )
    content = TextField(max_length=3000)
    phone = serializers.RegexField(PHONE, required=False)
    code = TextField(max_length=6, required=False, allow_blank=True)


class DraftCommentReceiptOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="pending：审核后显示")


class ConsultationCommentApi(APIView):
    @extend_schema(
        summary="对草案提出意见（审核后显示）",
        operation_id="consultations_comment",
        request=DraftCommentIn,
        responses={
            201: DraftCommentReceiptOut,
            403: NOT_VERIFIED,
            404: error(404),
            409: error(409, "不在征集期内"),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        c = _consultation(id)
        if c is None:
            return error_response(404, "该意见征集不存在或尚未发布")
        data = DraftCommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        user = request.user if request.user.is_authenticated else None
        if user is None:
            phone = values.get("phone", "")
            if not phone:
                return error_response(
                    403, "未登录时请填写手机号码并获取验证码", code="contact_not_verified"
                )
            try:
                contact_code_check(purpose="zj", contact=phone, code=values.get("code", ""))
            except DjangoValidationError as exc:
                return _not_verified(exc)
        number = values.pop("paragraph", None)
        paragraph = c.paragraphs.filter(number=number).first() if number else None
        if number and paragraph is None:
            return error_response(400, "没有这一段", {"paragraph": ["没有这一段"]})
        comment = consult_svc.comment_submit(
            consultation=c, data={**values, "paragraph": paragraph}, user=user
        )
        return Response(DraftCommentReceiptOut(comment).data, status=201)


class AdoptionReportRowOut(serializers.Serializer):
    paragraph = serializers.IntegerField(source="paragraph.number", allow_null=True, default=None)
    content = serializers.SerializerMethodField()
    disposition = serializers.CharField()
    disposition_label = serializers.CharField(source="get_disposition_display")
    reason = serializers.CharField(source="disposition_reason")

    def get_content(self, cm: Comment) -> str:
        return cm.content if cm.text_public else "（含个人信息，内容不予显示）"


class AdoptionReportOut(serializers.Serializer):
    summary = serializers.CharField()
    reported_at = serializers.DateTimeField()
    counts = serializers.DictField(child=serializers.IntegerField())
    comments = AdoptionReportRowOut(many=True)
    final_publication = serializers.IntegerField(allow_null=True)


class ConsultationReportApi(APIView):
    @extend_schema(
        summary="意见采纳情况",
        operation_id="consultations_report",
        responses={200: AdoptionReportOut, 404: error(404, "尚未发布意见采纳情况")},
    )
    def get(self, request: Request, id: int) -> Response:
        c = _consultation(id)
        if c is None or c.reported_at is None:
            return error_response(404, "尚未发布意见采纳情况")
        return Response(
            AdoptionReportOut(
                {
                    "summary": c.report_summary,
                    "reported_at": c.reported_at,
                    "counts": consult_svc.consultation_counts(c),
                    "comments": comments_in_report(c),
                    "final_publication": c.final_publication_id,
                }
            ).data
        )


# 数据统计 -----------------------------------------------------------------------------------
class FiguresParams(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    by = serializers.ChoiceField(
        choices=[(g, g) for g in GROUPS], required=False, help_text="分组；不填为合计"
    )


class FigureRowOut(serializers.Serializer):
    label = serializers.CharField(required=False)
    received = serializers.IntegerField()
    on_spot = serializers.IntegerField()
    answered = serializers.IntegerField()
    done = serializers.IntegerField()
    on_time = serializers.IntegerField()
    avg_days = serializers.FloatField(allow_null=True)
    rated = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    reopened = serializers.IntegerField()
    on_spot_rate = serializers.FloatField(allow_null=True)
    done_rate = serializers.FloatField(allow_null=True)
    on_time_rate = serializers.FloatField(allow_null=True)
    satisfied_rate = serializers.FloatField(allow_null=True)
    reopen_rate = serializers.FloatField(allow_null=True)


class FiguresOut(serializers.Serializer):
    start = serializers.DateField(help_text="实际统计的起始日期")
    end = serializers.DateField(help_text="实际统计的截止日期")
    note = serializers.CharField(help_text="所给期间不正确时的中文说明（此时统计本年度），否则为空")
    rows = FigureRowOut(many=True)


class FiguresApi(APIView):
    @extend_schema(
        summary="政民互动数据统计（全部机构）",
        operation_id="interaction_figures",
        parameters=[FiguresParams],
        responses={200: FiguresOut},
    )
    def get(self, request: Request) -> Response:
        from django.utils import timezone

        params = query(request, FiguresParams)
        start, end, note = figures_period(
            {k: str(params[k]) for k in ("start", "end") if params.get(k)}, timezone.localdate()
        )
        rows = message_figures(Message.objects.all(), start=start, end=end, by=params.get("by", ""))
        return Response(FiguresOut({"start": start, "end": end, "note": note, "rows": rows}).data)
