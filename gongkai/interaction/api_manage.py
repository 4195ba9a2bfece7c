"""政民互动 staff API 办理接口 (docs/interaction.md#staff-api, docs/api.md): messages (list,
12345-style intake, one read, one endpoint per action), 意见征集 (list, comments, moderation,
dispositions, publish, close, adoption report), and publishing knowledge entries, hot topics
and surveys, with a survey's full results.

Reads go through interaction.selectors (department isolation); every write is the one service
that owns it, so the API is no way around a guard, a reviewer's right or a clock. Which actions
a message allows now is asked of the model (``Message.staff_actions``), as the staff page does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import IsStaff, orgs_visible_to
from gongkai.catalog.models import Domain
from gongkai.core.api_fields import BoolField, ClockDateField, TextField, query
from gongkai.core.api_schema import error
from gongkai.core.privacy import mask_phone
from gongkai.interaction import consultations as consult_svc
from gongkai.interaction import knowledge as kb
from gongkai.interaction import services
from gongkai.interaction import surveys as sv
from gongkai.interaction.choices import INTAKE_CHANNELS, Action, Channel, Kind, Status
from gongkai.interaction.consult_rules import Disposition, HideReason
from gongkai.interaction.duplicates import message_merge
from gongkai.interaction.knowledge_rules import response_targets
from gongkai.interaction.models import Comment, Consultation, Message
from gongkai.interaction.selectors import (
    consultations_for_staff,
    hot_topics_for_staff,
    knowledge_for_staff,
    messages_for_staff,
    surveys_for_staff,
)

TOKEN_SCOPES = {"GET": "hudong:read", "POST": "hudong:write"}  # accounts.models.TokenScope
MAX_LIST = 500
CONFLICT = error(409, "当前状态不允许此操作")


def _one(qs: QuerySet, pk: int) -> Any:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


class StaffView(APIView):
    permission_classes = [IsStaff]
    token_scopes = TOKEN_SCOPES


# 留言 ---------------------------------------------------------------------------------------
class StaffMessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    subject = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    received_on = serializers.DateField()
    reply_due = serializers.DateField(allow_null=True)
    answer_pending = serializers.BooleanField(help_text="有待审核的答复")
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=Action.choices),
        source="staff_actions",
        help_text="当前状态下允许的办理操作（与办理页面显示的按钮一致）",
    )


class EventOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()
    at = serializers.DateTimeField()


class StaffMessageDetailOut(StaffMessageOut):
    """One message as its handlers see it: the phone masked, the e-mail for replying."""

    content = serializers.CharField()
    name = serializers.CharField()
    phone = serializers.SerializerMethodField(help_text="手机号码（中间四位隐去）")
    email = serializers.CharField()
    allow_public = serializers.BooleanField()
    about_case_no = serializers.CharField()
    answer = serializers.CharField()
    answer_draft = serializers.CharField(help_text="待审核的答复")
    answer_on_spot = serializers.BooleanField()
    answered_at = serializers.DateTimeField(allow_null=True)
    reject_reason = serializers.CharField()
    rating = serializers.CharField()
    solved = serializers.BooleanField(allow_null=True)
    petition_notice_due = serializers.DateField(allow_null=True)
    petition_done_due = serializers.DateField(allow_null=True)
    petition_ack_on = serializers.DateField(allow_null=True)
    events = EventOut(many=True, source="events.all")

    def get_phone(self, msg: Message) -> str:
        return mask_phone(msg.phone)


class StaffMessageParams(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)


class StaffMessageListApi(StaffView):
    @extend_schema(
        operation_id="manage_messages_list",
        summary="本机构的政民互动留言（工作人员）",
        parameters=[StaffMessageParams],
        responses={200: StaffMessageOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, StaffMessageParams)
        qs = messages_for_staff(user=request.user, status=p.get("status", ""))
        return Response(StaffMessageOut(qs[:MAX_LIST], many=True).data)


class IntakeIn(serializers.Serializer):
    """电话、来访、来信登记 (12345 style): the caller may leave neither phone nor e-mail."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=INTAKE_CHANNELS, help_text="电话、来访或来信")
    subject = TextField(max_length=100)
    content = TextField(max_length=5000)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    domain = serializers.PrimaryKeyRelatedField(
        queryset=Domain.objects.all(), required=False, allow_null=True
    )
    name = TextField(max_length=30)
    phone = TextField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    allow_public = BoolField(required=False, default=False)
    received_on = ClockDateField(
        required=False, allow_null=True, help_text="收到日期（补录时填写，最早90日前，默认今天）"
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organisation"].queryset = orgs_visible_to(user)


class StaffMessageIntakeApi(StaffView):
    @extend_schema(
        operation_id="manage_messages_intake",
        summary="登记电话、来访、来信留言",
        request=IntakeIn,
        responses={201: StaffMessageDetailOut},
    )
    def post(self, request: Request) -> Response:
        data = IntakeIn(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        channel, received_on = values.pop("channel"), values.pop("received_on", None)
        msg, _code = services.message_submit(
            data=values, channel=channel, actor=request.user, files=[], received_on=received_on
        )
        return Response(StaffMessageDetailOut(msg).data, status=201)


class StaffMessageDetailApi(StaffView):
    @extend_schema(
        operation_id="manage_messages_detail",
        summary="一条留言的内容、期限、答复和办理记录",
        responses={200: StaffMessageDetailOut},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(StaffMessageDetailOut(_one(messages_for_staff(user=request.user), id)).data)


# one input class per action; ``perform`` calls the action's one service -----------------------
class MessageStepIn(serializers.Serializer):
    action: ClassVar[str]  # the URL segment and the model's Action value

    def perform(self, *, actor: Any, msg: Message) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class MessageAcceptIn(MessageStepIn):
    action = Action.ACCEPT

    def perform(self, *, actor: Any, msg: Message) -> Any:
        return services.message_accept(actor=actor, msg=msg)


class MessageRejectIn(MessageStepIn):
    action = Action.REJECT
    reason = TextField(max_length=300, help_text="不予受理的理由（留言人可见）")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        return services.message_reject(actor=actor, msg=msg, reason=self.validated_data["reason"])


class MessageTransferIn(MessageStepIn):
    action = Action.TRANSFER
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), help_text="转至机构"
    )
    reason = TextField(max_length=300, help_text="转办理由")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        return services.message_transfer(actor=actor, msg=msg, **self.validated_data)


class MessageAnswerIn(MessageStepIn):
    action = Action.ANSWER
    text = TextField(max_length=5000, help_text="答复内容（审核通过后才向留言人公开）")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        return services.message_answer(actor=actor, msg=msg, text=self.validated_data["text"])


class MessageReviewIn(MessageStepIn):
    action = Action.APPROVE
    approve = BoolField(help_text="true：通过并答复；false：退回修改（须填写退回意见）")
    comment = TextField(max_length=300, required=False, allow_blank=True, default="")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        return services.message_answer_review(actor=actor, msg=msg, **self.validated_data)


class MessageOnSpotIn(MessageStepIn):
    action = Action.ON_SPOT
    text = TextField(max_length=5000, help_text="当场答复的内容")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        text = self.validated_data["text"]
        return services.message_answer_on_spot(actor=actor, msg=msg, text=text)


class MessagePetitionIn(MessageStepIn):
    action = Action.REFER_PETITION
    reason = TextField(max_length=300, help_text="转信访的说明（留言人可见）")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        note = self.validated_data["reason"]
        return services.message_refer_petition(actor=actor, msg=msg, note=note)


class MessagePetitionAckIn(MessageStepIn):
    action = Action.PETITION_ACK
    on = ClockDateField(required=False, allow_null=True, help_text="信访受理告知日期，默认今天")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        on = self.validated_data.get("on")
        return services.message_petition_ack(actor=actor, msg=msg, on=on)


class MessageMergeIn(MessageStepIn):
    action = Action.MERGE
    into = TextField(max_length=20, help_text="合并至的留言编号（本机构可办理的留言）")

    def perform(self, *, actor: Any, msg: Message) -> Any:
        into = messages_for_staff(user=actor).filter(number=self.validated_data["into"]).first()
        if into is None:
            raise ValidationError({"into": "没有找到该留言编号，或无权办理"})
        return message_merge(actor=actor, msg=msg, into=into)


class MessageStepApi(StaffView):
    """Base of the action endpoints: a subclass names its input class and gets its own
    documented operation from it (operation id, summary, request body, 409)."""

    step: type[MessageStepIn]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

        def post(self: MessageStepApi, request: Request, id: int) -> Response:
            msg = _one(messages_for_staff(user=request.user), id)
            data = self.step(data=request.data)
            data.is_valid(raise_exception=True)
            data.perform(actor=request.user, msg=msg)
            # after a transfer the message may be another department's: answer with its state,
            # the result of the step this user just took
            return Response(StaffMessageDetailOut(Message.objects.get(pk=msg.pk)).data)

        cls.post = extend_schema(  # type: ignore[attr-defined]
            operation_id=f"manage_messages_{cls.step.action}",
            summary=f"办理留言：{Action(cls.step.action).label}",
            request=cls.step,
            responses={200: StaffMessageDetailOut, 409: CONFLICT},
        )(post)


def _message_step(step: type[MessageStepIn]) -> type[MessageStepApi]:
    return type(f"{step.__name__[:-2]}Api", (MessageStepApi,), {"step": step})


STEPS: tuple[type[MessageStepIn], ...] = (
    MessageAcceptIn,
    MessageRejectIn,
    MessageTransferIn,
    MessageAnswerIn,
    MessageReviewIn,
)
STEPS += (MessageOnSpotIn, MessagePetitionIn, MessagePetitionAckIn, MessageMergeIn)
MESSAGE_STEP_APIS = [_message_step(s) for s in STEPS]


# 意见征集 -------------------------------------------------------------------------------------
class ConsultationStaffOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    decision_kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    short_reason = serializers.CharField()
    reported_at = serializers.DateTimeField(allow_null=True)
    final_publication = serializers.IntegerField(source="final_publication_id", allow_null=True)


class CommentStaffOut(serializers.Serializer):
    """One comment as the moderators see it: the writer's name and contact are not needed
    to moderate or decide it, so they are not sent."""

    id = serializers.IntegerField()
    paragraph = serializers.IntegerField(source="paragraph.number", allow_null=True)
    content = serializers.CharField()
    status = serializers.CharField()
    hide_reason = serializers.CharField()
    disposition = serializers.CharField()
    disposition_reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConsultationListStaffApi(StaffView):
    @extend_schema(
        operation_id="manage_consultations_list",
        summary="本机构的意见征集（含草稿）",
        responses={200: ConsultationStaffOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        qs = consultations_for_staff(user=request.user).order_by("-id")[:MAX_LIST]
        return Response(ConsultationStaffOut(qs, many=True).data)


class ConsultationCommentsStaffApi(StaffView):
    @extend_schema(
        operation_id="manage_consultations_comments",
        summary="一项意见征集收到的全部意见（含待审核和不予显示的）",
        responses={200: CommentStaffOut(many=True)},
    )
    def get(self, request: Request, id: int) -> Response:
        c = _one(consultations_for_staff(user=request.user), id)
        comments = c.comments.select_related("paragraph").order_by("id")
        return Response(CommentStaffOut(comments, many=True).data)


class SummaryIn(serializers.Serializer):
    summary = TextField(max_length=20000, help_text="意见采纳情况说明")


def _consultation_step(
    name: str, summary: str, run: Callable[..., Any], body: type[serializers.Serializer] | None
) -> type[APIView]:
    def post(self: APIView, request: Request, id: int) -> Response:
        c = _one(consultations_for_staff(user=request.user), id)
        values: dict[str, Any] = {}
        if body is not None:
            data = body(data=request.data)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
        run(actor=request.user, consultation=c, **values)
        return Response(ConsultationStaffOut(Consultation.objects.get(pk=c.pk)).data)

    post = extend_schema(
        operation_id=f"manage_consultations_{name}",
        summary=summary,
        request=body,
        responses={200: ConsultationStaffOut, 409: CONFLICT},
    )(post)
    return type(f"Consultation{name.title()}Api", (StaffView,), {"post": post, "name": name})


CONSULTATION_STEP_APIS = [
    _consultation_step("publish", "发布意见征集（审核人）", consult_svc.consultation_publish, None),
    _consultation_step("close", "截止后结束征集", consult_svc.consultation_close, None),
    _consultation_step(
        "report", "发布意见采纳情况（审核人）", consult_svc.consultation_report, SummaryIn
    ),
]


class ModerateIn(serializers.Serializer):
    show = BoolField(help_text="true：显示；false：不予显示（须选择理由）")
    reason = serializers.ChoiceField(
        choices=HideReason.choices, required=False, allow_blank=True, default=""
    )


class DisposeIn(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    reason = TextField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="部分采纳、未采纳须说明理由",
    )


def _comment(request: Request, id: int) -> Comment:
    visible = consultations_for_staff(user=request.user).values("pk")
    return _one(Comment.objects.filter(consultation__in=visible).select_related("paragraph"), id)


def _comment_step(
    name: str, summary: str, body: type[serializers.Serializer], run: Callable[..., Comment]
) -> type[APIView]:
    """One action endpoint on a comment: its input class, then the one service."""

    def post(self: APIView, request: Request, id: int) -> Response:
        comment = _comment(request, id)
        data = body(data=request.data)
        data.is_valid(raise_exception=True)
        done = run(actor=request.user, comment=comment, **data.validated_data)
        return Response(CommentStaffOut(done).data)

    post = extend_schema(
        operation_id=f"manage_comments_{name}",
        summary=summary,
        request=body,
        responses={200: CommentStaffOut, 409: CONFLICT},
    )(post)
    return type(f"Comment{name.title()}Api", (StaffView,), {"post": post})


CommentModerateApi = _comment_step(
    "moderate", "审核一条意见：显示或不予显示", ModerateIn, consult_svc.comment_moderate
)
CommentDisposeApi = _comment_step(
    "dispose", "记录一条意见的采纳情况", DisposeIn, consult_svc.comment_dispose
)


# 问答知识库, 热点回应, 问卷调查 ----------------------------------------------------------------
class KnowledgeStaffOut(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    basis = serializers.CharField()
    valid_until = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    source_message = serializers.IntegerField(source="source_message_id", allow_null=True)


class ToKnowledgeApi(StaffView):
    @extend_schema(
        operation_id="manage_messages_to_knowledge",
        summary="将已答复的留言转为知识库问答草稿（不含留言人信息）",
        request=None,
        responses={201: KnowledgeStaffOut, 409: CONFLICT},
    )
    def post(self, request: Request, id: int) -> Response:
        msg = _one(messages_for_staff(user=request.user), id)
        entry = kb.knowledge_from_message(actor=request.user, msg=msg)
        return Response(KnowledgeStaffOut(entry).data, status=201)


class TargetOut(serializers.Serializer):
    label = serializers.CharField()
    due = serializers.DateTimeField()
    done = serializers.DateTimeField(allow_null=True)
    basis = serializers.CharField()
    state = serializers.ChoiceField(choices=["met", "late", "open", "overdue"])
    state_label = serializers.CharField(help_text="按时、超时完成、未到期或已超时")


class HotTopicStaffOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    major = serializers.BooleanField(help_text="特别重大、重大突发事件")
    arose_at = serializers.DateTimeField()
    state = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    targets = serializers.SerializerMethodField(
        help_text="国办发〔2016〕80号：5小时内发布权威信息、24小时内举行新闻发布会（仅重大事件）"
    )

    @extend_schema_field(TargetOut(many=True))
    def get_targets(self, topic: Any) -> list[dict[str, Any]]:
        now = timezone.now()
        targets = response_targets(
            major=topic.major,
            arose_at=topic.arose_at,
            published_at=topic.published_at,
            conference_at=topic.conference_at,
        )
        return [t.at(now) for t in targets]


class SurveyStaffOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    start_on = serializers.DateField()
    end_on = serializers.DateField()
    status = serializers.CharField()


class OptionCountOut(serializers.Serializer):
    text = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="占答卷数的百分比")


class QuestionResultStaffOut(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    options = OptionCountOut(many=True, required=False, help_text="单选、多选题")
    text_count = serializers.IntegerField(required=False, help_text="问答题的答复数")
    texts = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="问答题最近20条答复"
    )


def _list_api(name: str, summary: str, out: type, selector: Callable[..., QuerySet]) -> type:
    @extend_schema(
        operation_id=f"manage_{name}_list", summary=summary, responses={200: out(many=True)}
    )
    def get(self: APIView, request: Request) -> Response:
        return Response(out(selector(user=request.user).order_by("-id")[:MAX_LIST], many=True).data)

    return type(f"{name.title()}ListStaffApi", (StaffView,), {"get": get})


def _publish_api(name: str, summary: str, out: type, selector: Callable, run: Callable) -> type:
    @extend_schema(
        operation_id=f"manage_{name}_publish",
        summary=summary,
        request=None,
        responses={200: out, 409: CONFLICT},
    )
    def post(self: APIView, request: Request, id: int) -> Response:
        obj = _one(selector(user=request.user), id)
        return Response(out(run(request.user, obj)).data)

    return type(f"{name.title()}PublishStaffApi", (StaffView,), {"post": post})


KNOWLEDGE = ("knowledge", KnowledgeStaffOut, knowledge_for_staff)
HOT_TOPICS = ("hot_topics", HotTopicStaffOut, hot_topics_for_staff)
SURVEYS = ("surveys", SurveyStaffOut, surveys_for_staff)
LIST_APIS = {
    "knowledge": _list_api("knowledge", "本机构的知识库问答（含草稿）", *KNOWLEDGE[1:]),
    "hot-topics": _list_api("hot_topics", "本机构的热点回应及回应时限", *HOT_TOPICS[1:]),
    "surveys": _list_api("surveys", "本机构的问卷调查（含草稿）", *SURVEYS[1:]),
}
PUBLISH_APIS = {
    "knowledge": _publish_api(
        "knowledge",
        "发布知识库问答（审核人）",
        *KNOWLEDGE[1:],
        lambda u, e: kb.knowledge_entry_publish(actor=u, entry=e),
    ),
    "hot-topics": _publish_api(
        "hot_topics",
        "发布热点回应（审核人）",
        *HOT_TOPICS[1:],
        lambda u, t: kb.hot_topic_publish(actor=u, topic=t),
    ),
    "surveys": _publish_api(
        "surveys",
        "发布问卷调查（审核人）",
        *SURVEYS[1:],
        lambda u, s: sv.survey_publish(actor=u, survey=s),
    ),
}


class SurveyResultsStaffApi(StaffView):
    @extend_schema(
        operation_id="manage_surveys_results",
        summary="问卷调查的完整结果（含问答题的文字答复，仅工作人员可见）",
        responses={200: QuestionResultStaffOut(many=True)},
    )
    def get(self, request: Request, id: int) -> Response:
        survey = _one(surveys_for_staff(user=request.user), id)
        rows = sv.survey_results(survey, with_texts=True)
        return Response(QuestionResultStaffOut(rows, many=True).data)


def urlpatterns() -> list[Any]:
    """The staff routes under /api/v1/manage/ (gongkai/api/urls.py includes them)."""
    from django.urls import path

    routes = [
        path("manage/messages", StaffMessageListApi.as_view(), name="manage_messages_list"),
        path(
            "manage/messages/intake", StaffMessageIntakeApi.as_view(), name="manage_messages_intake"
        ),
        path(
            "manage/messages/<int:id>",
            StaffMessageDetailApi.as_view(),
            name="manage_messages_detail",
        ),
        *[
            path(
                f"manage/messages/<int:id>/{v.step.action}",
                v.as_view(),
                name=f"manage_messages_{v.step.action}",
            )
            for v in MESSAGE_STEP_APIS
        ],
        path(
            "manage/messages/<int:id>/to-knowledge",
            ToKnowledgeApi.as_view(),
            name="manage_messages_to_knowledge",
        ),
        path(
            "manage/consultations",
            ConsultationListStaffApi.as_view(),
            name="manage_consultations_list",
        ),
        path(
            "manage/consultations/<int:id>/comments",
            ConsultationCommentsStaffApi.as_view(),
            name="manage_consultations_comments",
        ),
        *[
            path(
                f"manage/consultations/<int:id>/{v.name}",  # type: ignore[attr-defined]
                v.as_view(),
                name=f"manage_consultations_{v.name}",  # type: ignore[attr-defined]
            )
            for v in CONSULTATION_STEP_APIS
        ],
        path(
            "manage/comments/<int:id>/moderate",
            CommentModerateApi.as_view(),
            name="manage_comments_moderate",
        ),
        path(
            "manage/comments/<int:id>/dispose",
            CommentDisposeApi.as_view(),
            name="manage_comments_dispose",
        ),
        path(
            "manage/surveys/<int:id>/results",
            SurveyResultsStaffApi.as_view(),
            name="manage_surveys_results",
        ),
    ]
    for segment, view in LIST_APIS.items():
        routes.append(path(f"manage/{segment}", view.as_view(), name=f"manage_{segment}_list"))
    for segment, view in PUBLISH_APIS.items():
        routes.append(
            path(
                f"manage/{segment}/<int:id>/publish",
                view.as_view(),
                name=f"manage_{segment}_publish",
            )
        )
    return routes
