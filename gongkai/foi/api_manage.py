"""依申请公开 staff API 办理接口: list, register an offline application, read one, and one
endpoint per step (docs/foi.md, docs/api.md).

Reads go through foi.selectors (department isolation); each step's input and service call is
its own class in foi.actions, shared with the back office's forms.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.permissions import IsStaff
from gongkai.core.api_fields import id_field, query, year_field
from gongkai.core.api_schema import error
from gongkai.core.privacy import mask_id_number
from gongkai.foi import actions, selectors, services
from gongkai.foi.api import ReceiptOut, StatusOut, SubmitIn, receipt
from gongkai.foi.law import OFFLINE_CHANNELS, OUTCOME_BY_CODE
from gongkai.foi.models import STAFF_ACTION_VALUES, Application, Status

TOKEN_SCOPES = {"GET": "foi:read", "POST": "foi:write"}  # accounts.models.TokenScope


class StaffApplicationOut(StatusOut):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    description = serializers.CharField()
    channel = serializers.CharField()
    clock_start = serializers.DateField(allow_null=True)
    extension_days = serializers.IntegerField()
    excessive_days = serializers.IntegerField()
    paused_days = serializers.IntegerField()
    due_is_estimate = serializers.BooleanField()
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=STAFF_ACTION_VALUES),
        source="allowed_actions",
        help_text="当前状态下允许的办理操作（与办理页面显示的按钮一致）",
    )


class ConsultationOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    party = serializers.CharField()
    sent_on = serializers.DateField()
    opinion_due = serializers.DateField(allow_null=True)
    answered_on = serializers.DateField(allow_null=True)
    agrees = serializers.BooleanField(allow_null=True)


class StaffEventOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    on = serializers.DateField()
    public = serializers.BooleanField(help_text="申请人查询进度时是否可见")


class DocumentOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    number = serializers.CharField()
    served_on = serializers.DateField(allow_null=True)
    served_method = serializers.CharField()


class FileOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()
    released = serializers.BooleanField(help_text="true：答复时提供给申请人的政府信息")


class ChallengeOut(serializers.Serializer):
    kind = serializers.CharField()
    filed_on = serializers.DateField()
    result = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)


class StaffApplicationDetailOut(StaffApplicationOut):
    """One application with all its dates, estimate flag, fees and records."""

    applicant_kind = serializers.CharField()
    id_number = serializers.SerializerMethodField(help_text="证件号码（仅显示首尾）")
    email = serializers.CharField()
    address = serializers.CharField()
    purpose = serializers.CharField()
    delivery = serializers.CharField()
    handler = serializers.IntegerField(source="handler_id", allow_null=True)
    submitted_on = serializers.DateField()
    confirmed_on = serializers.DateField(allow_null=True)
    correction_deadline = serializers.DateField(allow_null=True)
    replied_on = serializers.DateField(allow_null=True)
    outcome_label = serializers.SerializerMethodField()
    secrecy_reviewed = serializers.SerializerMethodField()
    fee_basis = serializers.CharField()
    fee_quantity = serializers.IntegerField()
    fee_amount = serializers.IntegerField(help_text="信息处理费（元）")
    fee_noticed_on = serializers.DateField(allow_null=True)
    fee_due = serializers.DateField(allow_null=True)
    fee_paid_on = serializers.DateField(allow_null=True)
    consultations = ConsultationOut(many=True)
    events = StaffEventOut(many=True)  # type: ignore[assignment]
    documents = DocumentOut(many=True)
    files = FileOut(many=True)
    challenges = ChallengeOut(many=True)

    def get_id_number(self, app: Application) -> str:
        return mask_id_number(app.id_number)

    def get_outcome_label(self, app: Application) -> str:
        row = OUTCOME_BY_CODE.get(app.outcome)
        return row.label if row else ""

    def get_secrecy_reviewed(self, app: Application) -> bool:
        return app.secrecy_reviewed_by_id is not None


class ListParams(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    open = serializers.BooleanField(required=False, default=False, help_text="只看未办结的")
    received_from = actions.StepDate(required=False, help_text="收到申请之日不早于")
    received_to = actions.StepDate(required=False, help_text="收到申请之日不晚于")


class StaffApplicationListApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = TOKEN_SCOPES

    @extend_schema(
        operation_id="manage_foi_list",
        summary="本机关的申请（工作人员）",
        parameters=[ListParams],
        responses={200: StaffApplicationOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        p = query(request, ListParams)
        apps = selectors.applications_for_staff(
            request.user,
            status=p.get("status", ""),
            open_only=p["open"],
            received_from=p.get("received_from"),
            received_to=p.get("received_to"),
        ).order_by("-created_at")[: selectors.MAX_LIST]
        return Response(StaffApplicationOut(apps, many=True).data)


class RegisterIn(SubmitIn):
    """An application received on paper, by post, fax or in person (条例 第二十九条)."""

    channel = serializers.ChoiceField(choices=OFFLINE_CHANNELS, help_text="提交渠道")
    submitted_on = actions.StepDate(help_text="提交日期（收到日期）")
    confirmed_on = actions.StepDate(
        required=False, allow_null=True, help_text="签收或双方确认日期；邮寄申请必填"
    )
    oral = serializers.BooleanField(required=False, default=False)
    assistance = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class RegisteredOut(ReceiptOut):
    id = serializers.IntegerField()


class StaffApplicationRegisterApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = TOKEN_SCOPES

    @extend_schema(
        operation_id="manage_foi_register",
        summary="登记线下申请（当面、邮寄、传真等）",
        request=RegisterIn,
        responses={201: RegisteredOut},
    )
    def post(self, request: Request) -> Response:
        data = RegisterIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        org = values.pop("organisation")
        meta = {k: values.pop(k, None) for k in ("channel", "submitted_on", "confirmed_on")}
        app, code = services.application_submit(
            data=values, organisation=org, actor=request.user, **meta
        )
        return Response(RegisteredOut(receipt(app, code)).data, status=201)


def _visible(request: Request, pk: int) -> Application:
    from django.http import Http404

    app = selectors.application_for_staff(request.user, pk)
    if app is None:
        raise Http404
    return app


class StaffApplicationDetailApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = TOKEN_SCOPES

    @extend_schema(
        operation_id="manage_foi_detail",
        summary="一件申请的全部日期、费用、征求意见、办理记录、文书和文件",
        responses={200: StaffApplicationDetailOut},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(StaffApplicationDetailOut(_visible(request, id)).data)


STEP_RESPONSES = {200: StaffApplicationDetailOut, 409: error(409, "当前状态不允许此操作")}


class StepApi(APIView):
    """Base of the step endpoints: a subclass names its input class (foi.actions) and gets
    its own documented operation from it (operation id, summary, request body, 409)."""

    permission_classes = [IsStaff]
    token_scopes = TOKEN_SCOPES
    step: type[actions.StepIn]
    media_type = "application/json"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

        def post(self: StepApi, request: Request, id: int) -> Response:
            return self.run(request, id)

        cls.post = extend_schema(  # type: ignore[attr-defined]
            operation_id=f"manage_foi_{cls.step.name}",
            summary=f"办理：{cls.step.label()}",
            request={cls.media_type: cls.step},
            responses=STEP_RESPONSES,
        )(post)

    def run(self, request: Request, id: int) -> Response:
        app = _visible(request, id)
        data = self.step(data=request.data)
        data.is_valid(raise_exception=True)
        data.perform(actor=request.user, app=app)
        # after a transfer the application is no longer ours; answer with its state anyway,
        # the result of the step this user just took
        after = selectors.application_for_staff(request.user, id) or selectors.application_any(id)
        return Response(StaffApplicationDetailOut(after).data)


class ConfirmApi(StepApi):
    step = actions.ConfirmIn


class AssignApi(StepApi):
    step = actions.AssignIn


class TransferApi(StepApi):
    step = actions.TransferIn


class CorrectionApi(StepApi):
    step = actions.CorrectionIn


class CorrectedApi(StepApi):
    step = actions.CorrectedIn


class ExtendApi(StepApi):
    step = actions.ExtendIn


class ConsultApi(StepApi):
    step = actions.ConsultIn


class ConsultedApi(StepApi):
    step = actions.ConsultedIn


class FeeApi(StepApi):
    step = actions.FeeIn


class PaidApi(StepApi):
    step = actions.PaidIn


class ExcessiveAskApi(StepApi):
    step = actions.ExcessiveAskIn


class ExcessivePeriodApi(StepApi):
    step = actions.ExcessivePeriodIn


class SecrecyApi(StepApi):
    step = actions.SecrecyIn


class DecideApi(StepApi):
    step = actions.DecideIn


class DocumentApi(StepApi):
    step = actions.DocumentIn


class ServeApi(StepApi):
    step = actions.ServeIn


class ChallengeApi(StepApi):
    step = actions.ChallengeIn


class ProactiveApi(StepApi):
    step = actions.ProactiveIn


class ReleaseApi(StepApi):
    """Upload the released information as multipart/form-data, field ``file``."""

    step = actions.ReleaseIn
    parser_classes = [MultiPartParser]
    media_type = "multipart/form-data"


STEP_APIS: list[type[StepApi]] = [
    ConfirmApi,
    AssignApi,
    TransferApi,
    CorrectionApi,
    CorrectedApi,
    ExtendApi,
    ConsultApi,
    ConsultedApi,
    FeeApi,
    PaidApi,
    ExcessiveAskApi,
    ExcessivePeriodApi,
    SecrecyApi,
    DecideApi,
    DocumentApi,
    ServeApi,
    ChallengeApi,
    ProactiveApi,
    ReleaseApi,
]


# 年报表三、表四 ---------------------------------------------------------------------------------
class TableRowOut(serializers.Serializer):
    code = serializers.CharField(help_text="办理结果行代码，如 1、3.1、6.3")
    group = serializers.CharField()
    label = serializers.CharField()
    cells = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计",
    )


class CheckOut(serializers.Serializer):
    cell = serializers.CharField(help_text="未通过校验的单元格")
    expected = serializers.IntegerField()
    found = serializers.IntegerField()
    receipts = serializers.ListField(child=serializers.CharField(), help_text="涉及的申请受理编号")
    message = serializers.CharField()


class TableFourRowOut(serializers.Serializer):
    label = serializers.CharField()
    cells = serializers.ListField(
        child=serializers.IntegerField(), help_text="结果维持、结果纠正、其他结果、尚未审结、总计"
    )


class AnnualTablesOut(serializers.Serializer):
    """表三 收到和处理政府信息公开申请情况 and 表四 行政复议、行政诉讼情况
    (国办公开办函〔2021〕30号)."""

    year = serializers.IntegerField()
    columns = serializers.ListField(child=serializers.CharField())
    new_row = serializers.ListField(child=serializers.IntegerField(), help_text="一、本年新收")
    carried_in_row = serializers.ListField(
        child=serializers.IntegerField(), help_text="二、上年结转"
    )
    rows = TableRowOut(many=True, help_text="三、本年度办理结果（一）至（六）各行")
    total_row = serializers.ListField(child=serializers.IntegerField(), help_text="（七）总计")
    carried_out_row = serializers.ListField(
        child=serializers.IntegerField(), help_text="四、结转下年度继续办理"
    )
    checks = CheckOut(many=True, help_text="勾稽关系校验未通过的单元格；全部通过时为空")
    table_four = TableFourRowOut(many=True)


class AnnualParams(serializers.Serializer):
    year = year_field(help_text="报告年度")
    organisation = id_field(required=False, help_text="只统计该机构（默认：本人可见的全部机构）")


class AnnualTablesApi(APIView):
    permission_classes = [IsStaff]
    token_scopes = {"GET": "foi:read"}

    @extend_schema(
        operation_id="manage_foi_annual_tables",
        summary="年度报告表三、表四（按年度，含上年结转、总计、结转下年度及勾稽校验）",
        parameters=[AnnualParams],
        responses={200: AnnualTablesOut},
    )
    def get(self, request: Request) -> Response:
        import datetime as dt

        from gongkai.foi.annual import table_four, table_three

        p = query(request, AnnualParams)
        apps = selectors.applications_for_staff(request.user)
        if p.get("organisation"):
            apps = apps.filter(organisation_id=p["organisation"])
        start, end = dt.date(p["year"], 1, 1), dt.date(p["year"], 12, 31)
        table = table_three(apps, start=start, end=end)
        table.update(year=p["year"], table_four=table_four(apps, start=start, end=end))
        return Response(AnnualTablesOut(table).data)
