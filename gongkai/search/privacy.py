"""What a search log may keep and what a suggestion may show (个人信息保护; docs/search.md).

A visitor's query is their own: it is stored masked (身份证号, 手机号, e-mail), tied only to a
keyed hash of the visitor, purged after ``SEARCH_LOG_RETENTION_DAYS``, and offered to other
visitors as a suggestion only when at least ``SEARCH_SUGGEST_MIN_VISITORS`` different visitors
typed it and it carries nothing that looks personal (a person's name, a run of digits).
"""

from __future__ import annotations

import hashlib
import hmac
import re

import rjieba
from django.conf import settings

from gongkai.core.context import client_ip
from gongkai.core.privacy import mask_personal_data

DIGIT_RUN = re.compile(r"\d{5,}")  # ID, phone, bank-card or case numbers, whole or in part
PERSON_TAGS = {"nr", "nrfg", "nrt"}  # jieba's tags for personal names


def mask_query(text: str) -> str:
    """What the log keeps of a query: personal numbers masked before anything is stored."""
    return mask_personal_data(text)


def looks_personal(text: str) -> bool:
    """A query that may identify someone: masked or long digit runs, '@', or a person's name."""
    if "*" in text or "@" in text or DIGIT_RUN.search(text):
        return True
    return any(tag in PERSON_TAGS for _word, tag in rjieba.tag(text))


def visitor_key(request) -> str:  # type: ignore[no-untyped-def]
    """A keyed hash of who searched (session, else address and browser); never reversible."""
    session = getattr(request, "session", None)
    basis = (session.session_key if session is not None else None) or "|".join(
        [
            client_ip.get() or request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_USER_AGENT", ""),
        ]
    )
    return hmac.new(settings.SECRET_KEY.encode(), basis.encode(), hashlib.sha256).hexdigest()[:32]
