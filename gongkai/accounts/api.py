"""Public read API of organisations (the 信息公开指南 contact data only)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers

from gongkai.accounts.models import Organisation


class OrganisationOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    level_label = serializers.CharField(source="get_level_display")
    # plain strings: many villages have no e-mail or website, and "" is not an address
    email = serializers.CharField()
    website = serializers.CharField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "uscc",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "parent",
            "government",
            "foi_office",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "fax",
            "email",
            "website",
        ]


@extend_schema_view(get=extend_schema(summary="机构列表", operation_id="organisations_list"))
class OrganisationListApi(generics.ListAPIView):
    serializer_class = OrganisationOut

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Organisation.objects.filter(is_active=True)
        kind = self.request.query_params.get("kind")
        return qs.filter(kind=kind) if kind else qs


@extend_schema_view(get=extend_schema(summary="机构详情", operation_id="organisations_retrieve"))
class OrganisationDetailApi(generics.RetrieveAPIView):
    serializer_class = OrganisationOut

    def get_object(self) -> Organisation:
        return get_object_or_404(Organisation, pk=self.kwargs["id"], is_active=True)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Documents ``Authorization: Bearer gk_…`` (accounts.tokens) in the OpenAPI document."""

    target_class = "gongkai.accounts.tokens.BearerTokenAuthentication"
    name = "accessToken"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "gk_<前缀>_<密钥>",
            "description": "个人访问令牌：工作人员在“API访问令牌”页面创建，只显示一次；"
            "按权限范围（foi:read、foi:write、catalog:read）限制可调用的接口。",
        }
