"""问答知识库, 知识清单, 热点回应 and 问卷调查 over REST (docs/interaction.md#api): public
reads, the as-you-type suggestions, and answering a survey (the same service and one-answer
rule as the web form)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.api_base import error_response
from gongkai.core.api_fields import query
from gongkai.core.api_schema import error
from gongkai.core.errors import Conflict
from gongkai.core.ratelimit import rate_limited
from gongkai.interaction.models import (
    HotTopic,
    KnowledgeEntry,
    KnowledgeList,
    Option,
    Question,
    Survey,
)
from gongkai.interaction.selectors import (
    hot_topics_public,
    knowledge_lists_public,
    knowledge_public,
    knowledge_suggest,
    surveys_public,
)
from gongkai.interaction.survey_rules import QuestionKind
from gongkai.interaction.surveys import survey_respond, survey_results


# 问答知识库 ------------------------------------------------------------------------------------
class KnowledgeOut(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    domain = serializers.CharField(source="domain.name", allow_null=True, default=None)

    class Meta:
        model = KnowledgeEntry
        fields = [
            "id",
            "question",
            "answer",
            "organisation",
            "domain",
            "basis",
            "valid_until",
            "published_at",
        ]


class KnowledgeParams(serializers.Serializer):
    q = serializers.CharField(max_length=50, required=False, help_text="问题或解答中的关键词")


@extend_schema_view(
    get=extend_schema(
        summary="问答知识库（已发布且在有效期内）",
        operation_id="knowledge_list",
        parameters=[KnowledgeParams],
    )
)
class KnowledgeListApi(generics.ListAPIView):
    serializer_class = KnowledgeOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return knowledge_public(q=query(self.request, KnowledgeParams).get("q", ""))


class KnowledgeDetailApi(APIView):
    @extend_schema(
        summary="知识库问答详情",
        operation_id="knowledge_retrieve",
        responses={200: KnowledgeOut, 404: error(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        entry = knowledge_public().filter(pk=id).first()
        if entry is None:
            return error_response(404, "该问答不存在、未发布或已过有效期")
        return Response(KnowledgeOut(entry).data)


class SuggestParams(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text="留言人正在输入的标题或内容")


class SuggestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    url = serializers.CharField()


class SuggestionsOut(serializers.Serializer):
    results = SuggestionOut(many=True)


class KnowledgeSuggestApi(APIView):
    @extend_schema(
        summary="边输入边推荐的知识库问答（最多5条）",
        operation_id="knowledge_suggest",
        parameters=[SuggestParams],
        responses={200: SuggestionsOut, 429: error(429)},
    )
    def get(self, request: Request) -> Response:
        if rate_limited(request, key="kb-suggest", limit=120, window_seconds=60):
            return error_response(429, "请求过于频繁，请稍后再试")
        text = query(request, SuggestParams)["q"]
        rows = [
            {"id": e.pk, "question": e.question, "url": e.get_absolute_url()}
            for e in knowledge_suggest(text=text)
        ]
        return Response(SuggestionsOut({"results": rows}).data)


# 知识清单 --------------------------------------------------------------------------------------
class KnowledgeListRowOut(serializers.Serializer):
    theme = serializers.CharField(help_text="主题（领域）")
    kind = serializers.CharField(help_text="建言或投诉")
    count = serializers.IntegerField()
    answered = serializers.IntegerField()
    handling = serializers.IntegerField()
    rejected = serializers.IntegerField()
    petition = serializers.IntegerField()
    satisfied = serializers.IntegerField()


class KnowledgeListOut(serializers.ModelSerializer):
    rows = KnowledgeListRowOut(many=True)

    class Meta:
        model = KnowledgeList
        fields = ["id", "title", "start", "end", "note", "published_at", "rows"]


@extend_schema_view(get=extend_schema(summary="知识清单", operation_id="knowledge_lists_list"))
class KnowledgeListsApi(generics.ListAPIView):
    serializer_class = KnowledgeListOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return knowledge_lists_public()


# 热点回应 --------------------------------------------------------------------------------------
class HotTopicOut(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    spokesperson = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = HotTopic
        fields = [
            "id",
            "title",
            "concern",
            "response",
            "organisation",
            "spokesperson",
            "published_at",
            "conference_at",
            "links",
        ]

    def get_spokesperson(self, t: HotTopic) -> str:
        return f"{t.spokesperson.post} {t.spokesperson.name}" if t.spokesperson else ""

    def get_links(self, t: HotTopic) -> list[str]:
        return [p.get_absolute_url() for p in t.links.all()]


@extend_schema_view(get=extend_schema(summary="热点回应", operation_id="hot_topics_list"))
class HotTopicListApi(generics.ListAPIView):
    serializer_class = HotTopicOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return hot_topics_public()


# 问卷调查 --------------------------------------------------------------------------------------
class OptionOut(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["number", "text"]


class QuestionOut(serializers.ModelSerializer):
    options = OptionOut(many=True)

    class Meta:
        model = Question
        fields = ["number", "kind", "text", "required", "options"]


class SurveyListOut(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = Survey
        fields = ["id", "title", "intro", "organisation", "start_on", "end_on", "status"]


class SurveyOut(SurveyListOut):
    questions = QuestionOut(many=True)

    class Meta(SurveyListOut.Meta):
        fields = [*SurveyListOut.Meta.fields, "questions"]


@extend_schema_view(get=extend_schema(summary="问卷调查", operation_id="surveys_list"))
class SurveyListApi(generics.ListAPIView):
    serializer_class = SurveyListOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return surveys_public()


def _survey(pk: int) -> Survey | None:
    return surveys_public().filter(pk=pk).first()


class SurveyDetailApi(APIView):
    @extend_schema(
        summary="问卷题目",
        operation_id="surveys_retrieve",
        responses={200: SurveyOut, 404: error(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        s = _survey(id)
        if s is None:
            return error_response(404, "该问卷不存在或未发布")
        return Response(SurveyOut(s).data)


class ResultOptionOut(serializers.Serializer):
    text = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()


class ResultQuestionOut(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    options = ResultOptionOut(many=True, required=False)
    text_count = serializers.IntegerField(required=False, help_text="文字回答条数（内容不公开）")


class SurveyResultsOut(serializers.Serializer):
    responses = serializers.IntegerField()
    questions = ResultQuestionOut(many=True)


class SurveyResultsApi(APIView):
    @extend_schema(
        summary="问卷结果（选择题统计）",
        operation_id="surveys_results",
        responses={200: SurveyResultsOut, 404: error(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        s = _survey(id)
        if s is None:
            return error_response(404, "该问卷不存在或未发布")
        rows = [{k: v for k, v in r.items() if k != "texts"} for r in survey_results(s)]
        return Response(
            SurveyResultsOut({"responses": s.responses.count(), "questions": rows}).data
        )


class SurveyAnswerIn(serializers.Serializer):
    question = serializers.IntegerField(min_value=1, max_value=50)
    options = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=20), max_length=20, required=False
    )
    text = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class SurveyResponseIn(serializers.Serializer):
    answers = SurveyAnswerIn(many=True, max_length=50)
    respondent = serializers.CharField(
        max_length=64, help_text="调用方为每位答卷人生成的匿名标识（同一标识只能答一次）"
    )


class SurveyResponseOut(serializers.Serializer):
    id = serializers.IntegerField()


class SurveyRespondApi(APIView):
    @extend_schema(
        summary="提交问卷",
        operation_id="surveys_respond",
        request=SurveyResponseIn,
        responses={
            201: SurveyResponseOut,
            400: error(400),
            404: error(404),
            409: error(409),
            429: error(429),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        s = _survey(id)
        if s is None:
            return error_response(404, "该问卷不存在或未发布")
        if rate_limited(request, key=f"survey-{s.pk}", limit=20, window_seconds=3600):
            return error_response(429, "提交过于频繁，请1小时后再试")
        data = SurveyResponseIn(data=request.data)
        data.is_valid(raise_exception=True)
        answers: dict[int, Any] = {}
        for a in data.validated_data["answers"]:
            answers[a["question"]] = a.get("text", "") if "text" in a else a.get("options", [])
        source = (
            f"user:{request.user.pk}"
            if request.user.is_authenticated
            else f"api:{data.validated_data['respondent']}"
        )
        try:
            response = survey_respond(survey=s, answers=answers, source=source)
        except Conflict as exc:
            return error_response(409, exc.messages[0])
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"answers": exc.messages}
            first = next(iter(errors.values()))[0]
            return error_response(400, first, errors)
        return Response(SurveyResponseOut(response).data, status=201)
