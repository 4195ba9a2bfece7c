"""Catalog API: public reads, and a scoped staff endpoint (docs/api.md, docs/permissions.md)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.models import Organisation
from gongkai.accounts.permissions import IsStaff
from gongkai.catalog.choices import Audience, Channel, DisclosureMode, ItemStatus, Stage
from gongkai.catalog.models import CatalogItem, CatalogItemVersion, Domain, PowerItem, ServiceItem
from gongkai.catalog.selectors import (
    PUBLIC_FILTERS,
    catalog_adjustments,
    catalog_item_for_staff,
    catalog_item_public_get,
    catalog_item_versions_public,
    catalog_items_for_staff,
    catalog_items_public,
    quarter_bounds,
)
from gongkai.catalog.services import catalog_item_update_draft
from gongkai.core.api_fields import ClockDateField, id_field, query


class DomainOut(serializers.ModelSerializer):
    merged_into = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Domain
        fields = ["code", "name", "display_order", "is_pilot", "is_active", "merged_into"]


class LegalBasisOut(serializers.Serializer):
    level = serializers.CharField(allow_blank=True)
    title = serializers.CharField()
    article = serializers.CharField(allow_blank=True)


class CatalogItemOut(serializers.ModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name")
    level = serializers.CharField(source="level_label")
    legal_bases = LegalBasisOut(many=True)
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices))
    power_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    service_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = CatalogItem
        fields = [
            "code",
            "name",
            "domain",
            "parent",
            "depth",
            "level",
            "organisation",
            "organisation_name",
            "stage",
            "content",
            "legal_bases",
            "time_limit_text",
            "time_limit_kind",
            "trigger_event",
            "limit_days",
            "limit_unit",
            "period",
            "period_due_day",
            "channels",
            "audience",
            "mode",
            "non_proactive_reason",
            "tier_county",
            "tier_township",
            "consult_method",
            "supervision_method",
            "remarks",
            "power_items",
            "service_items",
            "status",
            "version",
            "updated_at",
        ]


class VersionOut(serializers.ModelSerializer):
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CatalogItemVersion
        fields = [
            "item",
            "number",
            "change_kind",
            "status",
            "reason",
            "effective_date",
            "applied_at",
            "snapshot",
        ]


class GuideStepOut(serializers.Serializer):
    order = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    time_limit = serializers.CharField()


class GuideMaterialOut(serializers.Serializer):
    name = serializers.CharField()
    required = serializers.BooleanField()
    form = serializers.CharField()
    copies = serializers.IntegerField()
    sample_form = serializers.FileField(allow_null=True)
    common_errors = serializers.CharField()


GUIDE_FIELDS = [
    "scope",
    "conditions",
    "legal_time_limit",
    "promised_time_limit",
    "intermediary",
    "fee",
    "location_hours",
    "consult_phone",
    "supervision_phone",
    "steps",
    "materials",
]


class PowerItemOut(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    steps = GuideStepOut(many=True)
    materials = GuideMaterialOut(many=True)

    class Meta:
        model = PowerItem
        fields = [
            "code",
            "name",
            "category",
            "basis",
            "organisation",
            "organisation_name",
            "accountability",
            "supervision",
            "remedy",
            *GUIDE_FIELDS,
        ]


class ServiceItemOut(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    steps = GuideStepOut(many=True)
    materials = GuideMaterialOut(many=True)

    class Meta:
        model = ServiceItem
        fields = ["code", "name", "basis", "organisation", "organisation_name", *GUIDE_FIELDS]


class CatalogParams(serializers.Serializer):
    """Filters of the public catalog list, validated and documented from here."""

    domain = serializers.CharField(max_length=20, required=False, help_text="领域编码")
    organisation = id_field(required=False, help_text="公开主体机构ID")
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, help_text="五公开阶段")
    mode = serializers.ChoiceField(
        choices=DisclosureMode.choices, required=False, help_text="公开方式"
    )
    tier = serializers.ChoiceField(
        choices=[("county", "县级"), ("township", "乡镇")], required=False, help_text="公开层级"
    )
    q = serializers.CharField(
        max_length=100, required=False, help_text="关键词（名称、内容、编码前缀）"
    )


class StaffCatalogParams(serializers.Serializer):
    status = serializers.ChoiceField(choices=ItemStatus.choices, required=False)


class AdjustmentParams(serializers.Serializer):
    period = ClockDateField(required=False, help_text="该季度内任一日期 YYYY-MM-DD，默认本季度")


@extend_schema_view(get=extend_schema(summary="领域列表", operation_id="domains_list"))
class DomainListApi(generics.ListAPIView):
    serializer_class = DomainOut
    queryset = Domain.objects.all()


@extend_schema_view(
    get=extend_schema(
        summary="公开事项列表（已发布）",
        operation_id="catalog_items_list",
        parameters=[CatalogParams],
    )
)
class CatalogItemListApi(generics.ListAPIView):
    serializer_class = CatalogItemOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = query(self.request, CatalogParams)
        filters = {k: str(params[k]) for k in PUBLIC_FILTERS if params.get(k)}
        return catalog_items_public(filters=filters).prefetch_related(
            "power_items", "service_items"
        )


class CatalogItemDetailApi(APIView):
    @extend_schema(
        summary="公开事项详情",
        operation_id="catalog_items_retrieve",
        responses={200: CatalogItemOut},
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(CatalogItemOut(catalog_item_public_get(code=code)).data)


@extend_schema_view(
    get=extend_schema(
        summary="事项的版本历史（动态调整）",
        operation_id="catalog_item_versions_list",
        responses={200: VersionOut(many=True)},
    )
)
class CatalogItemVersionsApi(generics.ListAPIView):
    serializer_class = VersionOut
    pagination_class = None

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return catalog_item_versions_public(catalog_item_public_get(code=self.kwargs["code"]))


@extend_schema_view(
    get=extend_schema(
        summary="本期调整",
        operation_id="catalog_adjustments_list",
        parameters=[AdjustmentParams],
    )
)
class AdjustmentListApi(generics.ListAPIView):
    serializer_class = VersionOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        from django.utils import timezone

        anchor = query(self.request, AdjustmentParams).get("period") or timezone.localdate()
        start, end = quarter_bounds(anchor)
        return catalog_adjustments(start=start, end=end).select_related("item")


@extend_schema_view(get=extend_schema(summary="权责清单", operation_id="power_items_list"))
class PowerItemListApi(generics.ListAPIView):
    serializer_class = PowerItemOut
    queryset = PowerItem.objects.select_related("organisation").prefetch_related(
        "steps", "materials"
    )


@extend_schema_view(get=extend_schema(summary="权责事项详情", operation_id="power_items_retrieve"))
class PowerItemDetailApi(generics.RetrieveAPIView):
    serializer_class = PowerItemOut
    queryset = PowerItem.objects.all()
    lookup_field = "code"


@extend_schema_view(get=extend_schema(summary="公共服务清单", operation_id="service_items_list"))
class ServiceItemListApi(generics.ListAPIView):
    serializer_class = ServiceItemOut
    queryset = ServiceItem.objects.select_related("organisation").prefetch_related(
        "steps", "materials"
    )


@extend_schema_view(
    get=extend_schema(summary="公共服务事项详情", operation_id="service_items_retrieve")
)
class ServiceItemDetailApi(generics.RetrieveAPIView):
    serializer_class = ServiceItemOut
    queryset = ServiceItem.objects.all()
    lookup_field = "code"


class StaffItemPatch(serializers.Serializer):
    """Fields a 公开专员 may change on a draft through the API."""

    name = serializers.CharField(max_length=200, required=False)
    content = serializers.CharField(required=False, allow_blank=True)
    time_limit_text = serializers.CharField(max_length=300, required=False, allow_blank=True)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices), required=False
    )
    consult_method = serializers.CharField(required=False, allow_blank=True)
    supervision_method = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False
    )


@extend_schema_view(
    get=extend_schema(
        summary="本机构事项（工作人员）",
        operation_id="manage_catalog_items_list",
        parameters=[StaffCatalogParams],
    )
)
class StaffCatalogItemListApi(generics.ListAPIView):
    serializer_class = CatalogItemOut
    permission_classes = [IsStaff]
    token_scopes = {"GET": "catalog:read"}

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = (
            catalog_items_for_staff(user=self.request.user)
            .prefetch_related("power_items", "service_items")
            .order_by("code")
        )
        status = query(self.request, StaffCatalogParams).get("status")
        return qs.filter(status=status) if status else qs


class StaffCatalogItemDetailApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "catalog:read"}

    @extend_schema(
        summary="事项详情（工作人员）",
        operation_id="manage_catalog_items_retrieve",
        responses={200: CatalogItemOut},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(CatalogItemOut(catalog_item_for_staff(user=request.user, pk=id)).data)

    @extend_schema(
        summary="修改草稿（工作人员）",
        operation_id="manage_catalog_items_partial_update",
        request=StaffItemPatch,
        responses={200: CatalogItemOut},
    )
    def patch(self, request: Request, id: int) -> Response:
        item = catalog_item_for_staff(user=request.user, pk=id)
        data = StaffItemPatch(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = catalog_item_update_draft(
            actor=request.user, item=item, data=dict(data.validated_data)
        )
        return Response(CatalogItemOut(item).data)
