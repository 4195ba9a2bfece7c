"""Website self-inspection thresholds (网站自查), from 国办秘函〔2019〕19号《政府网站与政务新媒体
检查指标》 (cn-rules.md §3.2; docs/supervision.md#inspection). Each single-veto item (单项否决)
names its indicator text; the platform's own choices are marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

BASIS = "国办秘函〔2019〕19号"

# 首页不更新: "监测2周，首页无信息更新的，即单项否决。"
HOME_DAYS = 14
# 栏目不更新 1: "监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、政策
# 文件类一级栏目，累计超过(含)5个未更新。"
NEWS_DAYS, NOTICE_DAYS, STALE_LIMIT = 14, 183, 5
NEWS_TYPES = frozenset({"动态要闻"})  # Column.column_type of 动态、要闻类 columns
# 栏目不更新 2: "应更新但长期未更新的栏目数量超过(含)10个。" How long is 长期 the indicator does
# not say: one year, the platform's choice.
LONG_DAYS, LONG_LIMIT = 365, 10
# 栏目不更新 3: "空白栏目数量超过(含)5个。"
EMPTY_LIMIT = 5
# 互动回应差 2: "监测时间点前1年内，…存在超过3个月未回应有效留言的现象。"
UNANSWERED_DAYS, LOOKBACK_DAYS = 91, 365

# 网页标签: every public page carries the site and column tags; an article page its own too
# (cn-rules.md §3.1, 《政府网站发展指引》 attachment as applied by real gov.cn pages)
PAGE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource")
ARTICLE_PREFIX = "/art/"

# the crawler: the portal's own public pages only, bounded
MAX_PAGES = 400
SKIP_PREFIXES = ("/manage/", "/admin/", "/accounts/", "/api/", "/media/", "/static/", "/mode/")
SKIP_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xml", ".json", ".png", ".jpg", ".zip")


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str  # the indicator as the national table names it
    rule: str  # the threshold, in the table's words
    veto: bool  # 单项否决


INDICATORS = (
    Indicator("home", "首页不更新", "监测2周，首页无信息更新的，即单项否决", True),
    Indicator(
        "stale",
        "栏目不更新（动态要闻、通知公告和政策文件类栏目）",
        "前2周内的动态、要闻类栏目，以及前6个月内的通知公告、政策文件类一级栏目，累计超过（含）5个未更新",
        True,
    ),
    Indicator(
        "long",
        "栏目不更新（长期未更新）",
        "应更新但长期（一年以上）未更新的栏目数量超过（含）10个",
        True,
    ),
    Indicator("empty", "空白栏目", "空白栏目数量超过（含）5个", True),
    Indicator(
        "interaction",
        "互动回应差",
        "监测时间点前1年内，存在超过3个月未回应有效留言的现象",
        True,
    ),
    Indicator("links", "链接可用性", "网站内部链接和外部链接应可正常访问（错链、断链）", False),
    Indicator("tags", "网页标签", "页面应包含网站、栏目标签，文章页应包含文章标签", False),
)
