"""Staff steps on an application 办理操作: one input class per step, shared by the back office's
forms and the REST API (like froide's ``views/request_actions.py``; docs/foi.md).

Each class validates its own fields with Chinese messages and bounds, then ``perform`` calls
the one service that owns the step (foi.services). Which steps are allowed now is asked of the
model (``Application.can``), never decided here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rest_framework import serializers

from gongkai.accounts.models import Organisation, User
from gongkai.core.api_fields import ClockDateField, IntField, id_field
from gongkai.foi import services
from gongkai.foi.documents import reply_document_generate, reply_document_serve
from gongkai.foi.law import DECISION_CHOICES, MAX_FEE_PAGES
from gongkai.foi.models import Action, Application, Challenge, Consultation, DocKind

# how the back office names each input when it shows an error (the API keys errors by field)
FIELD_LABELS = {
    "on": "日期",
    "handler": "承办人",
    "to": "转办机关",
    "reason": "理由",
    "items": "补正事项",
    "deadline": "补正期限",
    "text": "补正内容",
    "days": "延长工作日",
    "kind": "类型",
    "party": "名称",
    "sent_on": "送达日期",
    "consultation": "征求意见",
    "answered_on": "收到意见日期",
    "agrees": "意见",
    "reasons": "理由",
    "basis": "计费方式",
    "quantity": "件数/页数",
    "reply_by": "说明期限",
    "due": "合理期限",
    "outcome": "办理结果",
    "reply_text": "答复内容",
    "public_interest_reason": "公共利益理由",
    "document": "文书",
    "method": "送达方式",
    "receipt": "凭据",
    "result": "结果",
    "filed_on": "提起日期",
    "decided_on": "审结日期",
    "note": "说明",
    "file": "文件",
    "extra": "补充内容",
}


class StepDate(ClockDateField):
    """A step's date: within the law clock's range (a year like 0001 or 9999 is a typing
    error, and the working-day calendar cannot count there). Later-than-today and
    before-the-last-step are the services' rules (services._step_date)."""


def optional_day(help_text: str = "办理日期，默认今天；不得晚于今天") -> StepDate:
    return StepDate(required=False, allow_null=True, help_text=help_text)


class StepIn(serializers.Serializer):
    """Base of every step: ``name`` is the URL segment and the model's Action value."""

    name: ClassVar[str]
    success: ClassVar[str] = "已办理"

    def perform(self, *, actor: Any, app: Application) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def label(cls) -> str:
        return str(Action(cls.name).label)


class ConfirmIn(StepIn):
    name = Action.CONFIRM
    on = optional_day("双方确认日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.application_confirm(actor=actor, app=app, on=self.validated_data.get("on"))


class AssignIn(StepIn):
    name = Action.ASSIGN
    handler = id_field(help_text="承办人（本机关工作人员）的用户ID")

    def perform(self, *, actor: Any, app: Application) -> Application:
        handler = User.objects.filter(pk=self.validated_data["handler"]).first()
        if handler is None:
            raise serializers.ValidationError({"handler": ["请选择承办人"]})
        return services.application_assign(actor=actor, app=app, handler=handler)


class TransferIn(StepIn):
    name = Action.TRANSFER
    to = id_field(help_text="转办机关ID")
    reason = serializers.CharField(max_length=1000, help_text="转办理由")

    def perform(self, *, actor: Any, app: Application) -> Application:
        target = Organisation.objects.filter(pk=self.validated_data["to"], is_active=True).first()
        if target is None:
            raise serializers.ValidationError({"to": ["请选择转办机关"]})
        app = services.application_transfer(
            actor=actor, app=app, to=target, reason=self.validated_data["reason"]
        )
        self.success = f"已转由{target.name}办理"
        return app


class CorrectionIn(StepIn):
    name = Action.REQUEST_CORRECTION
    items = serializers.CharField(max_length=3000, help_text="需要补正的事项（一次性告知）")
    deadline = StepDate(help_text="补正期限")
    on = optional_day("告知日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.correction_request(actor=actor, app=app, **self.validated_data)


class CorrectedIn(StepIn):
    name = Action.REGISTER_CORRECTION
    text = serializers.CharField(max_length=3000, help_text="补正内容（线下收到）")
    on = optional_day("收到日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.correction_submit(actor=actor, app=app, **self.validated_data)


class ExtendIn(StepIn):
    name = Action.EXTEND
    days = IntField(min_value=1, max_value=20, help_text="延长的工作日（1至20）")
    reason = serializers.CharField(max_length=1000)
    on = optional_day("负责人同意日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.extension_approve(actor=actor, app=app, **self.validated_data)


class ConsultIn(StepIn):
    name = Action.CONSULT
    kind = serializers.ChoiceField(
        choices=[(Consultation.THIRD_PARTY, "第三方"), (Consultation.AGENCY, "其他机关")],
        help_text="third_party：第三方（第三十二条）；agency：其他机关（第三十四条）",
    )
    party = serializers.CharField(max_length=100, help_text="被征求意见方的名称")
    sent_on = optional_day("征求意见书送达日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.consultation_start(actor=actor, app=app, **self.validated_data).application


class ConsultedIn(StepIn):
    name = Action.ANSWER_CONSULTATION
    consultation = id_field(help_text="征求意见记录ID")
    answered_on = optional_day("收到意见日期；逾期未答复的留空")
    agrees = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="是否同意公开；未表态为空"
    )
    reasons = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def perform(self, *, actor: Any, app: Application) -> Application:
        data = self.validated_data
        consultation = app.consultations.filter(pk=data["consultation"]).first()
        if consultation is None:
            raise serializers.ValidationError({"consultation": ["没有这个征求意见记录"]})
        return services.consultation_answer(
            actor=actor,
            consultation=consultation,
            answered_on=data.get("answered_on"),
            agrees=data.get("agrees"),
            reasons=data["reasons"],
        )


class FeeIn(StepIn):
    name = Action.FEE_NOTICE
    basis = serializers.ChoiceField(
        choices=[("item", "按件计收"), ("volume", "按量计收")], help_text="item 按件；volume 按量"
    )
    quantity = IntField(
        min_value=1, max_value=MAX_FEE_PAGES, help_text=f"件数或页数（1至{MAX_FEE_PAGES}）"
    )
    on = optional_day("通知日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.fee_notice(actor=actor, app=app, **self.validated_data)


class PaidIn(StepIn):
    name = Action.FEE_PAID
    on = optional_day("缴费日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.fee_paid(actor=actor, app=app, on=self.validated_data.get("on"))


class ExcessiveAskIn(StepIn):
    name = Action.EXCESSIVE_ASK
    reply_by = StepDate(help_text="请申请人说明理由的期限")
    on = optional_day()

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.excessive_ask_reasons(actor=actor, app=app, **self.validated_data)


class ExcessivePeriodIn(StepIn):
    name = Action.EXCESSIVE_PERIOD
    due = StepDate(help_text="延迟答复的合理期限")
    reason = serializers.CharField(max_length=1000)
    on = optional_day()

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.excessive_set_period(actor=actor, app=app, **self.validated_data)


class SecrecyIn(StepIn):
    name = Action.SECRECY_REVIEW

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.secrecy_review(actor=actor, app=app)


class DecideIn(StepIn):
    name = Action.DECIDE
    outcome = serializers.ChoiceField(choices=DECISION_CHOICES, help_text="年报口径的办理结果")
    reply_text = serializers.CharField(max_length=10000)
    public_interest_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    on = optional_day("答复日期，默认今天")

    def perform(self, *, actor: Any, app: Application) -> Application:
        return services.application_decide(actor=actor, app=app, **self.validated_data)


class DocumentIn(StepIn):
    name = Action.DOCUMENT
    success = "文书已生成"
    kind = serializers.ChoiceField(choices=DocKind.choices)
    extra = serializers.DictField(
        child=serializers.CharField(max_length=2000),
        required=False,
        help_text='填入模板的补充内容，如 {"第三方": "某公司"}',
    )
    # the back office's form names these directly
    party = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    items = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")

    def perform(self, *, actor: Any, app: Application) -> Application:
        data = self.validated_data
        extra = {"延期理由": data["reason"], "第三方": data["party"], "补正事项": data["items"]}
        extra = {k: v for k, v in extra.items() if v} | dict(data.get("extra") or {})
        reply_document_generate(actor=actor, app=app, kind=data["kind"], extra=extra)
        return app


class ServeIn(StepIn):
    name = Action.SERVE
    document = id_field(help_text="文书ID")
    method = serializers.CharField(max_length=50, help_text="送达方式，如 电子邮件、邮寄")
    on = StepDate(help_text="送达日期")
    receipt = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def perform(self, *, actor: Any, app: Application) -> Application:
        data = self.validated_data
        document = app.documents.filter(pk=data["document"]).first()
        if document is None:
            raise serializers.ValidationError({"document": ["没有这个文书"]})
        reply_document_serve(
            actor=actor,
            document=document,
            method=data["method"],
            on=data["on"],
            receipt=data["receipt"],
        )
        return app


class ChallengeIn(StepIn):
    name = Action.CHALLENGE
    kind = serializers.ChoiceField(choices=Challenge.KINDS)
    result = serializers.ChoiceField(choices=Challenge.RESULTS, default="pending")
    filed_on = StepDate(help_text="提起日期")
    decided_on = optional_day("审结日期；尚未审结的留空")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def perform(self, *, actor: Any, app: Application) -> Application:
        services.challenge_record(actor=actor, app=app, **self.validated_data)
        return app


class ProactiveIn(StepIn):
    name = Action.TO_PROACTIVE
    success = "已生成主动公开草稿，请补充后提交审核"

    def perform(self, *, actor: Any, app: Application) -> Any:
        return services.application_to_proactive(actor=actor, app=app)


class ReleaseIn(StepIn):
    name = Action.RELEASE
    success = "已提供政府信息，申请人凭查询码可下载"
    file = serializers.FileField(
        help_text="提供给申请人的政府信息（PDF、Office 文档、图片或压缩包）"
    )

    def perform(self, *, actor: Any, app: Application) -> Application:
        services.released_file_attach(actor=actor, app=app, file=self.validated_data["file"])
        return app


# every staff step, keyed by its Action value; the URL conf makes one endpoint of each
STEPS: dict[str, type[StepIn]] = {
    cls.name: cls
    for cls in (
        ConfirmIn,
        AssignIn,
        TransferIn,
        CorrectionIn,
        CorrectedIn,
        ExtendIn,
        ConsultIn,
        ConsultedIn,
        FeeIn,
        PaidIn,
        ExcessiveAskIn,
        ExcessivePeriodIn,
        SecrecyIn,
        DecideIn,
        DocumentIn,
        ServeIn,
        ChallengeIn,
        ProactiveIn,
        ReleaseIn,
    )
}
