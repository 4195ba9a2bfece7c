"""Annual reports over REST (docs/supervision.md#annual-report): the published reports and,
for each, its tables 二, 三 and 四 as published (JSON of the national layout)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.core.api_fields import query, year_field
from gongkai.supervision.annual_rules import ReportStatus
from gongkai.supervision.models import AnnualReport


class DocumentRowOut(serializers.Serializer):
    label = serializers.CharField()
    issued = serializers.IntegerField(help_text="本年制发件数")
    abolished = serializers.IntegerField(help_text="本年废止件数")
    current = serializers.IntegerField(help_text="现行有效件数")


class TableTwoOut(serializers.Serializer):
    documents = DocumentRowOut(many=True, help_text="第二十条第（一）项：规章、行政规范性文件")
    licences = serializers.IntegerField(help_text="第（五）项 行政许可本年处理决定数量")
    penalties = serializers.IntegerField(help_text="第（六）项 行政处罚本年处理决定数量")
    enforcements = serializers.IntegerField(help_text="第（六）项 行政强制本年处理决定数量")
    fees_wan = serializers.CharField(help_text="第（八）项 行政事业性收费本年收费金额（万元）")
    figures_entered = serializers.BooleanField(help_text="是否已填报台账数据")


class ReportSummaryOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="__str__")
    organisation = serializers.CharField(source="organisation.name")
    year = serializers.IntegerField()
    published_at = serializers.DateTimeField()


class ReportTablesOut(serializers.Serializer):
    period = serializers.CharField()
    published_count = serializers.IntegerField(help_text="本年主动公开政府信息条数")
    table_two = TableTwoOut()
    table_three = serializers.DictField(help_text="表三：与 manage/foi/annual-tables 的行列相同")
    table_four = serializers.ListField(child=serializers.DictField())


class ReportOut(ReportSummaryOut):
    overview = serializers.CharField()
    problems = serializers.CharField()
    other = serializers.CharField()
    tables = ReportTablesOut()


def _published():  # type: ignore[no-untyped-def]
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("organisation")


class ReportListParams(serializers.Serializer):
    year = year_field(required=False, help_text="报告年度")


class AnnualReportListApi(APIView):
    @extend_schema(
        operation_id="annual_reports_list",
        summary="已公布的政府信息公开工作年度报告",
        parameters=[ReportListParams],
        responses={200: ReportSummaryOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, ReportListParams)
        reports = _published()
        if p.get("year"):
            reports = reports.filter(year=p["year"])
        return Response(ReportSummaryOut(reports[:500], many=True).data)


class AnnualReportDetailApi(APIView):
    @extend_schema(
        operation_id="annual_report",
        summary="一份年度报告：文字部分和公布时的表二、表三、表四",
        responses={200: ReportOut},
    )
    def get(self, request: Request, id: int) -> Response:
        from django.http import Http404

        report = _published().filter(pk=id).first()
        if report is None:
            raise Http404
        return Response(ReportOut(report).data)
