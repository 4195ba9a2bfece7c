"""Scorecard indicators 考核指标 and how each becomes 0–100 (docs/supervision.md#scorecards).

Seed 000 (如皋): 政务公开 weighs at least 4% of the annual performance assessment; which
indicators and weights the 政务公开办 uses are its own, so they are configured as versioned
``ScoreRule`` rows (each with the day it takes effect) and never hard-coded here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoreIndicator:
    key: str
    label: str
    how: str  # how the 0–100 value is computed, shown beside the score


INDICATORS = (
    ScoreIndicator(
        "timeliness",
        "法定时限按期完成率",
        "截止日期在考核期内的法定时限（主动公开、依申请公开、留言答复等）中按期完成的比例；"
        "期内无时限的记100分",
    ),
    ScoreIndicator(
        "completeness",
        "定期公开完整率",
        "截止日期在考核期内的定期公开事项（每月、每季度、每年）中，到考核期末已公开的期数比例；"
        "无定期事项的记100分",
    ),
    ScoreIndicator(
        "interaction",
        "留言按期答复率",
        "考核期内收到并已答复的留言中按期答复的比例；无留言的记100分",
    ),
    ScoreIndicator(
        "satisfaction",
        "留言满意率",
        "评价为满意、基本满意的留言占已评价留言的比例；无评价的记100分",
    ),
    ScoreIndicator(
        "foi",
        "依申请公开按时答复率",
        "考核期内答复的申请中在答复期限内答复的比例；无答复的记100分",
    ),
    ScoreIndicator(
        "challenges",
        "复议诉讼纠错",
        "考核期内提起、被行政复议或行政诉讼纠正的每件扣20分，最低0分",
    ),
    ScoreIndicator(
        "complaints",
        "公开投诉",
        "考核期内收到、经调查成立或部分成立的公开投诉每件扣20分，最低0分",
    ),
    ScoreIndicator(
        "inspection",
        "网站检查",
        "考核期末前最近一次网站自查中，本机构的文章页或目录事项页存在错链、断链或缺少网页标签的，"
        "每页扣10分，最低0分；首页和栏目类指标是整个网站的，不计入单个机构",
    ),
    ScoreIndicator(
        "evaluation",
        "第三方评估和社会评议",
        "考核期内结束的评估、评议轮次中各评议人打分的平均值（折算为百分制）；无评议的记100分",
    ),
)
KEYS = [i.key for i in INDICATORS]
DEFAULT_WEIGHTS = {
    "timeliness": 25,
    "completeness": 10,
    "interaction": 15,
    "satisfaction": 10,
    "foi": 15,
    "challenges": 5,
    "complaints": 5,
    "inspection": 5,
    "evaluation": 10,
}
CORRECTED_PENALTY = 20
INSPECTION_PENALTY = 10
