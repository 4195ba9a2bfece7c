"""Flood limits on new messages, the same for the web form, the REST API and Open311
(docs/interaction.md#limits): 10 an hour per network address, 5 a day per phone or e-mail."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.core.ratelimit import counter_add, rate_limited

PER_ADDRESS, PER_CONTACT = 10, 5


def submission_refused(request: HttpRequest, contact: str) -> str:
    """A Chinese reason when this submission is over a limit, else ""; counts it otherwise."""
    if rate_limited(request, key="hd-write", limit=PER_ADDRESS, window_seconds=3600):
        return "留言提交过于频繁，请1小时后再试。"
    if contact and counter_add("hd-contact", contact, window_seconds=24 * 3600) > PER_CONTACT:
        return "同一联系方式今日已提交5条留言，请明日再试，或拨打12345热线。"
    return ""
