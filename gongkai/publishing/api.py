"""Public read API of government information (docs/api.md)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from gongkai.catalog.choices import Stage
from gongkai.core.params import YEAR_MAX, YEAR_MIN, id_param, year_param
from gongkai.publishing.choices import Genre, Validity
from gongkai.publishing.models import Attachment, Publication
from gongkai.publishing.selectors import LIST_FILTERS, publications_public


class AttachmentOut(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["name", "kind", "size", "file"]


class PublicationListOut(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    topic = serializers.StringRelatedField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Publication
        fields = [
            "id",
            "index_no",
            "title",
            "doc_number",
            "issuer",
            "organisation",
            "organisation_name",
            "written_on",
            "formed_on",
            "published_at",
            "topic",
            "genre",
            "validity",
            "invalid_on",
            "stage",
            "is_normative",
            "audience_tags",
            "keywords",
            "revision",
            "url",
        ]


class PublicationOut(PublicationListOut):
    domains = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    catalog_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    attachments = AttachmentOut(many=True)
    interprets = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    interpretations = serializers.SerializerMethodField()

    class Meta(PublicationListOut.Meta):
        fields = [
            *PublicationListOut.Meta.fields,
            "body",
            "domains",
            "catalog_items",
            "attachments",
            "interprets",
            "interpretation_kind",
            "interpretations",
            "revision_note",
        ]

    def get_interpretations(self, obj: Publication) -> list[int]:
        return list(obj.interpretations.published().order_by("pk").values_list("pk", flat=True))


PARAMS = [
    OpenApiParameter("stage", str, enum=Stage.values),
    OpenApiParameter("domain", str),
    OpenApiParameter("organisation", int),
    OpenApiParameter("genre", str, enum=Genre.values),
    OpenApiParameter("topic", int),
    OpenApiParameter("year", int),
    OpenApiParameter("validity", str, enum=Validity.values),
    OpenApiParameter("audience", str),
    OpenApiParameter("q", str, description="标题、文号或索引号"),
]


@extend_schema_view(
    get=extend_schema(summary="政府信息列表", operation_id="publications_list", parameters=PARAMS)
)
class PublicationListApi(generics.ListAPIView):
    serializer_class = PublicationListOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        filters = {k: params[k] for k in LIST_FILTERS if params.get(k)}
        for key, check, hint in (
            ("organisation", id_param, "应为机构编号"),
            ("topic", id_param, "应为主题编号"),
            ("year", year_param, f"应为{YEAR_MIN}至{YEAR_MAX}之间的年份"),
        ):
            if key in filters and check(filters[key]) is None:
                raise serializers.ValidationError({key: [f"{key} {hint}"]})
        return publications_public(filters=filters)


@extend_schema_view(get=extend_schema(summary="政府信息详情", operation_id="publications_retrieve"))
class PublicationDetailApi(generics.RetrieveAPIView):
    serializer_class = PublicationOut
    lookup_field = "id"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            publications_public()
            .defer(None)
            .prefetch_related("domains", "catalog_items", "attachments")
        )
