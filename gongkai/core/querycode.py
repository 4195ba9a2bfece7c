"""查询码: the code that, with a case's number, lets a citizen follow it without an account
(FOI applications, 政民互动 messages). Shown once, stored hashed."""

from __future__ import annotations

import secrets
from typing import Any, TypeVar

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Model, QuerySet

# no 0/O, 1/I/L: read aloud over the phone and typed from a printed receipt
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
M = TypeVar("M", bound=Model)


def query_code_new() -> tuple[str, str]:
    """(the plain code to show once, its hash to store)."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return code, make_password(code)


def query_code_find(qs: QuerySet[M], *, number_field: str, number: str, code: str) -> M | None:
    """The case with this number whose code matches, else None — with the same work (and
    answer) for an unknown number as for a wrong code."""
    obj: Any = qs.filter(**{number_field: number.strip().upper()[:20]}).first()
    if obj is None:
        make_password(code)
        return None
    return obj if check_password(code.strip().upper(), obj.query_code_hash) else None
