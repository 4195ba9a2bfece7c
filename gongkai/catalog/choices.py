"""Enumerations of the disclosure catalog (cn-rules §4.3; docs/catalog.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """五公开 (国办发〔2016〕8号, 〔2017〕42号): 决策、执行、管理、服务、结果公开."""

    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class Channel(models.TextChoices):
    """公开渠道和载体: the 13 tick boxes of real catalogs (cn-rules §4.3)."""

    WEBSITE = "website", _("政府网站")
    NEW_MEDIA = "new_media", _("两微一端")
    RADIO_TV = "radio_tv", _("广播电视")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_STATION = "service_station", _("便民服务站")
    GAZETTE = "gazette", _("政府公报")
    PRESS_HEARING = "press_hearing", _("发布会/听证会")
    PRINT_MEDIA = "print_media", _("纸质媒体")
    SERVICE_CENTER = "service_center", _("政务服务中心")
    ON_SITE = "on_site", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("社区/企事业单位/村公示栏(电子屏)")
    TARGETED_PUSH = "targeted_push", _("精准推送")
    OTHER = "other", _("其他")


class Audience(models.TextChoices):
    """公开对象 (the source column reads 特定群众, not 特定群体)."""

    PUBLIC = "public", _("全社会")
    SPECIFIC = "specific", _("特定群众")


class DisclosureMode(models.TextChoices):
    """公开方式; anything but 主动公开 needs its legal basis, a reason and 政务公开办 review."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class LegalLevel(models.TextChoices):
    LAW = "law", _("法律")
    ADMIN_REGULATION = "admin_regulation", _("行政法规")
    DEPT_RULE = "dept_rule", _("部门规章")
    LOCAL_REGULATION = "local_regulation", _("地方性法规")
    LOCAL_RULE = "local_rule", _("地方政府规章")
    NORMATIVE_DOC = "normative_doc", _("规范性文件")


class TimeLimitKind(models.TextChoices):
    EVENT = "event", _("事件触发")
    PERIODIC = "periodic", _("定期")
    TEXT_ONLY = "text", _("仅文字说明")


class DayUnit(models.TextChoices):
    WORKING = "working", _("工作日")
    CALENDAR = "calendar", _("自然日")


class Period(models.TextChoices):
    REALTIME = "realtime", _("实时")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    YEARLY = "yearly", _("每年")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING_REVIEW = "pending", _("待审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已发布")
    REVOKED = "revoked", _("已取消")


class ItemAction(models.TextChoices):
    """What can be done to a catalog item 事项操作; each one is a service in catalog.services."""

    EDIT = "edit", _("编辑草稿")
    SUBMIT = "submit", _("提交/发布")
    ADJUST = "adjust", _("动态调整")
    REVOKE = "revoke", _("取消事项")


ITEM_ALLOWED_FROM: dict[str, frozenset[str]] = {
    ItemAction.EDIT: frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED}),
    ItemAction.SUBMIT: frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED}),
    ItemAction.ADJUST: frozenset({ItemStatus.PUBLISHED}),
    ItemAction.REVOKE: frozenset({ItemStatus.PUBLISHED}),
}
ITEM_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ItemAction.SUBMIT: (ItemStatus.PENDING_REVIEW, ItemStatus.PUBLISHED),
    ItemAction.ADJUST: (ItemStatus.PUBLISHED,),  # a new version: 待审核 / 待生效 / 已生效
    ItemAction.REVOKE: (ItemStatus.REVOKED,),
}
ITEM_REFUSALS: dict[str, str] = {
    ItemAction.EDIT: "已发布或待审核的事项不能直接修改，请使用“动态调整”",
    ItemAction.SUBMIT: "只有草稿或已退回的事项可以提交",
    ItemAction.ADJUST: "只有已发布的事项需要动态调整；草稿请直接修改",
    ItemAction.REVOKE: "只有已发布的事项可以取消",
}


class ChangeKind(models.TextChoices):
    ADDED = "added", _("新增")
    ADJUSTED = "adjusted", _("调整")
    REVOKED = "revoked", _("取消")


class VersionStatus(models.TextChoices):
    PENDING_REVIEW = "pending", _("待审核")
    SCHEDULED = "scheduled", _("待生效")
    EFFECTIVE = "effective", _("已生效")
    RETURNED = "returned", _("已退回")


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("同意")
    RETURNED = "returned", _("退回")


class PowerCategory(models.TextChoices):
    """权责清单 categories (行政权力事项 十类)."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    PAYMENT = "payment", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")
