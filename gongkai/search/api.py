"""/api/v1/search and /api/v1/search/suggest (docs/api.md, docs/search.md)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.api_fields import IntField, query
from gongkai.search.engines.base import FILTERS
from gongkai.search.privacy import visitor_key
from gongkai.search.services import search, search_suggest

CTYPES = ["info", "reading", "catalog", "guide", "power", "standard", "case", "law"]


class SearchParams(serializers.Serializer):
    """Query parameters: validated here and documented from here (one source for both)."""

    q = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="搜索词（可为文号、索引号），至多100字",
    )
    sort = serializers.ChoiceField(
        choices=["relevance", "date", "stage"],
        default="relevance",
        error_messages={"invalid_choice": "sort 只能是 relevance、date 或 stage"},
    )
    page = IntField(
        min_value=1, max_value=1000, default=1, error_messages={"invalid": "page 应为正整数"}
    )
    page_size = IntField(
        min_value=1,
        max_value=50,
        default=10,
        error_messages={"invalid": "page_size 应为1到50的整数"},
    )
    ctype = serializers.ChoiceField(
        choices=CTYPES,
        required=False,
        error_messages={"invalid_choice": "ctype 只能是 " + "、".join(CTYPES)},
    )
    stage = serializers.CharField(required=False, max_length=40, help_text="五公开环节")
    domain = serializers.CharField(required=False, max_length=40, help_text="领域代码")
    organisation = serializers.CharField(required=False, max_length=40, help_text="机构ID")
    year = IntField(
        required=False,
        min_value=1949,
        max_value=2100,
        error_messages={
            "invalid": "year 应为四位年份",
            "min_value": "year 应为1949至2100之间的年份",
            "max_value": "year 应为1949至2100之间的年份",
        },
    )
    validity = serializers.CharField(required=False, max_length=20, help_text="有效性")


class HitOut(serializers.Serializer):
    key = serializers.CharField()
    type = serializers.CharField(source="ctype")
    type_label = serializers.CharField(source="ctype_label")
    url = serializers.CharField()
    title = serializers.CharField(source="title_html", help_text="关键词用 <mark> 标出")
    snippet = serializers.CharField(source="snippet_html")
    date = serializers.DateField(allow_null=True)
    stage = serializers.CharField()
    organisation = serializers.CharField()
    doc_number = serializers.CharField()
    index_no = serializers.CharField()
    exact = serializers.BooleanField(help_text="文号或索引号精确匹配")
    rank = serializers.IntegerField()


class FacetOut(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsOut(serializers.Serializer):
    ctype = FacetOut(many=True, required=False)
    stage = FacetOut(many=True, required=False)
    domain = FacetOut(many=True, required=False)
    organisation = FacetOut(many=True, required=False)
    year = FacetOut(many=True, required=False)
    validity = FacetOut(many=True, required=False)


class SearchOut(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    sort = serializers.CharField()
    suggestion = serializers.CharField(help_text="“您是不是要找”；没有时为空")
    partial = serializers.ListField(
        child=serializers.CharField(),
        help_text="整句没有结果时改按其中部分词语搜索，列出所用词语；整句有结果时为空",
    )
    results = HitOut(many=True, source="hits")
    facets = FacetsOut()


class SearchApi(APIView):
    @extend_schema(
        operation_id="search",
        summary="全站搜索",
        parameters=[SearchParams],
        responses={200: SearchOut},
    )
    def get(self, request: Request) -> Response:
        data = query(request, SearchParams)
        filters = {k: str(data[k]) for k in FILTERS if data.get(k)}
        result = search(
            text=data["q"],
            filters=filters,
            sort=data["sort"],
            page=data["page"],
            page_size=data["page_size"],
            visitor=visitor_key(request),
            log=bool(data["q"].strip() or filters),  # browsing everything is not a search
        )
        return Response(SearchOut(result).data)


class SuggestParams(serializers.Serializer):
    q = serializers.CharField(max_length=50, help_text="已输入的词，至多50字")


class SuggestOut(serializers.Serializer):
    query = serializers.CharField()
    suggestions = serializers.ListField(child=serializers.CharField())


class SuggestApi(APIView):
    @extend_schema(
        operation_id="search_suggest",
        summary="输入联想",
        parameters=[SuggestParams],
        responses={200: SuggestOut},
    )
    def get(self, request: Request) -> Response:
        q = query(request, SuggestParams)["q"]
        return Response({"query": q, "suggestions": search_suggest(q)})
