"""One set of submission limits for the web form and the API (docs/foi.md).

Per address: 10 applications an hour (a public terminal or an office still gets through);
per applicant (身份证号 / 统一社会信用代码, else name and phone): 20 a day. Heavier use is a
matter for 条例 第三十五条, which staff handle; these limits only stop automated floods.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.core.ratelimit import counter_add, rate_limited
from gongkai.foi.services import applicant_key

PER_ADDRESS, ADDRESS_WINDOW = 10, 3600
PER_APPLICANT, APPLICANT_WINDOW = 20, 24 * 3600


def submission_refused(request: HttpRequest, data: dict[str, Any]) -> str:
    """'' when the submission may go ahead, else the Chinese reason it may not."""
    if rate_limited(request, key="foi-apply", limit=PER_ADDRESS, window_seconds=ADDRESS_WINDOW):
        return "提交过于频繁，请1小时后再试。"
    count = counter_add("foi-applicant", applicant_key(data), window_seconds=APPLICANT_WINDOW)
    if count > PER_APPLICANT:
        return "同一申请人今日提交的申请已达20件，请明日再试；如确有需要，可当面或邮寄提交。"
    return ""
