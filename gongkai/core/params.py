"""Bounds for query parameters that reach the database (no value may cause a 500)."""

from __future__ import annotations

YEAR_MIN, YEAR_MAX = 1949, 2100  # publication and document years the platform can hold


def int_param(value: object, *, low: int, high: int) -> int | None:
    """``value`` as an int within [low, high], else None (the filter is then ignored)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def year_param(value: object) -> int | None:
    return int_param(value, low=YEAR_MIN, high=YEAR_MAX)


def id_param(value: object) -> int | None:
    """A primary key: a positive int that fits any database's integer column."""
    return int_param(value, low=1, high=2**31 - 1)
