"""Public read API of government information (docs/api.md)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers

from gongkai.catalog.choices import Stage
from gongkai.core.api_fields import id_field, query, year_field
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


class PublicationParams(serializers.Serializer):
    """Filters of the public information list, validated and documented from here."""

    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    domain = serializers.CharField(max_length=20, required=False, help_text="领域编码")
    organisation = id_field(required=False, help_text="机构ID")
    genre = serializers.ChoiceField(choices=Genre.choices, required=False)
    topic = id_field(required=False, help_text="主题分类ID")
    year = year_field(required=False)
    validity = serializers.ChoiceField(choices=Validity.choices, required=False)
    audience = serializers.CharField(max_length=40, required=False, help_text="面向对象")
    q = serializers.CharField(max_length=100, required=False, help_text="标题、文号或索引号")


@extend_schema_view(
    get=extend_schema(
        summary="政府信息列表", operation_id="publications_list", parameters=[PublicationParams]
    )
)
class PublicationListApi(generics.ListAPIView):
    serializer_class = PublicationListOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = query(self.request, PublicationParams)
        filters = {k: str(params[k]) for k in LIST_FILTERS if params.get(k)}
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
