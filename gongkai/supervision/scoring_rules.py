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
)
KEYS = [i.key for i in INDICATORS]
DEFAULT_WEIGHTS = {
    "timeliness": 40,
    "interaction": 20,
    "satisfaction": 10,
    "foi": 20,
    "challenges": 10,
}
CORRECTED_PENALTY = 20
