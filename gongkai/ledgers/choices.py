"""States and actions of 惠民资金 payment batches, declared once and asked by services,
templates and the API (docs/ledgers.md#review)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    """发放批次 状态: imported lists wait for their 审核人 before they are 公示 (先审后发)."""

    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公示")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


class BatchAction(models.TextChoices):
    APPROVE = "approve", _("审核通过并公示")
    RETURN = "return", _("退回")
    WITHDRAW = "withdraw", _("撤回公示")


ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    BatchAction.APPROVE: (BatchStatus.PENDING,),
    BatchAction.RETURN: (BatchStatus.PENDING,),
    BatchAction.WITHDRAW: (BatchStatus.PUBLISHED,),
}
REFUSALS: dict[str, str] = {
    BatchAction.APPROVE: "只有待审核的批次可以审核公示",
    BatchAction.RETURN: "只有待审核的批次可以退回",
    BatchAction.WITHDRAW: "只有已公示的批次可以撤回",
}


class ImportStatus(models.TextChoices):
    PLANNED = "planned", _("待确认")
    APPLIED = "applied", _("已导入")
    DISCARDED = "discarded", _("已放弃")


AUDIT_LABELS = {
    "ledgers.programme_create": "新建惠民资金项目",
    "ledgers.programme_update": "修改惠民资金项目",
    "ledgers.import_plan": "上传发放名单（预览）",
    "ledgers.import_apply": "确认导入发放名单",
    "ledgers.import_discard": "放弃导入发放名单",
    "ledgers.batch_approve": "发放名单审核公示",
    "ledgers.batch_return": "退回发放名单",
    "ledgers.batch_withdraw": "撤回发放名单公示",
    "ledgers.lookup": "查询本人惠民资金",
    "ledgers.identity_save": "保存本人查询身份",
    "ledgers.identity_forget": "删除本人查询身份",
}
