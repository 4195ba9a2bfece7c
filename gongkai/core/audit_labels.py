"""How the audit log reads to people: Chinese action names, field names and values.

The log stores codes (``foi.decide``, ``{"due_date": "2026-12-01"}``) so that it stays exact and
searchable; pages and exports show them through ``describe`` (docs/audit-and-jobs.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

ACTION_LABELS = {
    "account.password_reset": "重设密码",
    "account.password_reset_request": "申请找回密码",
    "catalog_item.adjust": "目录事项动态调整",
    "catalog_item.create": "新建目录事项",
    "catalog_item.revoke": "取消目录事项",
    "catalog_item.submit": "提交目录事项",
    "catalog_item.update": "修改目录事项草稿",
    "catalog_review.decide": "审核非主动公开事项",
    "catalog_version.effective": "目录版本生效",
    "deadline.recompute": "法定时限重新计算",
    "domain.merge": "合并领域",
    "domain.rename": "领域改名",
    "domain.reorder": "调整领域顺序",
    "foi.abandoned": "依申请公开：视为放弃",
    "foi.decide": "依申请公开：作出答复",
    "foi.release": "依申请公开：提供政府信息",
    "alert.acknowledge": "确认监督提醒",
    "annual_report.create": "生成年度报告",
    "annual_report.edit": "修改年度报告",
    "annual_report.publish": "公布年度报告",
    "api_token.create": "创建API访问令牌",
    "api_token.revoke": "撤销API访问令牌",
    "foi.extend": "依申请公开：延期答复",
    "foi.submit": "依申请公开：提交申请",
    "foi.transfer": "依申请公开：转办",
    "gazette.build": "编印政府公报",
    "holiday.admin_edit": "节假日维护（管理后台）",
    "holiday.seed": "导入节假日数据",
    "holiday.year_save": "保存年度节假日安排",
    "laws.import": "导入法律法规",
    "monitor_rule.create": "设定在线监督规则",
    "publication.create": "新建政府信息",
    "publication.exempt_interpretation": "免于同步解读",
    "publication.publish": "发布政府信息",
    "publication.review": "审核政府信息",
    "publication.revise": "修订政府信息",
    "publication.submit": "提交审核",
    "publication.update": "修改政府信息草稿",
    "publication.withdraw": "撤回政府信息",
    "score.publish": "公布成绩单",
    "score_rule.create": "设定考核规则",
    "user.create": "新建账号",
    "login.locked": "登录失败过多已暂停",
    "accounts.phone_verified": "验证手机号",
}
KEY_LABELS = {  # keys that are not model fields
    "days": "天数",
    "years": "年度",
    "source": "数据来源",
    "level": "审核级别",
    "approved": "审核通过",
    "version": "版本",
    "change": "调整类型",
    "channel": "提交渠道",
    "outcome": "办理结果",
    "created": "新增",
    "updated": "更新",
    "errors": "出错文件数",
}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_value(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) > 19 and value[10:11] == "T":
        try:  # a stored moment reads as local time to the minute
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment.tzinfo else value
    return str(value)


def _choice(object_type: str, key: str, value: Any) -> Any:
    """A coded value of a field with choices reads as its label ("published" → "已发布")."""
    model = _model(object_type)
    if model is None or not isinstance(value, str):
        return value
    try:
        choices = dict(model._meta.get_field(key).flatchoices)
    except FieldDoesNotExist:
        return value
    return str(choices.get(value, value))


def _model(object_type: str):  # type: ignore[no-untyped-def]
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def register_action_labels(labels: dict[str, str]) -> None:
    """An app's Chinese names for its own audit actions, from its ``apps.py``: core keeps
    knowing no app, and every action the log shows reads in Chinese."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


def field_label(object_type: str, key: str) -> str:
    model = _model(object_type)
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    return KEY_LABELS.get(key, key)


def describe(event: Any) -> list[Change]:
    """The event's changes as (field, old, new) in Chinese, in the order they were written."""
    keys = list(event.new_values) + [k for k in event.old_values if k not in event.new_values]
    return [
        Change(
            field_label(event.object_type, key),
            _value(_choice(event.object_type, key, event.old_values.get(key))),
            _value(_choice(event.object_type, key, event.new_values.get(key))),
        )
        for key in keys
    ]
