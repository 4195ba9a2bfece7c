"""Figures of 政民互动 (docs/interaction.md#figures): per organisation, kind and month —
received, 当场答复, answered, 办结, on time, average working days, 满意率, reopen rate — each
counted in the database in one grouped query. Pages, the xlsx export and the API read them
from here.

Definitions (shown on the pages under the tables):
- 收到: messages received in the period (by 收到日期);
- 当场答复: answered on the spot at intake;
- 已答复: an answer was given (what happened afterwards aside);
- 办结: no longer open — answered, closed after rating, 不予受理 with its reason, or 转信访;
- 按期答复: answered on or before the reply due date;
- 平均用时: working days from receipt to answer, by the law clock (Message.answer_working_days);
- 满意率: (满意 + 基本满意) / rated; 重新办理率: reopened / answered.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from gongkai.interaction.choices import OPEN_STATUSES, Kind, Rating
from gongkai.interaction.models import Message

GROUPS = {"organisation": "organisation__name", "kind": "kind", "month": "month"}
COLUMNS = [
    ("received", "收到"),
    ("on_spot", "当场答复"),
    ("answered", "已答复"),
    ("done", "办结"),
    ("on_time", "按期答复"),
    ("avg_days", "平均用时（工作日）"),
    ("on_spot_rate", "当场答复率"),
    ("done_rate", "办结率"),
    ("on_time_rate", "按期答复率"),
    ("satisfied_rate", "满意率"),
    ("reopen_rate", "重新办理率"),
]


def _aggregates() -> dict[str, Any]:
    answered = Q(answered_at__isnull=False)
    return {
        "received": Count("id"),
        "on_spot": Count("id", filter=Q(answer_on_spot=True)),
        "answered": Count("id", filter=answered),
        "done": Count("id", filter=~Q(status__in=list(OPEN_STATUSES))),
        "on_time": Count("id", filter=answered & Q(answered_at__date__lte=F("reply_due"))),
        "avg_days": Avg("answer_working_days", filter=answered),
        "rated": Count("id", filter=~Q(rating="")),
        "satisfied": Count("id", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASIC])),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["avg_days"] = round(row["avg_days"], 1) if row["avg_days"] is not None else None
    row["on_spot_rate"] = _rate(row["on_spot"], row["received"])
    row["done_rate"] = _rate(row["done"], row["received"])
    row["on_time_rate"] = _rate(row["on_time"], row["answered"])
    row["satisfied_rate"] = _rate(row["satisfied"], row["rated"])
    row["reopen_rate"] = _rate(row["reopened"], row["answered"])
    if "kind" in row:
        row["kind_label"] = str(Kind(row["kind"]).label)
    return row


def message_figures(
    qs: QuerySet[Message], *, start: dt.date, end: dt.date, by: str = ""
) -> list[dict[str, Any]]:
    """One row for the whole period (``by`` empty) or one per organisation, kind or month."""
    qs = qs.filter(received_on__gte=start, received_on__lte=end)
    if not by:
        return [_finish(qs.aggregate(**_aggregates()))]
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    if by == "month":
        qs = qs.annotate(month=TruncMonth("received_on"))
    rows = qs.values(GROUPS[by]).annotate(**_aggregates()).order_by(GROUPS[by])
    result = []
    for row in rows:
        row = dict(row)
        if by == "organisation":
            row["label"] = row.pop("organisation__name")
        elif by == "kind":
            row["label"] = str(Kind(row["kind"]).label)
        else:
            month = row["month"]
            row["label"] = f"{month:%Y年%m月}" if month else ""
        result.append(_finish(row))
    return result


def figures_overview(qs: QuerySet[Message], *, start: dt.date, end: dt.date) -> dict[str, Any]:
    """What the figure pages show above their tables: the totals and the monthly bars."""
    months = message_figures(qs, start=start, end=end, by="month")
    return {
        "total": message_figures(qs, start=start, end=end)[0],
        "months": months,
        "peak": max([m["received"] for m in months] or [1]),
        "columns": COLUMNS,
        "start": start,
        "end": end,
    }


def figures_period(params: Any, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The period asked for on a page (``year`` or ``start``/``end``), else this year so far;
    returns a Chinese note when the input was not understood."""
    try:
        if params.get("start") or params.get("end"):
            end = dt.date.fromisoformat(params.get("end") or today.isoformat())
            start = dt.date.fromisoformat(params.get("start") or f"{end.year:04d}-01-01")
        else:
            year = int(params.get("year") or today.year)
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
        if end < start or start.year < 2000 or (end - start).days > 3660:
            raise ValueError
        return start, end, ""
    except (ValueError, TypeError):
        return dt.date(today.year, 1, 1), today, "统计期间不正确，已显示本年度数据"


def figures_xlsx(tables: dict[str, list[dict[str, Any]]], *, start: dt.date, end: dt.date) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in tables.items():
        ws = wb.create_sheet(title)
        ws.append([f"政民互动办理情况统计（{title}）"])
        ws.append([f"统计期间：{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"])
        ws.append(["项目", *[label for _k, label in COLUMNS]])
        for row in rows:
            ws.append([row.get("label", "合计"), *[row[k] for k, _l in COLUMNS]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def message_figures_by_organisation_id(
    qs: QuerySet[Message], *, start: dt.date, end: dt.date
) -> dict[int, dict[str, Any]]:
    """The same figures keyed by organisation id, in one grouped query (scorecards)."""
    qs = qs.filter(received_on__gte=start, received_on__lte=end)
    rows = qs.values("organisation_id").annotate(**_aggregates()).order_by()
    return {row["organisation_id"]: _finish(dict(row)) for row in rows}
