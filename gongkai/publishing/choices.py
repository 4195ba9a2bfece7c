"""Enumerations of government information (docs/publishing.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Genre(models.TextChoices):
    """体裁 (文种 of 《党政机关公文处理工作条例》 plus common publication types)."""

    NOTICE = "notice", _("通知")
    ANNOUNCEMENT = "announcement", _("公告")
    CIRCULAR = "circular", _("通告")
    OPINION = "opinion", _("意见")
    DECISION = "decision", _("决定")
    MEASURES = "measures", _("办法")
    PROVISIONS = "provisions", _("规定")
    RULES = "rules", _("细则")
    PLAN = "plan", _("方案")
    PLANNING = "planning", _("规划")
    REPORT = "report", _("报告")
    REPLY = "reply", _("批复")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    NEWS = "news", _("工作动态")
    INTERPRETATION = "interpretation", _("政策解读")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    ABOLISHED = "abolished", _("废止")


class Attribute(models.TextChoices):
    """公开属性 (国办发〔2016〕80号实施细则: 拟制公文时明确属性, 不公开须说明理由)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class PubStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审")
    RETURNED = "returned", _("退回")
    APPROVED = "approved", _("已审待同步发布")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class PubAction(models.TextChoices):
    """What can be done to a publication 发布操作; each one is a service in publishing.services."""

    EDIT = "edit", _("修改")
    SUBMIT = "submit", _("提交审核")
    REVIEW = "review", _("审核")
    EXEMPT_INTERPRETATION = "exempt", _("免于同步解读")
    REVISE = "revise", _("修订")
    WITHDRAW = "withdraw", _("撤回")
    PUBLISH = "publish", _("发布")  # the workflow itself: last review level or schedule


PUB_ALLOWED_FROM: dict[str, frozenset[str]] = {
    PubAction.EDIT: frozenset({PubStatus.DRAFT, PubStatus.RETURNED}),
    PubAction.SUBMIT: frozenset({PubStatus.DRAFT, PubStatus.RETURNED}),
    PubAction.REVIEW: frozenset({PubStatus.PENDING}),
    PubAction.EXEMPT_INTERPRETATION: frozenset(
        {PubStatus.DRAFT, PubStatus.RETURNED, PubStatus.PENDING, PubStatus.APPROVED}
    ),
    PubAction.REVISE: frozenset({PubStatus.PUBLISHED}),
    PubAction.WITHDRAW: frozenset({PubStatus.PUBLISHED, PubStatus.SCHEDULED}),
    PubAction.PUBLISH: frozenset({PubStatus.PENDING, PubStatus.APPROVED, PubStatus.SCHEDULED}),
}
PUB_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PubAction.SUBMIT: (PubStatus.PENDING,),
    PubAction.REVIEW: (
        PubStatus.PENDING,  # a further level is needed
        PubStatus.RETURNED,
        PubStatus.APPROVED,  # 三同步: held for its interpretation
        PubStatus.SCHEDULED,
        PubStatus.PUBLISHED,
    ),
    PubAction.WITHDRAW: (PubStatus.WITHDRAWN,),
    PubAction.PUBLISH: (PubStatus.PUBLISHED,),
}
PUB_REFUSALS: dict[str, str] = {
    PubAction.EDIT: "只有草稿或退回的信息可以直接修改；已发布的信息请使用“修订”",
    PubAction.SUBMIT: "只有草稿或退回的信息可以提交审核",
    PubAction.REVIEW: "该信息不在待审状态",
    PubAction.EXEMPT_INTERPRETATION: "已发布或已撤回的信息不能再豁免同步解读",
    PubAction.REVISE: "只有已发布的信息可以修订",
    PubAction.WITHDRAW: "只有已发布或定时发布的信息可以撤回",
    PubAction.PUBLISH: "该信息当前不能发布",
}


class InterpretationKind(models.TextChoices):
    """政策解读形式."""

    TEXT = "text", _("文字解读")
    ILLUSTRATED = "illustrated", _("图文解读")
    GRAPHIC = "graphic", _("图解")
    MEDIA = "media", _("音视频解读")
    QA = "qa", _("政策简明问答")
    EXPERT = "expert", _("专家/负责人解读")


class AudienceTag(models.TextChoices):
    EVERYDAY = "everyday", _("百姓身边事")
    ENTERPRISE = "enterprise", _("企业服务")
    ELDERLY = "elderly", _("老年人")
    RURAL = "rural", _("农村群众")


TOPICS = [  # 主题分类 of 国务院公文
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
]
