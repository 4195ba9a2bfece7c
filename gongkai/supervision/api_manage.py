"""在线监督 over REST for staff clients (docs/supervision.md#api): the compliance scan of the
caller's organisations, their own 预警/告警 with acknowledgement, and the 公开过程 timeline of
a publication, catalog item, FOI application or message. Token scopes ``jiandu:read`` and
``jiandu:write``; the public timeline of a published record needs no token."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.permissions import IsStaff, orgs_visible_to
from gongkai.core.api_fields import query
from gongkai.supervision import alerts, obligations, timeline
from gongkai.supervision.monitor_rules import AlertLevel, Check, ObligationState


class ObligationCountsOut(serializers.Serializer):
    on_time = serializers.IntegerField(help_text=ObligationState.ON_TIME.label)
    late_done = serializers.IntegerField(help_text=ObligationState.LATE_DONE.label)
    overdue = serializers.IntegerField(help_text=ObligationState.OVERDUE.label)
    not_due = serializers.IntegerField(help_text=ObligationState.NOT_DUE.label)


class OrgObligationCountsOut(ObligationCountsOut):
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField()


class ObligationListedOut(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField()
    due = serializers.DateField(required=False)


class ComplianceCheckOut(serializers.Serializer):
    key = serializers.ChoiceField(choices=Check.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    items = ObligationListedOut(many=True)


class ScanOut(serializers.Serializer):
    today = serializers.DateField()
    totals = ObligationCountsOut()
    organisations = OrgObligationCountsOut(many=True)
    overdue = ObligationListedOut(many=True, help_text="逾期未完成的公开义务（前50项）")
    overdue_count = serializers.IntegerField()
    checks = ComplianceCheckOut(many=True)


class ComplianceScanApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "jiandu:read"}

    @extend_schema(
        operation_id="manage_supervision_scan",
        summary="公开义务合规扫描（按机构和状态计数、逾期未完成事项、完整性检查）",
        responses={200: ScanOut},
    )
    def get(self, request: Request) -> Response:
        orgs = {o.pk: o.name for o in orgs_visible_to(request.user)}
        scan = obligations.compliance_scan(organisation_ids=list(orgs))
        rows = [
            {"organisation_id": pk, "organisation": orgs[pk], **counts}
            for pk, counts in sorted(scan["by_organisation"].items())
        ]
        return Response(
            ScanOut(
                {
                    "today": scan["today"],
                    "totals": scan["totals"],
                    "organisations": rows,
                    "overdue": scan["overdue"]["items"],
                    "overdue_count": scan["overdue"]["count"],
                    "checks": scan["checks"],
                }
            ).data
        )


class AlertOut(serializers.Serializer):
    id = serializers.IntegerField()
    level = serializers.ChoiceField(choices=AlertLevel.choices)
    label = serializers.CharField()
    due_date = serializers.DateField()
    url = serializers.CharField(allow_blank=True)
    deadline_status = serializers.CharField(source="deadline.get_status_display")
    raised_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)


class AlertParams(serializers.Serializer):
    all = serializers.BooleanField(required=False, help_text="含已确认的提醒")


class AlertsApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "jiandu:read"}

    @extend_schema(
        operation_id="manage_alerts_list",
        summary="我的预警和告警（默认只列未确认的，最多500条）",
        parameters=[AlertParams],
        responses={200: AlertOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, AlertParams)
        qs = alerts.alerts_of(request.user)
        if not p.get("all"):
            qs = qs.filter(acknowledged_at__isnull=True)
        return Response(AlertOut(qs[:500], many=True).data)


class AlertAckIn(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=500,
        help_text="要确认的提醒编号；不填则确认全部未确认的提醒",
    )


class AlertAckOut(serializers.Serializer):
    acknowledged = serializers.IntegerField()


class AlertsAckApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"POST": "jiandu:write"}

    @extend_schema(
        operation_id="manage_alerts_ack",
        summary="确认提醒（只能确认本人的提醒）",
        request=AlertAckIn,
        responses={200: AlertAckOut},
    )
    def post(self, request: Request) -> Response:
        data = AlertAckIn(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data.get("ids")
        n = alerts.alerts_acknowledge(actor=request.user, alert_ids=ids)
        return Response(AlertAckOut({"acknowledged": n}).data)


class TimelineStepOut(serializers.Serializer):
    at = serializers.DateTimeField()
    label = serializers.CharField()
    actor = serializers.CharField(allow_blank=True)
    details = serializers.ListField(child=serializers.CharField())
    clock = serializers.CharField(allow_blank=True, help_text="该步骤开始、完成或错过的期限")
    late = serializers.BooleanField()


def _staff_subject(request: Request, kind: str, pk: int) -> list[Any]:
    from gongkai.supervision.views_monitor import _staff_subject as subject

    return subject(request, kind, pk)[1]


class StaffTimelineApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "jiandu:read"}

    @extend_schema(
        operation_id="manage_timeline",
        summary="公开过程完整还原（工作人员：含办理人和说明）",
        responses={200: TimelineStepOut(many=True)},
    )
    def get(self, request: Request, kind: str, id: int) -> Response:
        if kind not in timeline.SUBJECTS:
            raise Http404("没有这类事项")
        return Response(TimelineStepOut(_staff_subject(request, kind, id), many=True).data)


class PublicTimelineApi(APIView):
    @extend_schema(
        operation_id="publication_timeline",
        summary="已发布信息的公开过程（办理人以机构代替，不含说明）",
        responses={200: TimelineStepOut(many=True)},
    )
    def get(self, request: Request, id: int) -> Response:
        from gongkai.publishing.selectors import publication_public_get

        pub = publication_public_get(pk=id)
        return Response(
            TimelineStepOut(timeline.publication_timeline(pub, public=True), many=True).data
        )


class ComplaintOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    channel = serializers.CharField(source="get_channel_display")
    subject = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name", help_text="被投诉机构")
    handler = serializers.CharField(source="handler.name", help_text="承办机构")
    received_on = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField(source="get_status_display")
    finding = serializers.CharField(source="get_finding_display", allow_blank=True)
    answered_on = serializers.DateField(allow_null=True)


class ComplaintsApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "jiandu:read"}

    @extend_schema(
        operation_id="manage_complaints_list",
        summary="公开投诉（被投诉或承办的机构可见；政务公开办可见全部；最多500条）",
        responses={200: ComplaintOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        from gongkai.supervision.views_complaints import _visible

        return Response(ComplaintOut(_visible(request)[:500], many=True).data)
